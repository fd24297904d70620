create table doc (id integer primary key, body text not null, updated_at timestamptz);
