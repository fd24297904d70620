select id, m, c, s from shirt;
