insert into player (name, mentor_id) values ('ann', null), ('bob', 1), ('cy', 1);
-- a row that breaks the NOT VALID check, which the rebuild must keep NOT VALID
alter table player drop constraint player_name_check;
insert into player (name, mentor_id) values ('x', 2);
alter table player add constraint player_name_check check (length(name) > 1) not valid;
comment on constraint player_name_check on player is 'long enough';
insert into score (id, player_id, points) values (1, 1, 10), (2, 2, 20), (3, 3, 30);
