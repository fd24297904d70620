create extension if not exists citext;
create extension if not exists pgcrypto;
create table account (id integer primary key, email citext not null,
                      token text not null default encode(gen_random_bytes(8), 'hex'));
