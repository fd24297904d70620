SELECT 'folders', count(*) FROM folders;
SELECT 'notes', id, title FROM notes ORDER BY id;
