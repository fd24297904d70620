select id, n from item;
