insert into USERS (ID, Email, Name) values (1, 'ann@example.com', 'Ann'), (2, 'bob@example.com', null);
insert into Post (Id, User_Id, Title) values (1, 1, 'Hello'), (2, 2, 'Second'), (3, 1, 'Third');
