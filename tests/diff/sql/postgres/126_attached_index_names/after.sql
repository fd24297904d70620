-- After: ev_2025's copies of the key, the unique constraint, an index and
-- an expression index take names of their own (one keeps its comment);
-- ev_2026's go back to PostgreSQL's but one, renamed again; the index
-- whose copy was ev26_kind changes (made again: its copy is named again);
-- a new index and a new partition attached with an index of its own name.
create table ev (id integer not null, at date not null, kind text, note text,
                 primary key (id, at), unique (kind, at)) partition by range (at);
create index ev_at_idx on ev (at);
create index ev_words_idx on ev (lower(kind), lower(note)) include (id);
create index ev_kind_idx on ev (kind, note);
create index ev_note_idx on ev (note);
create table ev_2025 partition of ev for values from ('2025-01-01') to ('2026-01-01');
create table ev_2026 partition of ev for values from ('2026-01-01') to ('2027-01-01');
create table ev_2027 (id integer not null, at date not null, kind text, note text);
create index ev27_at on ev_2027 (at);
alter table ev attach partition ev_2027 for values from ('2027-01-01') to ('2028-01-01');
alter index ev_2025_pkey rename to ev25_pk;
alter index ev_2025_kind_at_key rename to ev25_kind_at;
alter index ev_2025_at_idx rename to ev25_at;
alter index ev_2025_lower_lower1_id_idx rename to ev25_words;
alter index ev_2026_kind_note_idx rename to ev26_kind;
alter index ev_2026_note_idx rename to ev26_note;
comment on index ev25_at is 'the 2025 copy';
