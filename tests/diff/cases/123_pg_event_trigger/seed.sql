insert into ddl_log (tag) values ('x');
