select name from tag_names;
