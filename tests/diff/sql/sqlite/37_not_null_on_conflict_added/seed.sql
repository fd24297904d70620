insert into note (title, body) values ('groceries', 'milk'), ('todo', null);
