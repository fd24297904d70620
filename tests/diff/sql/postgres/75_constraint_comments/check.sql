select id, org_id, age from member;
