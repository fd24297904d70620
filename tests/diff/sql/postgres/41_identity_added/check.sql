insert into ticket (title) values ('next') returning id;
insert into counter (label) values ('next') returning id;
select count(*) from ticket;
