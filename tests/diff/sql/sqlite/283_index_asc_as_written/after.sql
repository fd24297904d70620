create table packs (id text primary key, position integer default 0 not null, title text, size text);
create index packs_by_position on packs (position asc, id asc);
create index packs_title on packs (title);
