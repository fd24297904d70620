select user_id, group_id, role from membership order by user_id, group_id;
