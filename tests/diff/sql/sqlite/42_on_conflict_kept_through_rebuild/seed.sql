insert into contact (email, phone, surname, given, age) values ('a@x', '555', 'Ann', 'Lee', 30), ('b@x', null, 'Bo', null, null);
