select id, w, h, area from box;
