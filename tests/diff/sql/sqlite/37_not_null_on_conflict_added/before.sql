create table note (id integer primary key, title text not null default 'untitled', body text);
