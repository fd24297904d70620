create table kv (k text not null primary key, v text) without rowid;
