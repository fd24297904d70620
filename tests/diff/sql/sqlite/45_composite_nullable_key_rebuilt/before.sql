create table grid (x int, y int, label int, primary key (y, x));
