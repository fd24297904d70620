/* lint.h — migration:lint's internals, shared by src/lint.c (reading SQL,
 * the generic rules, choosing and capturing migrations) and the dialect
 * rules behind the driver table (drivers/<db>/lint.c): statements as
 * tokens, column types as comparable values, what the live database says
 * about a table, and how a rule reports a finding. Not part of the API. */
#ifndef TIDE_LINT_H
#define TIDE_LINT_H

#include <stddef.h>
#include "tide.h"
#include "core/buf.h"

/* ---- statements as tokens ----------------------------------------------- */

typedef enum tide_lint_tokkind {
    TIDE_LTOK_WORD = 0,     /* keyword or bare identifier; text lowercased */
    TIDE_LTOK_IDENT,        /* "quoted" or `quoted` identifier; text unquoted */
    TIDE_LTOK_STRING,       /* '...', E'...', $tag$...$tag$; text is the body */
    TIDE_LTOK_NUMBER,
    TIDE_LTOK_PUNCT         /* one character: ( ) , . ; and the rest */
} tide_lint_tokkind;

typedef struct tide_lint_tok {
    tide_lint_tokkind kind;
    char *text;             /* in its statement's texts */
} tide_lint_tok;

/* One statement of a migration. */
typedef struct tide_lint_stmt {
    char *sql;              /* its text (in its tide_lint_stmts' blocks) */
    tide_lint_tok *toks;    /* comments and whitespace left out (in the blocks too) */
    int ntoks;
    char *ignore;           /* " id id " from tide:lint-ignore comments, or NULL (owned) */
    int index;              /* 1-based within its migration */
    /* A CREATE TABLE is read up to its column list's "(" (what the rules
     * look at); the rest, from here, when tide_lint__whole asks. NULL: whole. */
    const char *rest;
    void *own[2];           /* the tokens and texts of a statement made whole */
} tide_lint_stmt;

/* Statements of one or more scripts: each script read is three blocks (a
 * copy of it, its tokens, their texts) that its statements point into. */
typedef struct tide_lint_stmts {
    tide_lint_stmt *items;
    int n;                 /* items grow through tide_list_reserve */
    void **blocks;
    int nblocks;
    int from;              /* the first statement of the script being read */
} tide_lint_stmts;

/* Splits text into statements at top-level `;` (strings, comments, quoted
 * identifiers, dollar quotes and trigger bodies are skipped), appending to
 * out; a statement owns the comments before it. Empty ones are dropped. */
int  tide_lint__split(const char *text, tide_lint_stmts *out, tide_err *err);
void tide_lint__stmts_free(tide_lint_stmts *s);

/* Reads the rest of a statement the split left at its column list (its
 * tokens then all there). 0, or TIDE_ENOMEM (the statement unchanged). */
int  tide_lint__complete(tide_lint_stmt *s);

/* 1 when token i is the word w (a keyword: not a quoted identifier). */
int  tide_lint__is(const tide_lint_stmt *s, int i, const char *w);
/* The first index >= from holding word w at parenthesis depth 0 (relative
 * to from), before index `end` (-1: the end); -1 when none. */
int  tide_lint__find(const tide_lint_stmt *s, int from, int end, const char *w);
/* Reads a possibly qualified name at *i into out ("name" or "schema.name";
 * PostgreSQL's "public" and SQLite's "main" left out) and moves *i past it.
 * 0, or -1 when there is no name there. */
int  tide_lint__name(const tide_lint_stmt *s, int *i, char *out, size_t n);
/* The tokens [from, end) as text, words joined by single spaces. */
int  tide_lint__text(const tide_lint_stmt *s, int from, int end, tide_buf *out);
/* The index after the parenthesised group opening at i (or i + 1). */
int  tide_lint__skip_group(const tide_lint_stmt *s, int i);

/* ---- column types ------------------------------------------------------- */

typedef enum tide_lint_family {
    TIDE_LTYPE_OTHER = 0, TIDE_LTYPE_INT, TIDE_LTYPE_FLOAT, TIDE_LTYPE_NUMERIC,
    TIDE_LTYPE_STRING, TIDE_LTYPE_BOOL, TIDE_LTYPE_TIME
} tide_lint_family;

typedef struct tide_lint_type {
    tide_lint_family family;
    int size;               /* INT, FLOAT: bytes; STRING: length, -1 unbounded */
    int precision, scale;   /* NUMERIC: -1 unbounded */
    int fixed;              /* STRING: char(n), blank-padded */
    char base[64];          /* the type's name, canonical ("varchar", "integer", ...) */
} tide_lint_type;

/* Reads "varchar(255)", "character varying(10)", "int8", "numeric(10, 2)"... */
void tide_lint__type(const char *text, tide_lint_type *out);
/* 1 when a value of type from may not fit type to. */
int  tide_lint__narrows(const tide_lint_type *from, const tide_lint_type *to);

/* ---- what rules ask and how they report ---------------------------------- */

typedef struct tide_lint_ctx tide_lint_ctx;

/* 1 when the migrations linted in this run created table before this point. */
int  tide_lint__created(tide_lint_ctx *c, const char *table);
/* 1 when the live table has rows, 0 when it is empty or created in this
 * run, -1 when unknown (no database, no such table). */
int  tide_lint__rows(tide_lint_ctx *c, const char *table);
/* The column's type as known before this statement, or NULL. */
const char *tide_lint__column_type(tide_lint_ctx *c, const char *table, const char *column);
/* 1 when the migration being linted runs in one transaction (not
 * transactional = false). */
int  tide_lint__transactional(tide_lint_ctx *c);
/* Statement i (0-based) of the migration being linted when it comes before
 * the statement being linted, else NULL. */
const tide_lint_stmt *tide_lint__earlier(tide_lint_ctx *c, int i);
/* Every token of s: a rule reading a CREATE TABLE past its column list's
 * "(" calls this first (tide_lint__complete; out of memory fails the run). */
const tide_lint_stmt *tide_lint__whole(tide_lint_ctx *c, const tide_lint_stmt *s);
/* The earlier statements of the migration being linted (0-based indexes,
 * ascending, before the statement being linted) whose first two tokens are
 * the words w1 w2; *n their count. Kept as the run goes: each call reads only
 * the statements linted since the last call for the same words, so a rule
 * asking at every statement stays linear in the migration's length. */
const int *tide_lint__earlier_led(tide_lint_ctx *c, const char *w1, const char *w2, int *n);
/* Records a finding about statement s unless a tide:lint-ignore comment of
 * the statement or the migration's lintIgnore list names rule (or "all"). */
int  tide_lint__report(tide_lint_ctx *c, const tide_lint_stmt *s, const char *rule, int severity,
                       const char *fix, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

#endif
