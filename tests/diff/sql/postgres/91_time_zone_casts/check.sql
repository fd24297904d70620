select starts, ends::time, span from shift;
