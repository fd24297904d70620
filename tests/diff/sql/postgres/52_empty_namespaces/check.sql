select count(*) from kept.item;
