create table blob_store (
  id bigint primary key,
  name text not null,
  payload bytea,
  doc jsonb,
  note text
);
alter table blob_store alter column payload set storage external;
alter table blob_store alter column doc set compression pglz;
alter table blob_store alter column id set statistics 500;
alter table blob_store alter column name set statistics 0;
