create function b_inner(t text) returns text language sql immutable return lower(t);
create function a_outer(t text) returns text language sql immutable return b_inner(trim(t));
create function twice(i int) returns int language sql immutable begin atomic select i * 2; end;
create table w (id int primary key, s text, n text generated always as (a_outer(s)) stored,
                v int default twice(3) check (twice(v) < 100));
create index w_n on w (a_outer(s));
create function z_count(t text) returns bigint language sql stable return (select count(*) from w where s = t);
create function y_plus(t text) returns bigint language sql stable return z_count(t) + 1;
