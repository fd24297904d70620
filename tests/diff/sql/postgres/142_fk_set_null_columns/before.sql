create table section (id integer, document_id integer not null, primary key (id, document_id));
create table chunk (
  id integer primary key,
  document_id integer not null,
  section_id integer,
  constraint chunk_section_fkey foreign key (section_id, document_id)
    references section (id, document_id) on delete set null
);
