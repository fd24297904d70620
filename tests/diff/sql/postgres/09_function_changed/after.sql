create function add_tax(amount numeric, rate numeric default 0.25) returns numeric language sql immutable as $$ select round(amount * (1 + rate), 2) $$;
create table price (id integer primary key, net numeric not null);
