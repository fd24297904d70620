create table reading (id bigint primary key, value numeric not null, taken_at timestamptz not null);
