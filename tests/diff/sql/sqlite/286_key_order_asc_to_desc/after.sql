create table score (player text, round integer, points integer, primary key (player, round desc));
