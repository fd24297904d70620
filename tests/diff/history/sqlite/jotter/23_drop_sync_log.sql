DROP TRIGGER notes_sync_ins;
DROP TABLE sync_log;
DROP INDEX tags_sort;
