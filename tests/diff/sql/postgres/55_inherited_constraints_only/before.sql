create table binding (id bigserial, kind text not null, ref bigint not null);
