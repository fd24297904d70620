select id, action, created_at from gitlab_partitions_dynamic.events_2025 order by id;
