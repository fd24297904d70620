create table device (id integer primary key, serial text unique on conflict ignore, label text);
