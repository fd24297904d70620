create table person (id integer primary key, email text not null);
create index person_email on person (lower(email) desc);
create index person_id_desc on person (id desc);
