select label(1), label('a'), label(1, 2);
