/* schema.h — what the schema room's files share (generator.c,
 * inspect.c, schemagen.c, migtest.c): the project's three schemas — its
 * definitions, its snapshot, its live database — limited to what tide
 * covers. Internal. */
#ifndef TIDE_SCHEMA_H
#define TIDE_SCHEMA_H

#include "project/project.h"
#include "runner/runner.h"

/* The snapshot file of this project (or module). */
int  tide__snapshot_path(tide *t, tide_buf *out, tide_err *err);
/* Where a value added to an enum cannot be used before its transaction
 * commits (TIDE_CAP_ENUM_VALUE_COMMIT), plan's ADD_ENUM_VALUE ops (*adds)
 * apart from the rest (*rest), to run first: 1 when the plan has both (free
 * adds->ops and rest->ops), 0 when there is nothing to split, or
 * TIDE_ENOMEM (generator.c). */
int  tide__split_enum_adds(const tide_driver *drv, const tide_plan *plan, tide_plan *adds, tide_plan *rest,
                           tide_err *err);

/* "public" plus every namespace a and b (either may be NULL) name, each
 * once: those of their tables, enums and objects and those they list. The
 * live database is read in these (the names borrow from a and b; free the
 * array). 0 or TIDE_ENOMEM. */
int  tide__covered_namespaces(const tide_schema *a, const tide_schema *b, const char ***names, int *n);

/* Keeps only the tables, enums and namespaces of t->only_schema in s (no-op
 * without one). */
void tide__limit_schema(tide *t, tide_schema *s);

/* The schema definitions (module-aware), normalized for the dialect. */
int  tide__load_definitions(tide *t, tide_schema **out, tide_err *err);

/* Before definitions (or a snapshot) are compared with the live database
 * behind conn: their objects' canonical forms become the server's spelling
 * (the driver's canonicalize; nothing to do for a driver without one), so
 * that SQL written by hand shows no perpetual difference. */
int  tide__server_canonical(tide_conn *conn, tide_schema *s, tide_err *err);



/* The whole live database as schema:inspect shows it (every namespace),
 * finished (inspect.c). */
int  tide__inspected(tide *t, tide_schema **out, tide_err *err);

/* Drops every table and enum of the namespaces tide covers (those of the
 * definitions and the snapshot, else the default one), the tracking table
 * included, in one transaction (schemagen.c). */
int  tide__drop_all(tide *t, tide_err *err);

#endif
