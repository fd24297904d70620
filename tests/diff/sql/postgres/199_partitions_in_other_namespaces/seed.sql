insert into events (id, project_id, action, created_at) values
  (1, 10, 'push', '2025-03-01'), (2, 10, 'push', '2026-02-01'), (3, 11, 'comment', '2026-05-01');
insert into issue_stage_events (stage_event_hash_id, issue_id) values (1, 1), (2, 2);
insert into billing.invoices (id, region) values (1, 'eu');
