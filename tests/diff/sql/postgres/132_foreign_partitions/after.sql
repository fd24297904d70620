create extension postgres_fdw;
create server archive_2020 foreign data wrapper postgres_fdw options (dbname 'archive');
create server archive_2021 foreign data wrapper postgres_fdw options (dbname 'archive2');
create table measurement (id integer not null, at date not null, value numeric default 0) partition by range (at);
create foreign table measurement_2020 partition of measurement for values from ('2020-01-01') to ('2020-07-01') server archive_2021 options (table_name 'm2020');
comment on foreign table measurement_2020 is 'archived';
create foreign table measurement_2021 partition of measurement for values from ('2021-01-01') to ('2022-01-01') server archive_2021;
create table measurement_2024 partition of measurement for values from ('2024-01-01') to ('2025-01-01');
