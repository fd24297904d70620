create table item (id integer, sku text, name text, primary key (id desc));
