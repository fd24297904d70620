-- An image board's schema in miniature (written for this corpus) before
-- and after its search gets an operator of its own (a regular expression
-- match with its arguments swapped) used by a CHECK and a view, a btree
-- class ordering a composite type in a family of its own with the index
-- using it, a family with members of its own and a cast used by a default
-- and a view (issue 13: a real board's schema did not round-trip for its
-- operator). Going back drops the view, the CHECK and the index before
-- what they use.
create table posts (
  id bigserial primary key,
  md5 text not null,
  tag_string text not null default '',
  rating character(1) not null default 'q',
  created_at timestamp without time zone not null default now()
);
create index index_posts_on_tags on posts using gin (string_to_array(tag_string, ' '::text));
create table tags (id serial primary key, name character varying not null unique, post_count integer not null default 0);
create table tag_aliases (id serial primary key, antecedent_name character varying not null,
  consequent_name character varying not null, status character varying not null default 'pending');
create table favorites (user_id integer not null, post_id bigint not null references posts);
