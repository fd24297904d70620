create table note (id integer primary key, body text, n bigint);
create table note_log (note_id integer, what text);
create view note_view as select id, body from note;
create rule note_keep as on delete to note do instead insert into note_log values (old.id, 'kept');
create rule note_view_insert as on insert to note_view do instead insert into note (id, body) values (new.id, new.body);
comment on rule note_view_insert on note_view is 'the view takes inserts';
