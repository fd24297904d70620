select code from region order by code;
