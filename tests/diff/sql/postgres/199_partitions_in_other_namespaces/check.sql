select id, action, tableoid::regclass from events order by id;
select stage_event_hash_id, issue_id from issue_stage_events order by 1;
select id, region, tableoid::regclass from billing.invoices order by id;
