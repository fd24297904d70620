create domain positive_int as integer not null check (value > 0);
create domain item_code as text collate "C" default 'none' constraint item_code_format check (value ~ '^[a-z]+$');
comment on domain item_code is 'lowercase letters';
create table item (id integer primary key, qty positive_int, code item_code);
