select x, y, label from grid order by y, x, label;
