create table region (code text primary key);
