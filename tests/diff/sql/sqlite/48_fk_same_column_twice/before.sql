create table media (id integer primary key autoincrement, path text not null);
-- one column, two foreign keys to the same parent with different actions
-- (SQLite keeps both; an ORM's squashed history wrote it so)
create table author (
  id integer primary key autoincrement,
  name text not null,
  avatar_id integer references media(id) on delete cascade,
  foreign key (avatar_id) references media(id) on delete set null
);
