insert into ci_builds (id, partition_id, name) values (1, 100, 'rspec'), (2, 101, 'lint');
