select value, owner from token order by value;
