create table org (id integer primary key, name text not null, constraint org_name_key unique (name));
create table member (id integer primary key, org_id integer not null references org (id), age integer,
  constraint member_age_check check (age >= 0), constraint member_age_small check (age < 200));
-- changed, removed (member_age_small), kept, and added on a unique, a foreign and a primary key
comment on constraint member_age_check on member is 'ages are zero or more';
comment on constraint org_pkey on org is 'the key';
comment on constraint org_name_key on org is 'one org per name';
comment on constraint member_org_id_fkey on member is 'each member belongs to an org';
comment on constraint member_pkey on member is 'member ids';
