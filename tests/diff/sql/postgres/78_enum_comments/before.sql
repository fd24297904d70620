create type mood as enum ('sad', 'ok');
comment on type mood is 'how one feels';
create type color as enum ('red', 'green');
create type size as enum ('s', 'm');
comment on type size is 'to be removed';
create table shirt (id integer primary key, m mood, c color, s size);
