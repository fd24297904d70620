-- 't' and 'f' on a BOOLEAN column are text to SQLite (NUMERIC affinity
-- keeps what does not look like a number): another value than true/false
create table post (
  id integer not null primary key autoincrement,
  title text not null,
  published boolean not null default 'f',
  listed boolean not null default 't'
);
