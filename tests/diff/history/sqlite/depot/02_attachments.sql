-- Depot 2: attachments, referencing item without naming its key.
create table attachment
(
    id      uuid                      not null
        primary key,
    kind    text default 'attachment' not null,
    path    text default ''           not null,
    item_id uuid                      not null
        constraint attachment_item
            references item
            on delete cascade
);
