create table author (id integer primary key, name text not null);
create table book (
  id integer primary key,
  author_id integer not null,
  pages integer not null
);
alter table book add constraint book_author foreign key (author_id) references author (id);
alter table book add constraint book_pages check (pages > 0);
