-- An enum losing a value is made again (renamed away, a new type, its
-- columns converted through text, the old type dropped). What else uses
-- the columns stopped that: a view reading one ("cannot alter type of a
-- column used by a view"), a check or a partial index comparing it with
-- a label ("operator does not exist: mood <> mood__tide_old"), and a
-- column that is an array of the enum kept the old type ("cannot drop
-- type"). The view is made again around it, the check and the index are
-- dropped before and made again after (with their comments), the array is
-- converted through text[]. Seen in migra's fixtures (enumdeps). Back,
-- the value is added again and a changed check names it: the addition
-- runs in a transaction of its own first ("unsafe use of new value").
-- A function taking or returning the enum is made again around it too
-- (enumwithfuncdep: "cannot drop type ... other objects depend on it").
create type mood as enum ('happy', 'sad', 'meh');
create table person (id int primary key, m mood not null default 'happy', past mood[],
                     constraint person_not_sad check (m <> 'sad'),
                     constraint person_not_meh check (m <> 'meh'));
comment on constraint person_not_sad on person is 'no sad';
create index person_happy on person (id) where m = 'happy';
comment on index person_happy is 'the happy ones';
create view moods as select id, m from person;
create function mood_label(x mood) returns text language sql immutable as $$ select x::text $$;
create function sad_mood() returns mood language sql as $$ select 'sad'::mood $$;
