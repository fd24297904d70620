create table log (csn integer primary key desc, level integer, payload text);
