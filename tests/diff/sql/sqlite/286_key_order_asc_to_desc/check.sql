select player, round, points from score order by player, round;
