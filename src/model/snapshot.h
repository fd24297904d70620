/* snapshot.h — the snapshot (SPEC section 6): tide's memory of the schema at
 * the last generated migration, a JSON file meant to be committed. Rendering
 * is deterministic, so the same schema always gives the same bytes; reading
 * goes straight into the native model (model.h) and rejects anything it does
 * not understand, because a snapshot silently misread becomes a wrong
 * migration.
 *
 * The format, "tide-snapshot/1". Every object's keys come in the order listed
 * here; the text is what `jq --indent 2 .` prints (2-space indent, one value
 * per line, "key": value, [] for an empty list), with a trailing newline.
 * Optional keys are left out when they are null, empty or false; readers
 * accept them written out as null, [] or false too. No key is ever ignored:
 * an unknown or repeated key is an error.
 *
 *   {
 *     "format": "tide-snapshot/1",        required, first
 *     "nocase": true,                     optional: names compare with ASCII case
 *                                         folded (tide_schema.nocase; SQLite)
 *     "namespaces": [ "name", ... ]       optional: the namespaces listed even when
 *                                         empty (tide_schema.namespaces), sorted
 *     "enums": [ enum, ... ],             optional, in the schema's order
 *     "tables": [ table, ... ],           required (may be []), schema's order
 *     "objects": [ object, ... ]          optional, in the schema's order (kind,
 *                                         schema, table, name)
 *   }
 *   enum:        "schema"? "name" "values" (required, may be [])
 *   table:       "schema"? "name" "comment"? "strict"? "withoutRowid"? "unlogged"?
 *                "with"? (PostgreSQL storage parameters, as reloptions keeps them)
 *                "columns" (required, may be [])
 *                "primaryKey"? "uniques"? "indexes"? "foreignKeys"? "checks"?
 *   column:      "name" "type" "enum"? "nullable"? "default"? "autoincrement"?
 *                "generated"? "stored"? "collation"? "comment"?
 *                (booleans written only when true; "stored" only with "generated")
 *   object:      "kind" (a name of tide_object_kinds: "view", "trigger", ...)
 *                "schema"? "name" "table"? (the table of a trigger or a policy)
 *                "definition" (the SQL text) "canonical"? (written only when a
 *                driver's canonical form differs from the one the definition
 *                gives) "reads"? (written only when the catalog gave them, may
 *                be []) "comment"?
 *   primaryKey:  "name"? "columns" (non-empty)
 *   unique:      "name"? "columns" (non-empty)
 *   index:       "name"? "columns"? "expression"? (one of the two at least)
 *                "unique"? "where"? "method"?
 *   foreignKey:  "name"? "columns" (non-empty) "refSchema"? "refTable"
 *                "refColumns"? "onDelete"? "onUpdate"? "deferrable"?
 *                "initiallyDeferred"?
 *   check:       "name" "expression"
 * A name marked optional is written whenever the model has one (always after
 * tide_schema_finish); when a reader finds none, finish generates it by the
 * same rule as for the DSL. All values are strings, booleans, lists and
 * objects: a snapshot holds no numbers. The model's DSL-only hints
 * (renamed_from, ignore) are never written.
 *
 * Objects, namespaces, generated columns and table options came later, as optional keys
 * written only when present: a snapshot without them is byte for byte what
 * it was, so the format stays "tide-snapshot/1" (an older tide refuses the
 * new keys by name rather than misreading them).
 */
#ifndef TIDE_SNAPSHOT_H
#define TIDE_SNAPSHOT_H

#include "tide.h"
#include "core/buf.h"
#include "model/model.h"

/* The format this tide reads and writes. */
#define TIDE_SNAPSHOT_FORMAT "tide-snapshot/1"

/* Appends the snapshot text of s to out. s should be finished
 * (tide_schema_finish): its lists are written in the order they have.
 * Returns 0; TIDE_ENOMEM; or TIDE_ECONFIG when a string of s is not valid
 * UTF-8 (JSON cannot hold it; the message names the table). On failure out
 * is left as it was. */
int tide_snapshot_render(const tide_schema *s, tide_buf *out, tide_err *err);

/* Renders s and writes it to path atomically (tide_file_write_atomic, a
 * temporary file renamed over path): on failure the old file is intact.
 * Errors: those of tide_snapshot_render, and TIDE_EIO naming path. */
int tide_snapshot_write(const tide_schema *s, const char *path, tide_err *err);

/* What reading an old snapshot against the definitions' model learnt of
 * the text of the model's tables, for writing the model's snapshot without
 * rendering a table twice: a table whose text the old snapshot has byte for
 * byte is copied from it (the old text is kept: mapped, or read), one
 * found changed keeps the text rendered to compare it, the others (new
 * tables) are rendered when written. */
typedef struct tide_snapshot_reuse {
    const tide_schema *to;         /* whose tables */
    const char *old;               /* the old snapshot's text; NULL: none kept */
    size_t old_len;
    int mapped;                    /* old maps the file (else it was read into memory) */
    unsigned char *where;          /* per table of to: 0 rendered when written, 1 in old, 2 in kept */
    size_t *at;                    /* per table: its element's offset in old or kept, then its length */
    tide_buf kept;
} tide_snapshot_reuse;

/* Reads the snapshot at path as tide_snapshot_read does, the tables that
 * did not change left unread: a table whose text is byte for byte what the
 * table of `to` of that name renders to is to's table itself in *out
 * (tide_schema_finish_adopting: to must outlive *out), unless a foreign key
 * of it that names no columns points at a table that changed (its columns
 * are then the old key's). What is read is checked as tide_snapshot_read
 * checks it, with its FILE:LINE:COL; identical bytes are what the writer
 * makes, valid by construction. keep gets what was learnt of the tables'
 * text (tide_snapshot_write_reusing; free it with tide_snapshot_reuse_free
 * whatever the outcome). *unchanged (may be NULL): how many tables were
 * taken so. Errors: those of tide_snapshot_read. */
int tide_snapshot_read_against(tide_schema **out, const char *path, const tide_schema *to,
                               tide_snapshot_reuse *keep, int *unchanged, tide_err *err);

/* tide_snapshot_write, the tables whose text reuse has (reuse->to must be
 * s, unchanged since; else, or NULL, as tide_snapshot_write) copied rather
 * than rendered: the same bytes. */
int tide_snapshot_write_reusing(const tide_schema *s, const tide_snapshot_reuse *reuse, const char *path,
                                tide_err *err);
void tide_snapshot_reuse_free(tide_snapshot_reuse *r);

/* Parses the snapshot text [text, text + len) into a new finished schema,
 * *out, owned by the caller (tide_schema_free). name is the file name used in
 * messages. *out is NULL on failure. Errors: TIDE_ECONFIG, the message
 * "NAME:LINE:COL: what (the snapshot is corrupt; ...)" for text that is not
 * a snapshot, "NAME was written by a newer tide (format tide-snapshot/N);
 * upgrade tide" for a newer format, "NAME: ..." when the schema it holds does
 * not hold together (tide_schema_finish); TIDE_ENOMEM. */
int tide_snapshot_parse(tide_schema **out, const char *text, size_t len, const char *name,
                        tide_err *err);

/* Reads and parses the snapshot at path into *out (as tide_snapshot_parse).
 * TIDE_EIO is returned only when the file is missing ("no snapshot at PATH",
 * errno ENOENT) or cannot be read; callers treat a missing snapshot as the
 * empty schema, so every other failure has another code. */
int tide_snapshot_read(tide_schema **out, const char *path, tide_err *err);

/* The "definitions" digest a snapshot at path records, read from its first
 * lines only (the writer puts it second): 1 and out filled when there is one,
 * 0 when the file is missing, unreadable or records none (then out is ""). */
int tide_snapshot_read_digest(const char *path, char *out, size_t size);

/* Records digest as the "definitions" of the snapshot at path, changing
 * nothing else in the file (atomically): the definitions' text changed but
 * not what they define. TIDE_EIO, TIDE_ECONFIG (not a snapshot), TIDE_ENOMEM. */
int tide_snapshot_set_digest(const char *path, const char *digest, tide_err *err);

#endif
