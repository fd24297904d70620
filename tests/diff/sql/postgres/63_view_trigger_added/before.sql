create table note (id integer primary key, body text not null, created date not null default current_date);
create function note_insert() returns trigger language plpgsql as $$
begin
  insert into note (id, body) values (new.id, new.body);
  return new;
end
$$;
create function note_count() returns trigger language plpgsql as $$
begin
  perform pg_catalog.pg_notify('note', 'written');
  return null;
end
$$;
create view recent_note as select id, body from note;
