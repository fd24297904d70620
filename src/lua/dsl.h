/* dsl.h — the column builders of the schema DSL (t.col "name" :type()...)
 * in C: one userdata per column, its usual methods C functions that write
 * its definition into the userdata's fields. lua/tide/schema.lua keeps
 * every method in Lua as well, and every message: a method called in a way
 * the C function does not take on (a mistake, an option, a rarer method)
 * turns the builder into the Lua builder it stands for (its "shadow",
 * { __tide = "column builder", __def = definition }) and runs the Lua
 * method on it; from then on the builder is its shadow. */
#ifndef TIDE_DSL_H
#define TIDE_DSL_H

#include <lua.h>
#include <stddef.h>

/* The metatable of the column builders, in the registry. */
#define TIDE_DSL_COLUMN "tide.schema.column"
#define TIDE_DSL_MAGIC 0x7469646563c01bUL

/* A column builder not yet turned into its shadow. Strings point into Lua
 * strings the userdata anchors (its user values). */
typedef struct tide_colb {
    unsigned long magic;        /* TIDE_DSL_MAGIC: what a method checks its self by */
    const char *name, *type, *def, *ref, *ref_column, *comment;
    const char *on_delete, *on_update;  /* canonical actions (static strings) */
    unsigned char nullable, primary, autoinc, unique, slow;
    unsigned char nul;          /* a string holds a NUL byte: the converter refuses it */
    char typebuf[40];
} tide_colb;

/* The column builder at idx, or NULL.   [-0, +0, -] */
tide_colb *tide_dsl_column(lua_State *L, int idx);

/* Pushes the shadow of the builder at idx (made the first time).   [-0, +1, m] */
void tide_dsl_push_shadow(lua_State *L, int idx);

/* tide.core.schemaColumns(Col, check) -> col, shadow_of: the C constructor
 * t.col and the function that gives a builder's shadow (nil for anything
 * else). Col holds the Lua methods; check(name) raises for a name t.col
 * refuses.   [-2, +2, e] */
int tide_dsl_columns(lua_State *L);

/* tide.core.where(level) -> short_src, currentline, source of the function
 * at level as debug.getinfo(level, "Sl") counts it, or nothing: where
 * t.table was called, without the table debug.getinfo makes.   [-1, +(0|3), e] */
int tide_dsl_where(lua_State *L);

#endif
