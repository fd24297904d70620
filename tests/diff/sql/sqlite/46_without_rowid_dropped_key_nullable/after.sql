create table token (value text primary key, owner text);
