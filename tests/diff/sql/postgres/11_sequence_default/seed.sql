insert into customer values (1, 'ann');
