select id, legacy_no from ticket order by id;
