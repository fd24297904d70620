select n1 from note order by n1;
