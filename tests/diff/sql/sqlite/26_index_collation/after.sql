create table person (id integer primary key, email text not null, name text);
create index person_email_nc on person (email collate nocase);
create index person_name on person (name collate rtrim desc, email);
