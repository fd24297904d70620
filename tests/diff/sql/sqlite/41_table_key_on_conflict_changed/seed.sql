insert into membership values (1, 10, 'owner'), (1, 11, null), (2, 10, 'member');
