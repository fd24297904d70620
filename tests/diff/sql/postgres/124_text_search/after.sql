create text search dictionary simple_keep (template = simple, stopwords = english, accept = false);
create text search dictionary english_snow (template = snowball, language = english);
create text search configuration doc_en (copy = english);
alter text search configuration doc_en alter mapping for asciiword with english_snow, english_stem;
comment on text search configuration doc_en is 'documents';
create text search configuration plain_cfg (parser = default);
alter text search configuration plain_cfg add mapping for asciiword, word with simple;
create text search configuration new_cfg (copy = german);
create table doc (id integer primary key, body text,
  tsv tsvector generated always as (to_tsvector('doc_en', coalesce(body, ''))) stored);
create index doc_fts on doc using gin (to_tsvector('doc_en'::regconfig, body));
