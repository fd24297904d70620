create table media (id integer primary key autoincrement, path text not null);
create table author (
  id integer primary key autoincrement,
  name varchar(80) not null,
  avatar_id integer references media(id) on delete cascade,
  foreign key (avatar_id) references media(id) on delete set null
);
