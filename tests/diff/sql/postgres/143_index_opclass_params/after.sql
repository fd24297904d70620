-- An operator class given parameters in an index key (pg_trgm's siglen):
-- pg_get_indexdef prints "title gist_trgm_ops (siglen='32')", which is an
-- operator class after a column, not an expression to parenthesise; and
-- the index column's options are the index's, not a column option to warn of.
create extension if not exists pg_trgm;
create table doc (id integer primary key, title text, body text);
create index doc_title_trgm on doc using gist (title gist_trgm_ops(siglen=32));
create index doc_body_trgm on doc using gist (lower(body) gist_trgm_ops(siglen=64), title collate "C" gist_trgm_ops);
