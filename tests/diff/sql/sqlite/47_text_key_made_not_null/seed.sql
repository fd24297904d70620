insert into country values ('fr', 'France'), ('jp', 'Japan');
