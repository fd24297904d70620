select area(2, 3), greet('x');
