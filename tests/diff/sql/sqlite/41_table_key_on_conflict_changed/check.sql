select team_id, user_id, role from membership order by team_id, user_id;
