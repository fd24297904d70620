create table parent (id integer primary key);
create table child (id integer primary key, parent_id integer references parent (id) deferrable initially deferred);
