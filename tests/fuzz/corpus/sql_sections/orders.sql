-- A plain SQL migration: the sections are marked, nothing else to learn.
-- tide:up
create table orders (
  id integer primary key,
  user_id integer not null references users(id) on delete cascade,
  total_cents integer not null check (total_cents >= 0),
  placed_at varchar(32) not null
);
insert into users (id, full_name, email) values
  (1, 'Ada Lovelace', 'ada@example.org'),
  (2, 'Grace Brewster Hopper', 'grace@example.org'),
  (3, 'Linus', 'linus@example.org');
insert into orders (id, user_id, total_cents, placed_at) values
  (1, 1, 1250, '2026-11-01T10:00:00Z'),
  (2, 2, 990, '2026-11-02T11:30:00Z'),
  (3, 2, 4200, '2026-11-03T09:15:00Z');
-- tide:down
drop table orders;
delete from users;
