-- The copies PostgreSQL attaches to each partition for an index or a key of
-- the partitioned table, named other than PostgreSQL names them (issue 13,
-- item 5: they were made again under PostgreSQL's name and no diff saw it).
-- Before: ev_2025's copies bear PostgreSQL's names but one, which has a
-- comment; ev_2026's key and an expression index's copy bear names of
-- their own, which go back to PostgreSQL's.
create table ev (id integer not null, at date not null, kind text, note text,
                 primary key (id, at), unique (kind, at)) partition by range (at);
create index ev_at_idx on ev (at);
create index ev_words_idx on ev (lower(kind), lower(note)) include (id);
create index ev_kind_idx on ev (kind);
create table ev_2025 partition of ev for values from ('2025-01-01') to ('2026-01-01');
create table ev_2026 partition of ev for values from ('2026-01-01') to ('2027-01-01');
alter index ev_2026_pkey rename to ev26_pk;
alter index ev_2026_lower_lower1_id_idx rename to ev26_words;
alter index ev_2026_kind_idx rename to ev26_kind;
comment on index ev_2025_at_idx is 'the 2025 copy';
