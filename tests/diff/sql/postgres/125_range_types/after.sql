create type floatrange as range (subtype = float8, subtype_diff = float8mi);
comment on type floatrange is 'scores';
create type textrange as range (subtype = text, collation = "C");
create type dayspan as range (subtype = date, multirange_type_name = day_spans);
create table booking (id integer primary key, score floatrange, label text, days dayspan);
