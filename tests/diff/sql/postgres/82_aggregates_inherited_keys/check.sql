select names, n, (select first from first_member) from member_names;
