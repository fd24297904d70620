create table reading (id bigint primary key, at timestamptz not null, tags text[], note text);
-- storage parameters: changed, added, on a new index, with an expression
create index reading_note_idx on reading (note) with (fillfactor = 70, deduplicate_items = off);
create index reading_at_idx on reading using brin (at) with (pages_per_range = 32);
create index reading_tags_idx on reading using gin (tags) with (fastupdate = off);
create index reading_lower_idx on reading (lower(note)) with (fillfactor='80') where note is not null;
