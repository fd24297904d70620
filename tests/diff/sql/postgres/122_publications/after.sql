create schema audit;
create table audit.entry (id integer primary key, what text);
create table account (id integer primary key, email text, score bigint);
create table invoice (id integer primary key, amount integer);
create publication feed for table account (id, email, score) where (score > 0), table invoice;
create publication audit_feed for tables in schema audit;
create publication money for table invoice with (publish = 'insert, update, delete', publish_via_partition_root = true);
create publication everything for table account;
create publication new_feed for table audit.entry with (publish = 'truncate');
