select id, room, day, hour from slot order by id;
