-- Depot 1 (an inventory service on SQLite, written for these tests in the
-- ways the real histories replayed against tide write SQLite: each release
-- the SQL it ran). Foreign keys written as a column's named constraint
-- naming no columns (REFERENCES parent), as a database IDE's export writes
-- them; a join table keyed by both columns; a view and triggers over it.
create table if not exists crew
(
    id         uuid               not null
        primary key,
    name       text               not null,
    currency   text default 'eur' not null
);

create table if not exists item
(
    id        uuid                  not null
        primary key,
    name      text                  not null,
    quantity  integer default 1     not null,
    archived  bool    default false not null,
    crew_id   uuid                  not null
        constraint item_crew
            references crew
            on delete cascade,
    parent_id uuid
        constraint item_parent
            references item
            on delete set null
);

create index if not exists item_name
    on item (name);

create table if not exists label
(
    id      uuid not null
        primary key,
    name    text not null collate nocase,
    crew_id uuid not null
        constraint label_crew
            references crew
            on delete cascade
);

create table if not exists label_item
(
    label_id uuid not null
        constraint label_item_label
            references label
            on delete cascade,
    item_id  uuid not null
        constraint label_item_item
            references item
            on delete cascade,
    primary key (label_id, item_id)
);

create view v_live_item as select item.id, item.name, crew.name as crew
    from item join crew on crew.id = item.crew_id
    where item.archived = 0;

create trigger tr_item_archived after update of archived on item when new.archived = 1
    begin
      delete from label_item where item_id = new.id;
    end;
