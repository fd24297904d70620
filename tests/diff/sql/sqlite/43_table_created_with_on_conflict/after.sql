create table setting (key text not null primary key, value text);
create table cache_entry (url text not null on conflict ignore, fetched_at integer, body blob,
  primary key (url) on conflict replace) without rowid;
