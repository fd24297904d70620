create table tags (id integer primary key, name text, color bpchar default '#cccccc'::bpchar, code bpchar(3), flag character);
