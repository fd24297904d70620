create function reverse_textregexeq(text, text) returns boolean
  language sql immutable parallel safe as $$ select $2 ~ $1 $$;
create operator ~<< (function = reverse_textregexeq, leftarg = text, rightarg = text);
comment on operator ~<< (text, text) is 'pattern on the left';
create type md5_pair as (hi bigint, lo bigint);
create function md5_pair_cmp(a md5_pair, b md5_pair) returns integer language sql immutable as
  $$ select case when a.hi < b.hi or (a.hi = b.hi and a.lo < b.lo) then -1 when a = b then 0 else 1 end $$;
create function md5_pair_lt(a md5_pair, b md5_pair) returns boolean language sql immutable as $$ select md5_pair_cmp(a, b) < 0 $$;
create function md5_pair_eq(a md5_pair, b md5_pair) returns boolean language sql immutable as $$ select md5_pair_cmp(a, b) = 0 $$;
create function md5_pair_gt(a md5_pair, b md5_pair) returns boolean language sql immutable as $$ select md5_pair_cmp(a, b) > 0 $$;
create operator <# (function = md5_pair_lt, leftarg = md5_pair, rightarg = md5_pair, commutator = #>);
create operator #> (function = md5_pair_gt, leftarg = md5_pair, rightarg = md5_pair, commutator = <#);
create operator #=# (function = md5_pair_eq, leftarg = md5_pair, rightarg = md5_pair, commutator = #=#,
  restrict = eqsel, join = eqjoinsel);
create operator family md5_pair_family using btree;
create operator class md5_pair_ops default for type md5_pair using btree family md5_pair_family as
  operator 1 <#, operator 3 #=#, operator 5 #>, function 1 md5_pair_cmp(md5_pair, md5_pair);
create function md5_to_pair(text) returns md5_pair language sql immutable as
  $$ select (('x' || substr($1, 1, 15))::bit(60)::bigint, ('x' || substr($1, 17, 15))::bit(60)::bigint)::md5_pair $$;
create cast (text as md5_pair) with function md5_to_pair(text);
create operator family loose_int_ops using btree;
alter operator family loose_int_ops using btree add operator 1 < (integer, bigint),
  function 1 (integer, bigint) btint48cmp(integer, bigint);
create table posts (
  id bigserial primary key,
  md5 text not null,
  md5_key md5_pair default ('00000000000000000000000000000000'::text)::md5_pair,
  tag_string text not null default '',
  rating character(1) not null default 'q' check (rating ~<< 'gqse'),
  created_at timestamp without time zone not null default now()
);
create index index_posts_on_md5_key on posts (md5_key);
create index index_posts_on_tags on posts using gin (string_to_array(tag_string, ' '::text));
create table tags (id serial primary key, name character varying not null unique, post_count integer not null default 0);
create table tag_aliases (id serial primary key, antecedent_name character varying not null,
  consequent_name character varying not null, status character varying not null default 'pending');
create table favorites (user_id integer not null, post_id bigint not null references posts);
create view wildcard_tags as select t.name from tags t where '^a.*'::text ~<< t.name::text;
create view posts_by_key as select id, md5::md5_pair as key from posts;
