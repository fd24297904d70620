insert into token values ('abc', 'ann'), ('def', null);
