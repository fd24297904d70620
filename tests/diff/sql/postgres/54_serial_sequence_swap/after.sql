create sequence tally_id_seq;
create table tally (id integer not null default nextval('tally_id_seq'::regclass) primary key, label text);
create table gauge (id serial primary key, label text);
