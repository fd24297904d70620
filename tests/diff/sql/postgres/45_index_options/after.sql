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
create index doc_owner on doc (owner_id) include (title, created_at);
create unique index doc_slug_owner on doc (owner_id, slug) include (id);
create index doc_slug_prefix on doc (slug varchar_pattern_ops);
create index doc_title_c on doc (title collate "C" desc nulls last);
create index doc_title_lower on doc (lower(title) text_pattern_ops) where score > 0;
create index doc_score on doc (score nulls first);
create index doc_body on doc using gin (body);
create index doc_tags on doc using gin (tags) where tags is not null;
create index doc_meta_path on doc using gin (meta jsonb_path_ops);
create index doc_span on doc using gist (span);
create index doc_created on doc using brin (created_at);
create index doc_slug_hash on doc using hash (slug);
create index doc_owner_title_expr on doc ((owner_id + 1), upper(title) collate "C");
