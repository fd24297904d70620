insert into formats values (1, 'EPUB', 1, 10), (2, 'pdf', 1, 20);
