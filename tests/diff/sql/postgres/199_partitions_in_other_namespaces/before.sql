-- GitLab's layout: partitioned tables in public, their partitions in
-- gitlab_partitions_static (hash partitions made once) and
-- gitlab_partitions_dynamic (range partitions made as time goes); copies of
-- the parent's keys and indexes live in the partition's namespace.
create schema gitlab_partitions_dynamic;
create schema gitlab_partitions_static;
create schema billing;
create function touch_updated_at() returns trigger language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end
$$;
create table events (
  id bigint not null,
  project_id bigint not null,
  action text not null,
  created_at timestamptz not null,
  updated_at timestamptz,
  primary key (id, created_at)
) partition by range (created_at);
create unique index index_events_on_project_id_and_id on events (project_id, id, created_at);
create index index_events_on_action on events (action);
alter table events add constraint events_project_action unique (project_id, action, created_at);
create trigger events_touch before update on events for each row execute function touch_updated_at();
create table gitlab_partitions_static.events_2025 partition of events
  for values from ('2025-01-01') to ('2026-01-01');
create table gitlab_partitions_dynamic.events_2026 partition of events
  for values from ('2026-01-01') to ('2027-01-01') partition by range (created_at);
create table gitlab_partitions_dynamic.events_2026_h1 partition of gitlab_partitions_dynamic.events_2026
  for values from ('2026-01-01') to ('2026-07-01');
create table gitlab_partitions_static.events_2026_other partition of gitlab_partitions_dynamic.events_2026 default;
alter index gitlab_partitions_static.events_2025_pkey rename to events_2025_pk;
comment on table gitlab_partitions_dynamic.events_2026_h1 is 'the first half';
comment on column gitlab_partitions_static.events_2025.action is 'what happened';
create index events_2025_updated_at on gitlab_partitions_static.events_2025 (updated_at);
alter table gitlab_partitions_static.events_2025 add constraint events_2025_id_positive check (id > 0);
create trigger events_2025_audit after insert on gitlab_partitions_static.events_2025
  for each row execute function touch_updated_at();
create table issue_stage_events (
  stage_event_hash_id bigint not null,
  issue_id bigint not null,
  start_event_timestamp timestamptz,
  primary key (stage_event_hash_id, issue_id)
) partition by hash (stage_event_hash_id);
create index index_issue_stage_events_on_start on issue_stage_events (start_event_timestamp);
create table gitlab_partitions_static.issue_stage_events_00 partition of issue_stage_events
  for values with (modulus 2, remainder 0);
create table gitlab_partitions_static.issue_stage_events_01 partition of issue_stage_events
  for values with (modulus 2, remainder 1);
-- the other way round: a table of another namespace, a partition in public
create table billing.invoices (id bigint not null, region text not null, primary key (id, region))
  partition by list (region);
create table invoices_eu partition of billing.invoices for values in ('eu');
