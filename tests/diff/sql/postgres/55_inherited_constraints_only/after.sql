-- children with no column of their own, only constraints
create table binding (id bigserial, kind text not null, ref bigint not null);
create table binding_a (constraint "kind must be a" check (kind = 'a'), unique (ref, kind)) inherits (binding);
create table binding_b (primary key (id), constraint "kind must be b" check (kind = 'b')) inherits (binding);
