-- Depot 3: an attachment's thumbnail is an attachment. The twelve-step
-- rebuild through a scratch table; the new column references the table
-- itself, and the existing key is still written without its columns.
create table attachment_tmp
(
    id        uuid                      not null
        primary key,
    kind      text default 'attachment' not null,
    path      text default ''           not null,
    item_id   uuid                      not null
        constraint attachment_item
            references item
            on delete cascade,
    thumbnail uuid
        constraint attachment_thumbnail
            references attachment
            on delete cascade
);
insert into attachment_tmp (id, kind, path, item_id)
select id, kind, path, item_id from attachment;
drop table attachment;
alter table attachment_tmp rename to attachment;
