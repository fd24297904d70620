/* sandbox.h — a Lua state for the fuzz targets that run their input as a
 * Lua chunk (config, dsl). The chunk sees only what a tide.lua or a schema
 * file needs (no os, io, load, require, dofile, debug, coroutine, pcall);
 * an instruction budget and a memory limit stop it, and the string pattern
 * functions refuse inputs that would make them search for ages; so the
 * fuzzer measures tide, not Lua's ability to loop. */
#ifndef TIDE_FUZZ_SANDBOX_H
#define TIDE_FUZZ_SANDBOX_H

#include <stddef.h>
#include <lua.h>

/* A new state with the standard libraries and tide's modules preloaded
 * (the trusted side: the harness, tide.schema), or NULL. */
lua_State *sandbox_new(void);

/* Runs [chunk, chunk + size) in a fresh environment holding the safe globals
 * plus, when with_dsl, t = require "tide.schema", under the instruction and
 * memory limits. Leaves what the chunk returned (one value) and returns 0,
 * or leaves nothing and returns -1 when the chunk failed. The limits are
 * lifted again before it returns, so that tide's own code after it runs as
 * it does in the real program.   [-0, +(1|0), -] */
int sandbox_run(lua_State *L, const char *chunk, size_t size, int with_dsl);

void sandbox_close(lua_State *L);

/* With TIDE_FUZZ_VERBOSE set, prints "fuzz: what: msg" to stderr: why an
 * input was refused, when looking at a reproducer. */
void sandbox_say(const char *what, const char *msg);

#endif
