/* dsl_writer.h — the schema model written back as schema definitions in the
 * DSL of lua/tide/schema.lua (SPEC section 6): what `schema:inspect --format
 * lua` prints. Loading the text (tide_schema_load_dirs) and finishing it
 * gives back the model it was written from, column by column and
 * constraint by constraint. */
#ifndef TIDE_DSL_WRITER_H
#define TIDE_DSL_WRITER_H

#include "tide.h"
#include "core/buf.h"
#include "model/model.h"

/* Appends to out one Lua file that defines every table and object of s:
 *   local t = require "tide.schema"
 *   return { t.table "name" { ... }, ..., t.view "name" [[select ...]], ... }
 * s must be finished (tide_schema_finish); it is only read. Tables come in
 * the model's order, columns in their own. Constraint and index names are
 * written only where they differ from the generated rule; each enum is
 * declared, with its values, on the first column that uses it. What the
 * DSL cannot say (an enum that no column uses, a table without columns, a
 * nullable key column) is left out and named in a comment at the top of
 * the file. Objects follow the tables, in the model's order, each with its
 * SQL text as a Lua long string ([==[...]==], the level chosen so that the
 * text cannot close it); a namespace listed with nothing in it is
 * declared first (t.schema "name"); generated columns (:generated) and table options
 * (:strict(), :withoutRowid(), :unlogged()) are said as the DSL says them. Returns 0, or TIDE_ENOMEM with out as it was. */
int tide_schema_render_lua(const tide_schema *s, tide_buf *out, tide_err *err);

/* The same for table t of s alone, as a file of its own
 * (`return t.table "name" { ... }`, or `return { t.table "name" { ... },
 * t.trigger ... }` when objects are on it: its triggers and policies): the
 * enums its columns use are declared in it, whatever other files declare
 * (a repeated declaration with the same values is allowed). Returns 0, or
 * TIDE_ENOMEM. */
int tide_schema_render_lua_table(const tide_schema *s, const tide_table *t, tide_buf *out,
                                 tide_err *err);

/* The objects of s that tide_schema_render_lua_table does not write (those
 * on no table: views, sequences, functions...; and triggers on a view), and
 * the namespaces with nothing in them, as
 * a file of their own: `return { t.view "name" [[...]], ... }` (an empty
 * list when there are none). Returns 0, or TIDE_ENOMEM. */
int tide_schema_render_lua_objects(const tide_schema *s, tide_buf *out, tide_err *err);

#endif
