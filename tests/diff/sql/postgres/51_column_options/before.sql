create table blob_store (
  id bigint primary key,
  name text not null,
  payload bytea,
  doc jsonb,
  note text
);
alter table blob_store alter column note set storage main;
alter table blob_store alter column name set statistics 50;
