-- A domain over a table's row type (PostgREST's fixtures): made after the
-- table, with a function returning it after the domain; dropped before it.
create table note (id integer primary key, body text);
create table project (id integer primary key, name text not null);
create domain project_domain as project;
create function project_by_id(integer) returns setof project_domain
    language sql stable as $$ select p::project_domain from project p where p.id = $1 $$;
