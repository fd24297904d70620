-- Range types (CREATE TYPE ... AS RANGE): one with a difference function
-- used by a column, one dropped, one added with a collation and one with a
-- multirange type of its own name; a column changes to a range type.
create type floatrange as range (subtype = float8, subtype_diff = float8mi);
comment on type floatrange is 'scores';
create type gone_range as range (subtype = int4);
create table booking (id integer primary key, score floatrange, label text);
