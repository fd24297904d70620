-- A key whose order changes (PRIMARY KEY (a, b) -> (a, b DESC)) is a changed
-- key: SQLite rebuilds the table, keeping its rows; down makes it ascend again.
create table score (player text, round integer, points integer, primary key (player, round));
