-- A partition set in another namespace between two databases: paired by
-- its table and name, moved (ALTER TABLE ... SET SCHEMA) with its rows,
-- its renamed copy of the table's key, its own check and its comment.
create schema gitlab_partitions_static;
create schema gitlab_partitions_dynamic;
create table ci_builds (id bigint not null, partition_id bigint not null, name text,
  primary key (id, partition_id)) partition by list (partition_id);
create index index_ci_builds_on_name on ci_builds (name);
create table gitlab_partitions_static.ci_builds_100 partition of ci_builds for values in (100);
create table gitlab_partitions_dynamic.ci_builds_101 partition of ci_builds for values in (101);
alter index gitlab_partitions_static.ci_builds_100_pkey rename to ci_builds_100_pk;
alter table gitlab_partitions_static.ci_builds_100 add constraint ci_builds_100_id check (id > 0);
comment on table gitlab_partitions_static.ci_builds_100 is 'the first builds';
