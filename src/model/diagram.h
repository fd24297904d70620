/* diagram.h — a schema drawn as an entity-relationship diagram, for
 * people: Graphviz DOT or Mermaid (a flowchart, which unlike Mermaid's
 * erDiagram has clusters and shapes). Tables are boxes listing their
 * columns with type and keys (PK, FK, UK); foreign keys are edges from the
 * referencing table to the referenced one, labelled with their columns;
 * views and materialized views are a shape of their own, with dashed edges
 * to what they read; each namespace is a cluster. Plain data in, text out:
 * no dialect, no connection (schema:inspect --format dot|mermaid|svg). */
#ifndef TIDE_DIAGRAM_H
#define TIDE_DIAGRAM_H

#include "model/model.h"
#include "model/diff.h"

typedef enum tide_diagram_format {
    TIDE_DIAGRAM_DOT = 0,
    TIDE_DIAGRAM_MERMAID
} tide_diagram_format;

/* Appends the diagram of s (finished) to out. default_ns labels the
 * cluster of the tables in the default namespace (schema NULL): a module's
 * name, or NULL for "default". Returns 0 or TIDE_ENOMEM. The output is a
 * function of s alone: the same schema gives the same text. */
int tide_model_diagram(const tide_schema *s, tide_diagram_format format, const char *default_ns,
                       tide_buf *out);

/* The diagram of a change (migration:create --dump --format ...): the
 * target schema to, its tables marked "added" or "changed" by the plan up
 * (from -> to), and the tables up drops drawn from from, marked "dropped";
 * Mermaid colours them with classes, DOT their headers. TIDE_ENOMEM. */
int tide_model_diagram_change(const tide_schema *from, const tide_schema *to, const tide_plan *up,
                              tide_diagram_format format, const char *default_ns, tide_buf *out);

#endif
