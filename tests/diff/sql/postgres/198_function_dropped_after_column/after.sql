create table w (id int primary key, s text);
