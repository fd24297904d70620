create table contact (id integer primary key on conflict abort, email text not null on conflict replace default '',
  phone text unique on conflict ignore, surname text, given text, age text,
  unique (surname, given) on conflict replace);
