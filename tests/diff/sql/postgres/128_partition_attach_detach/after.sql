create table ref (id integer primary key);
create table ev (id integer not null, at date not null, kind text default 'k', ref_id integer references ref,
                 primary key (id, at), check (id > 0)) partition by range (at);
create index ev_kind_idx on ev (kind);
create table ev_old partition of ev for values from ('2000-01-01') to ('2025-01-01');
comment on table ev_old is 'until 2025';
create table ev_2025 (id integer not null, at date not null, kind text, ref_id integer,
                      constraint ev_2025_one primary key (id), check (at >= '2025-01-01'));
create index ev_2025_kind on ev_2025 (kind, at);
insert into ref values (1);
