-- An index that says ASC (a messenger's "ON messages (id ASC)", "ON
-- sticker_packs (position ASC, id ASC)"): it sorts as the plain key does,
-- but SQLite keeps the text as written, and a table made again must write
-- it so too.
create table packs (id text primary key, position integer default 0 not null, title text, size int);
create index packs_by_position on packs (position asc, id asc);
create index packs_title on packs (title);
