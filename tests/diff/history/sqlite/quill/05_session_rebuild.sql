-- Quill 5: the session table again, a column between the others
alter table session
    rename to session_old;
drop index session_exp_index;
create table session
(
    id        varchar not null
        constraint session_pk
            primary key,
    writer_id integer not null
        references writer
            on delete cascade
            on update cascade,
    is_mfa    bool default false not null,
    csrf      varchar not null,
    exp       integer not null
);
create index session_exp_index
    on session (exp);
insert into session(id, writer_id, csrf, exp)
select id, writer_id, csrf, exp
from session_old;
drop table session_old;
