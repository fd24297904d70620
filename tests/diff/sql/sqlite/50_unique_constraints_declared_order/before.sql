-- SQLite names the indexes of unique constraints by the order declared
-- (sqlite_autoindex_account_1, _2, ...): not the order of their names
create table account (
  id integer not null primary key autoincrement unique,
  zone text not null unique,
  alias text unique,
  owner integer not null,
  constraint account_owner_alias unique (owner, alias)
);
