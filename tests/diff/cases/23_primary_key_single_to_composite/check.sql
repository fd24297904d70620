select name, lang, label from tag order by name;
