create table USERS (ID integer primary key, Name text);
create view Active_Users as select ID from USERS;
