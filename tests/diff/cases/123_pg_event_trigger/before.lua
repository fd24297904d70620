local t = require "tide.schema"
-- An event trigger written as people write it (its whole statement, lower
-- case tags, EXECUTE PROCEDURE, the function's namespace said): put in one
-- spelling, so drift stays clean (issue 13: it was reported, not carried);
-- then its state alone changes (altered, not made again).
return {
  t.table "ddl_log" {
    t.col "id"  :integer() :identity() :primary(),
    t.col "tag" :text() :nullable(),
  },
  t.func "log_ddl" [[
create function log_ddl() returns event_trigger language plpgsql as $$
begin insert into ddl_log (tag) values (tg_tag); end $$]],
  t.eventTrigger "on_create" {
    sql = [[CREATE EVENT TRIGGER on_create ON ddl_command_end WHEN TAG IN ('create table', 'alter table') EXECUTE PROCEDURE public.log_ddl()]] },
}
