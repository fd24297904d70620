select seq, name, value from setting order by seq;
select a, b, note from pairing order by a, b;
