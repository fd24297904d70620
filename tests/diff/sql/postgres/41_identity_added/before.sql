create table ticket (id integer not null primary key, title text not null);
create table counter (id bigint not null, label text);
