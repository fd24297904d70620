select id, score, label from booking;
