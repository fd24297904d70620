-- Publications (logical replication): one whose tables change (a column
-- list, a row filter, a table added), one whose options change, one for
-- all tables made one for a table (made again), one dropped, one added;
-- a published column changes type beside them (the publication stays).
create schema audit;
create table audit.entry (id integer primary key, what text);
create table account (id integer primary key, email text, score integer);
create table invoice (id integer primary key, amount integer);
create publication feed for table account (id, email);
create publication money for table invoice with (publish = 'insert');
create publication everything for all tables;
create publication old_feed for table invoice;
create publication empty_one;
