create table doc (
  id bigint primary key,
  owner_id bigint not null,
  title text not null,
  slug varchar(80) not null,
  body tsvector,
  tags text[],
  meta jsonb,
  span daterange,
  created_at timestamptz not null default now(),
  score double precision
);
create index doc_owner on doc (owner_id);
