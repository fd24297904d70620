# schema:inspect --format lua on SQLite: a schema written by hand in SQL is
# inspected as schema definitions, a migration generated from them builds a
# second database, and both databases must read back the same (the round
# trip is a fixed point); then --out DIR and the usage errors.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/inspect_roundtrip.inc"
A="sqlite:$work/hand.sqlite" B="sqlite:$work/built.sqlite"
q() { sqlite3 -bail "${1#sqlite:}" "$2"; }
run_sql() { out=$(q "$@" 2>&1); rc=$?; }

t "a hand-written schema of a dozen tables"
run_sql "$A" "
pragma foreign_keys = on;
create table country (
  code char(2) not null primary key,
  name varchar(80) not null collate nocase,
  constraint country_name_unique unique (name)
);
create table org (
  id integer primary key autoincrement,
  name varchar(120) not null,
  slug text not null unique,
  country char(2) references country (code) on update cascade,
  created_at timestamp not null default current_timestamp,
  settings json default '{}',
  check (length(slug) > 2)
);
create table \"user\" (
  id integer not null primary key autoincrement,
  org_id integer not null,
  email varchar(255) not null,
  display_name text default 'anonymous',
  karma integer not null default -1,
  balance numeric(12, 2) not null default 0.00,
  ratio real default 1.5,
  active boolean not null default true,
  born date,
  avatar blob,
  constraint user_org_fk foreign key (org_id) references org (id) on delete cascade,
  constraint user_email_per_org unique (org_id, email),
  constraint user_karma_floor check (karma >= -100)
);
create table team (
  org_id integer not null references org (id) on delete cascade,
  code varchar(16) not null,
  title text not null,
  primary key (org_id, code)
);
create table team_member (
  org_id integer not null,
  team_code varchar(16) not null,
  user_id integer not null references \"user\" (id) on delete cascade deferrable initially deferred,
  role text not null default 'member',
  joined_at timestamp,
  constraint team_member_pkey primary key (org_id, team_code, user_id),
  constraint team_member_team_fkey foreign key (org_id, team_code) references team (org_id, code)
    on delete cascade on update cascade
);
create table project (
  id integer primary key autoincrement,
  org_id integer not null references org (id),
  name text not null,
  archived boolean not null default false,
  budget numeric(14, 2),
  starts date,
  ends date,
  constraint project_dates check (ends is null or ends >= starts)
);
create table task (
  id integer primary key autoincrement,
  project_id integer not null references project (id) on delete cascade,
  parent_id integer references task (id) on delete set null,
  assignee_id integer references \"user\" (id) on delete set null,
  title varchar(200) not null,
  priority smallint not null default 3,
  done_at timestamp,
  estimate double precision
);
create table tag (
  id integer primary key autoincrement,
  label text not null collate nocase unique
);
create table task_tag (
  task_id integer not null references task (id) on delete cascade,
  tag_id integer not null references tag (id) on delete restrict,
  primary key (task_id, tag_id)
);
create table comment (
  id integer primary key autoincrement,
  task_id integer not null references task (id) on delete cascade,
  author_id integer references \"user\" (id) on delete set null,
  body text not null,
  created_at timestamp not null default (datetime('now'))
);
create table audit_log (
  id integer primary key autoincrement,
  at timestamp not null default current_timestamp,
  actor text,
  action varchar(32) not null,
  payload json
);
create table setting (
  key varchar(64) not null primary key,
  value text,
  updated_at timestamp
);
create index user_email_idx on \"user\" (email);
create index task_open_by_project on task (project_id, priority desc) where done_at is null;
create index task_title_lower on task (lower(title));
create unique index project_name_per_org on project (org_id, name) where not archived;
create index comment_task_recent on comment (task_id, created_at desc);
create index audit_log_at_idx on audit_log (at desc);
"
expect_rc 0; [ "$(q "$A" "select count(*) from sqlite_master where type = 'table'")" = 13 ] || bad "the schema was not created"

t "schema:inspect --format lua prints definitions"
tide --url "$A" schema:inspect --format lua
expect_rc 0
expect_out 'local t = require "tide.schema"'
expect_out 't.table "user" {'
expect_out ':serial()'
expect_out 't.primary { "org_id", "code" }'
expect_out 't.foreign { "org_id", "team_code", table = "team", columns = { "org_id", "code" }, onDelete = "cascade", onUpdate = "cascade", name = "team_member_team_fkey" }'
expect_out 'deferrable = true, initiallyDeferred = true'
expect_out 't.index { "project_id", "priority desc", name = "task_open_by_project", where = "done_at is null" }'
expect_out 'expression = "lower(title)"'
expect_out 'unique = true, where = "not archived"'
expect_out ':collate "nocase"'
expect_out 't.check("user_karma_floor", "karma >= -100")'
expect_no 'Not said here'
round_trip "$A" "$B" '"name": "team_member"'

t "the built database works: keys, cascades, defaults"
q "$B" "pragma foreign_keys = on;
insert into country values ('FR', 'France');
insert into org (name, slug, country) values ('Acme', 'acme', 'FR');
insert into \"user\" (org_id, email) values (1, 'a@acme.test');
insert into project (org_id, name) values (1, 'p');
insert into task (project_id, title) values (1, 'first');" || bad "the inserts failed"
got=$(q "$B" "select display_name || '|' || karma || '|' || balance || '|' || active from \"user\"")
[ "$got" = "anonymous|-1|0|1" ] || bad "the defaults gave '$got'"
q "$B" "pragma foreign_keys = on;
delete from project;
delete from org;" || bad "the statements failed"
[ "$(q "$B" "select count(*) from task")" = 0 ] || bad "on delete cascade did not reach task"
[ "$(q "$B" "select count(*) from \"user\"")" = 0 ] || bad "on delete cascade did not reach user"
[ "$(q "$B" "select count(*) from country")" = 1 ] || bad "country lost its row"

t "--out DIR writes one file per table, which load as the same schema"
rm -f schema/app.lua
tide --url "$A" schema:inspect --format lua --out schema; expect_rc 0; expect_out "Wrote 12 schema files to schema/."
[ -f schema/user.lua ] && [ -f schema/team_member.lua ] || bad "missing files: $(ls schema)"
grep -q '^return t.table "task" {' schema/task.lua || bad "task.lua: $(cat schema/task.lua)"
tide --url "$B" migration:check; expect_rc 0; expect_out "No migration needed"

t "usage errors"
tide --url "$A" schema:inspect --format xml; expect_rc 2; expect_out "--format is lua, json, dot, mermaid or svg"
tide --url "$A" schema:inspect --format json --out x; expect_rc 2; expect_out "--format lua"

finish
