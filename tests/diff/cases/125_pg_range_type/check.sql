select id, score from booking;
