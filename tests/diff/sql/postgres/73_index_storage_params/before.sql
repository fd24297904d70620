create table reading (id bigint primary key, at timestamptz not null, tags text[], note text);
create index reading_note_idx on reading (note) with (fillfactor = 90);
create index reading_at_idx on reading using brin (at);
