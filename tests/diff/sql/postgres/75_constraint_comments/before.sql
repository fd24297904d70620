create table org (id integer primary key, name text not null, constraint org_name_key unique (name));
create table member (id integer primary key, org_id integer not null references org (id), age integer,
  constraint member_age_check check (age >= 0), constraint member_age_small check (age < 200));
comment on constraint member_age_check on member is 'no negative ages';
comment on constraint member_age_small on member is 'nobody is that old';
comment on constraint org_pkey on org is 'the key';
