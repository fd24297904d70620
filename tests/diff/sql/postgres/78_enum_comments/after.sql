-- changed with a value added; reordered (replaced) with a comment added;
-- removed; a new enum with one
create type mood as enum ('sad', 'ok', 'happy');
comment on type mood is 'how the wearer feels';
create type color as enum ('green', 'red');
comment on type color is 'dye';
create type size as enum ('s', 'm');
create type fabric as enum ('cotton', 'wool');
comment on type fabric is 'what it is made of';
create table shirt (id integer primary key, m mood, c color, s size, f fabric);
