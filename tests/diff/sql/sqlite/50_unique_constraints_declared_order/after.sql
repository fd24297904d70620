create table account (
  id integer not null primary key autoincrement unique,
  zone text not null unique,
  alias text unique,
  owner bigint not null,
  constraint account_owner_alias unique (owner, alias)
);
create table session (
  token text not null unique,
  key text not null unique,
  account_id integer not null
);
