-- Rewrite rules (CREATE RULE) on a table and on a view: one added, one
-- whose action changes (made again), one dropped; a column of the table
-- changes type beside them (the rules that read it are made again).
create table note (id integer primary key, body text, n integer);
create table note_log (note_id integer, what text);
create view note_view as select id, body from note;
create rule note_keep as on delete to note do instead nothing;
create rule note_old as on update to note do also insert into note_log values (old.id, 'update');
