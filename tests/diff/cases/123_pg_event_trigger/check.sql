select tag from ddl_log where tag = 'x';
