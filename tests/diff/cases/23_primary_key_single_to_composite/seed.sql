insert into tag (name, lang, label) values ('red', 'en', 'Red'), ('blue', 'fr', 'Bleu');
