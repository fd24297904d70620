select id, email, phone, surname, given, age from contact order by id;
