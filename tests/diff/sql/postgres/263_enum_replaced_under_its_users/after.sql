create type mood as enum ('happy', 'sad');
create table person (id int primary key, m mood not null default 'happy', past mood[],
                     constraint person_not_sad check (m <> 'sad'),
                     constraint person_not_meh check (m::text <> 'meh'));
comment on constraint person_not_sad on person is 'no sad';
create index person_happy on person (id) where m = 'happy';
comment on index person_happy is 'the happy ones';
create view moods as select id, m from person;
create function mood_label(x mood) returns text language sql immutable as $$ select x::text $$;
create function sad_mood() returns mood language sql as $$ select 'sad'::mood $$;
