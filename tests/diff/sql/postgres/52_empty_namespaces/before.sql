-- namespaces with nothing in them, one whose last table goes, one that stays
create schema idle;
create schema archive;
create table archive.entry (id integer primary key, note text);
create schema kept;
create table kept.item (id integer primary key);
