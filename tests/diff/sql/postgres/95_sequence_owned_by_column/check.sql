select id, legacy_no from ticket order by id;
select nextval('ticket_seq');
