create table note (id integer primary key, owner text not null, body text);
alter table note enable row level security;
create policy note_owner on note for select using (owner = current_user);
create policy note_insert on note as restrictive for insert with check (owner = current_user and body is not null);
