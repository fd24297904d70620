-- Text search dictionaries and configurations: a dictionary's options
-- change (altered), a configuration a generated column and an index name
-- changes its mappings (kept: its mappings made again in place), one gets a
-- mapping more, one is dropped, one is added.
create text search dictionary simple_keep (template = simple, accept = true);
create text search dictionary english_snow (template = snowball, language = english);
create text search configuration doc_en (copy = english);
alter text search configuration doc_en alter mapping for asciiword, word with simple_keep, english_stem;
comment on text search configuration doc_en is 'documents';
create text search configuration plain_cfg (parser = default);
alter text search configuration plain_cfg add mapping for asciiword with simple;
create text search configuration gone_cfg (copy = simple);
create table doc (id integer primary key, body text,
  tsv tsvector generated always as (to_tsvector('doc_en', coalesce(body, ''))) stored);
create index doc_fts on doc using gin (to_tsvector('doc_en'::regconfig, body));
