create table doc (id integer primary key, body text not null, updated_at timestamptz);
create function touch_updated_at() returns trigger language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end
$$;
create trigger doc_touch before insert or update on doc for each row execute function touch_updated_at();
