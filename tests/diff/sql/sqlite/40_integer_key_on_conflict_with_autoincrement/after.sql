create table job (id integer primary key on conflict rollback autoincrement, name text not null on conflict fail);
