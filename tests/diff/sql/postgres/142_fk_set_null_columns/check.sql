select id, document_id, coalesce(section_id, 0) from chunk order by id;
