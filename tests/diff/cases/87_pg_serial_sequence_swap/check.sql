select 'tally', id, label from tally union all select 'gauge', id, label from gauge order by 1, 2;
