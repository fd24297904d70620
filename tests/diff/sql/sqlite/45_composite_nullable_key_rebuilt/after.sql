create table grid (x int, y int, label text, primary key (y, x));
