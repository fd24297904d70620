create table preference (name text primary key, value text);
