create table device (id integer primary key, serial text unique on conflict replace, label text);
