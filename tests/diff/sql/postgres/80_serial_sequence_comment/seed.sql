insert into topic (title) values ('hello');
