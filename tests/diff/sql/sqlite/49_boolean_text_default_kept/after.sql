create table post (
  id integer not null primary key autoincrement,
  title varchar not null,
  published boolean not null default 'f',
  listed boolean not null default 't'
);
