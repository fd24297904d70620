create sequence ticket_no start with 1000 increment by 5;
