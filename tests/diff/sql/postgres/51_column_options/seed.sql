insert into blob_store values (1, 'a', '\x00', '{}', 'n');
