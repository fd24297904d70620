select id, note from reading;
