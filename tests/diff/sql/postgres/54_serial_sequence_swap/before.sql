-- a serial column and a column on a sequence of its own trade places: each
-- sequence's name passes to the other kind
create table tally (id serial primary key, label text);
create sequence gauge_id_seq;
create table gauge (id integer not null default nextval('gauge_id_seq'::regclass) primary key, label text);
