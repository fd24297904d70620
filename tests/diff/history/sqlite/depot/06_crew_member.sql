-- Depot 6: members, one primary address each (partial unique indexes), and
-- a column renamed in place.
create table member
(
    crew_id    uuid not null references crew (id) on delete cascade,
    email      text not null collate nocase,
    is_primary int  not null default (0),
    primary key (crew_id, email)
);
create unique index member_primary_crew on member (crew_id) where is_primary = 1;
create unique index member_primary_email on member (email) where is_primary = 1;
alter table attachment rename column kind to type;
