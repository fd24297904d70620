create table membership (team_id integer not null, user_id integer not null, role text,
  constraint membership_pk primary key (team_id, user_id) on conflict ignore);
