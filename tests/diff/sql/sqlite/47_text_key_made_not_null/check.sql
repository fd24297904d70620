select code, name from country order by code;
