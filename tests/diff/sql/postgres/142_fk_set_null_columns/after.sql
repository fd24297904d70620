-- ON DELETE SET NULL of some of a composite key's columns (PostgreSQL 15):
-- deleting a section nulls the chunk's section_id and keeps its
-- document_id (NOT NULL); read, compared and made with its column list.
create table section (id integer, document_id integer not null, primary key (id, document_id));
create table chunk (
  id integer primary key,
  document_id integer not null,
  section_id integer,
  constraint chunk_section_fkey foreign key (section_id, document_id)
    references section (id, document_id) on delete set null (section_id)
);
