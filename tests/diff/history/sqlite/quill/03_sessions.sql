-- Quill 3: sessions, their foreign key naming the parent only (its key)
create table session
(
    id        varchar not null
        constraint session_pk
            primary key,
    writer_id integer not null
        references writer
            on delete cascade
            on update cascade,
    csrf      varchar not null,
    exp       integer not null
);
create index session_exp_index
    on session (exp);
