/* diagram.c — a schema as an entity-relationship diagram (diagram.h):
 * Graphviz DOT with HTML-like table labels, or a Mermaid flowchart. Both
 * walk the schema the same way: namespaces (clusters) in the order the
 * sorted tables give them, tables then views in each, then the edges. */
#include "model/diagram.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct drawing {
    const tide_schema *s;
    tide_diagram_format f;
    const char *default_ns;
    tide_buf *out;
    int rc;
    const char **ns;        /* the namespaces, NULL for the default one */
    int nns;
    const char *idp;        /* tables' node ids: idp and the table's index ("t") */
    const unsigned char *mark;  /* per table: MARK_* (a change's diagram), or NULL */
} drawing;

/* What a change does to a table (tide_model_diagram_change). */
enum { MARK_NONE, MARK_ADDED, MARK_CHANGED, MARK_DROPPED };
static const char *const mark_names[] = { NULL, "added", "changed", "dropped" };
static const char *const mark_fills[] = { "#dbe8f6", "#d9f2d9", "#fff1c2", "#f8d7d7" };

static void put(drawing *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(drawing *d, const char *fmt, ...)
{
    va_list ap;
    char small[512];
    int n;
    if (d->rc)
        return;
    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        d->rc = TIDE_ENOMEM;
    } else if ((size_t)n < sizeof small) {
        if (tide_buf_add(d->out, small, (size_t)n) < 0)
            d->rc = TIDE_ENOMEM;
    } else {
        char *big = malloc((size_t)n + 1);
        if (!big) {
            d->rc = TIDE_ENOMEM;
            return;
        }
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        if (tide_buf_add(d->out, big, (size_t)n) < 0)
            d->rc = TIDE_ENOMEM;
        free(big);
    }
}

/* Text inside a label: HTML entities for DOT's HTML-like labels, Mermaid's
 * #entity; codes inside its quoted labels. */
static void text(drawing *d, const char *s)
{
    for (; s && *s && !d->rc; s++) {
        const char *e = NULL;
        switch (*s) {
        case '&': e = d->f == TIDE_DIAGRAM_DOT ? "&amp;" : "#amp;"; break;
        case '<': e = d->f == TIDE_DIAGRAM_DOT ? "&lt;" : "#lt;"; break;
        case '>': e = d->f == TIDE_DIAGRAM_DOT ? "&gt;" : "#gt;"; break;
        case '"': e = d->f == TIDE_DIAGRAM_DOT ? "&quot;" : "#quot;"; break;
        case '\n': case '\r': case '\t': e = " "; break;
        }
        if (e ? tide_buf_puts(d->out, e) < 0 : tide_buf_putc(d->out, *s) < 0)
            d->rc = TIDE_ENOMEM;
    }
}

/* Column names joined by ", " (an edge label). */
static void names(drawing *d, char *const *v, int n)
{
    int i;
    for (i = 0; i < n; i++) {
        if (i)
            put(d, ", ");
        text(d, v[i]);
    }
}

static int same_ns(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

static int is_view(const tide_object *o)
{
    return o->kind == TIDE_OBJ_VIEW || o->kind == TIDE_OBJ_MATVIEW;
}

static void add_ns(drawing *d, const char *ns)
{
    int i;
    for (i = 0; i < d->nns; i++)
        if (same_ns(d->ns[i], ns))
            return;
    d->ns[d->nns++] = ns;
}

static int in_list(char *const *v, int n, const char *name, int nocase)
{
    int i;
    for (i = 0; i < n; i++)
        if (tide_model_same_name(nocase, v[i], name))
            return 1;
    return 0;
}

/* "PK", "FK", "UK" or a few of them for column c of tb: what a reader
 * looks for first. */
static void keys_of(const tide_table *tb, const tide_column *c, char *out, size_t size)
{
    int i, fk = 0, uk = 0;
    for (i = 0; i < tb->nfks && !fk; i++)
        fk = in_list(tb->fks[i].columns, tb->fks[i].ncolumns, c->name, tb->nocase);
    for (i = 0; i < tb->nuniques && !uk; i++)
        uk = tb->uniques[i].ncolumns == 1 && tide_model_same_name(tb->nocase, tb->uniques[i].columns[0], c->name);
    for (i = 0; i < tb->nindexes && !uk; i++)
        uk = tb->indexes[i].unique && !tb->indexes[i].where && tb->indexes[i].ncolumns == 1 &&
             tide_model_index_col_len(tb->indexes[i].columns[0]) == strlen(c->name) &&
             !strncmp(tb->indexes[i].columns[0], c->name, strlen(c->name));
    snprintf(out, size, "%s%s%s%s%s", in_list(tb->pk, tb->npk, c->name, tb->nocase) ? "PK" : "",
             in_list(tb->pk, tb->npk, c->name, tb->nocase) && (fk || uk) ? "," : "",
             fk ? "FK" : "", fk && uk ? "," : "", uk ? "UK" : "");
}

static int table_index(const tide_schema *s, const tide_table *tb)
{
    int i;
    for (i = 0; i < s->ntables; i++)
        if (s->tables[i] == tb)
            return i;
    return -1;
}

static int column_index(const tide_table *tb, const char *name)
{
    int i;
    for (i = 0; i < tb->ncolumns; i++)
        if (tide_model_same_name(tb->nocase, tb->columns[i].name, name))
            return i;
    return -1;
}

/* ---- nodes --------------------------------------------------------------- */

static void table_node(drawing *d, int ti)
{
    const tide_table *tb = d->s->tables[ti];
    char keys[16];
    int i;
    int mark = d->mark ? d->mark[ti] : MARK_NONE;
    if (d->f == TIDE_DIAGRAM_DOT) {
        put(d, "    %s%d [label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\">\n"
               "      <TR><TD COLSPAN=\"3\" BGCOLOR=\"%s\"><B>", d->idp, ti, mark_fills[mark]);
        text(d, tb->name);
        put(d, "</B>%s%s</TD></TR>\n", mark ? " " : "", mark ? mark_names[mark] : "");
        for (i = 0; i < tb->ncolumns; i++) {
            const tide_column *c = &tb->columns[i];
            keys_of(tb, c, keys, sizeof keys);
            put(d, "      <TR><TD PORT=\"c%d\" ALIGN=\"LEFT\">", i);
            text(d, c->name);
            put(d, "</TD><TD ALIGN=\"LEFT\">");
            text(d, c->type);
            if (c->nullable)
                put(d, "?");
            put(d, "</TD><TD PORT=\"k%d\">%s</TD></TR>\n", i, keys);
        }
        put(d, "    </TABLE>>];\n");
        return;
    }
    put(d, "    %s%d[\"<b>", d->idp, ti);
    text(d, tb->name);
    put(d, "</b>%s%s", mark ? " " : "", mark ? mark_names[mark] : "");
    for (i = 0; i < tb->ncolumns; i++) {
        const tide_column *c = &tb->columns[i];
        keys_of(tb, c, keys, sizeof keys);
        put(d, "<br>");
        text(d, c->name);
        put(d, " ");
        text(d, c->type);
        put(d, "%s%s%s", c->nullable ? "?" : "", keys[0] ? " " : "", keys);
    }
    put(d, "\"]\n");
}

static void view_node(drawing *d, int oi)
{
    const tide_object *o = &d->s->objects[oi];
    const char *what = tide_object_kinds[o->kind].name;
    if (d->f == TIDE_DIAGRAM_DOT) {
        put(d, "    v%d [shape=note, style=filled, fillcolor=\"#fdf3d0\", label=<<I>%s</I><BR/><B>", oi, what);
        text(d, o->name);
        put(d, "</B>>];\n");
        return;
    }
    put(d, "    v%d([\"<i>%s</i><br><b>", oi, what);
    text(d, o->name);
    put(d, "</b>\"])\n");
}

static void cluster(drawing *d, int k)
{
    const char *ns = d->ns[k], *label = ns ? ns : d->default_ns ? d->default_ns : "default";
    int i;
    if (d->f == TIDE_DIAGRAM_DOT) {
        put(d, "  subgraph cluster_%d {\n    label=<<B>", k);
        text(d, label);
        put(d, "</B>>; style=rounded; color=\"#8a9bb0\";\n");
    } else {
        put(d, "  subgraph n%d[\"", k);
        text(d, label);
        put(d, "\"]\n");
    }
    for (i = 0; i < d->s->ntables; i++)
        if (same_ns(d->s->tables[i]->schema, ns))
            table_node(d, i);
    for (i = 0; i < d->s->nobjects; i++)
        if (is_view(&d->s->objects[i]) && same_ns(d->s->objects[i].schema, ns))
            view_node(d, i);
    put(d, d->f == TIDE_DIAGRAM_DOT ? "  }\n" : "  end\n");
}

/* ---- edges --------------------------------------------------------------- */

static void fk_edge(drawing *d, int ti, const tide_fk *fk, int *nexternal)
{
    const tide_table *tb = d->s->tables[ti];
    const tide_table *ref = tide_schema_find_table(d->s, fk->ref_schema, fk->ref_table);
    int from = fk->ncolumns ? column_index(tb, fk->columns[0]) : -1;
    int to = ref && fk->nref_columns ? column_index(ref, fk->ref_columns[0]) : -1;
    char target[32];
    if (ref) {
        snprintf(target, sizeof target, "t%d", table_index(d->s, ref));
    } else {                             /* a table the diagram does not hold */
        snprintf(target, sizeof target, "x%d", (*nexternal)++);
        if (d->f == TIDE_DIAGRAM_DOT) {
            put(d, "  %s [shape=box, style=dashed, label=\"", target);
        } else {
            put(d, "  %s[\"", target);
        }
        if (fk->ref_schema) {
            text(d, fk->ref_schema);
            put(d, ".");
        }
        text(d, fk->ref_table);
        put(d, d->f == TIDE_DIAGRAM_DOT ? "\"];\n" : "\"]\n");
        if (d->f == TIDE_DIAGRAM_MERMAID)
            put(d, "  style %s stroke-dasharray: 4 4\n", target);
    }
    if (d->f == TIDE_DIAGRAM_DOT) {
        put(d, "  t%d", ti);
        if (from >= 0)
            put(d, ":k%d:e", from);
        put(d, " -> %s", target);
        if (to >= 0)
            put(d, ":c%d:w", to);
        put(d, " [label=<");
    } else {
        put(d, "  t%d -->|\"", ti);
    }
    names(d, fk->columns, fk->ncolumns);
    put(d, " → ");
    names(d, fk->ref_columns, fk->nref_columns);
    put(d, d->f == TIDE_DIAGRAM_DOT ? ">];\n" : "\"| %s\n", target);
}

/* The node of what a view reads ("name" or "schema.name"): a table or a
 * view of the schema, written into id; 0 when it holds neither. */
static int read_target(drawing *d, const tide_object *o, const char *what, char *id, size_t size)
{
    const char *dot = strchr(what, '.');
    char ns[256];
    const char *schema = o->schema, *name = what;
    const tide_table *tb;
    int i;
    if (dot && (size_t)(dot - what) < sizeof ns) {
        memcpy(ns, what, (size_t)(dot - what));
        ns[dot - what] = '\0';
        schema = ns;
        name = dot + 1;
    }
    if ((tb = tide_schema_find_table(d->s, schema, name)) ||
        (!dot && (tb = tide_schema_find_table(d->s, NULL, name)))) {
        snprintf(id, size, "t%d", table_index(d->s, tb));
        return 1;
    }
    for (i = 0; i < d->s->nobjects; i++) {
        const tide_object *v = &d->s->objects[i];
        if (is_view(v) && v != o && tide_model_same_name(d->s->nocase, v->name, name) &&
            (!dot || same_ns(v->schema, schema))) {
            snprintf(id, size, "v%d", i);
            return 1;
        }
    }
    return 0;
}

static void read_edges(drawing *d, int oi)
{
    const tide_object *o = &d->s->objects[oi];
    char id[32];
    int i;
    for (i = 0; i < o->nreads; i++) {
        if (!read_target(d, o, o->reads[i], id, sizeof id))
            continue;
        if (d->f == TIDE_DIAGRAM_DOT)
            put(d, "  v%d -> %s [style=dashed, color=\"#9a8a50\", arrowhead=open];\n", oi, id);
        else
            put(d, "  v%d -.-> %s\n", oi, id);
    }
}

/* The diagram of s, its tables marked (mark: NULL or one MARK_* per table);
 * dropped (the tables a change drops, from another schema) drawn beside. */
static int draw(const tide_schema *s, const unsigned char *mark, const tide_schema *from,
                const unsigned char *dropped, tide_diagram_format format, const char *default_ns,
                tide_buf *out)
{
    drawing d;
    int i, j, nexternal = 0;
    memset(&d, 0, sizeof d);
    d.s = s;
    d.f = format;
    d.default_ns = default_ns;
    d.out = out;
    d.idp = "t";
    d.mark = mark;
    if (!(d.ns = malloc(sizeof *d.ns * (size_t)(s->ntables + s->nobjects + 1))))
        return TIDE_ENOMEM;
    for (i = 0; i < s->ntables; i++)
        add_ns(&d, s->tables[i]->schema);
    for (i = 0; i < s->nobjects; i++)
        if (is_view(&s->objects[i]))
            add_ns(&d, s->objects[i].schema);
    if (format == TIDE_DIAGRAM_DOT)
        put(&d, "digraph schema {\n"
                "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, nodesep=0.4, ranksep=0.9];\n"
                "  node [shape=plaintext, fontname=\"Helvetica\", fontsize=10];\n"
                "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#4a5d73\"];\n");
    else
        put(&d, "flowchart LR\n");
    for (i = 0; i < d.nns; i++)
        cluster(&d, i);
    if (from && dropped) {            /* the tables the change drops, outside any cluster */
        drawing x = d;
        x.s = from;
        x.idp = "x";
        x.mark = dropped;
        for (i = 0; i < from->ntables; i++)
            if (dropped[i])
                table_node(&x, i);
        d.rc = x.rc;
    }
    for (i = 0; i < s->ntables; i++)
        for (j = 0; j < s->tables[i]->nfks; j++)
            fk_edge(&d, i, &s->tables[i]->fks[j], &nexternal);
    for (i = 0; i < s->nobjects; i++)
        if (is_view(&s->objects[i]))
            read_edges(&d, i);
    if (format == TIDE_DIAGRAM_DOT)
        put(&d, "}\n");
    else
        put(&d, "  classDef view fill:#fdf3d0,stroke:#9a8a50\n");
    for (i = 0; format == TIDE_DIAGRAM_MERMAID && i < s->nobjects; i++)
        if (is_view(&s->objects[i]))
            put(&d, "  class v%d view\n", i);
    if (format == TIDE_DIAGRAM_MERMAID && (mark || dropped)) {
        for (j = MARK_ADDED; j <= MARK_DROPPED; j++)
            put(&d, "  classDef %s fill:%s,stroke:#4a5d73%s\n", mark_names[j], mark_fills[j],
                j == MARK_DROPPED ? ",stroke-dasharray:4 2" : "");
        for (i = 0; mark && i < s->ntables; i++)
            if (mark[i])
                put(&d, "  class t%d %s\n", i, mark_names[mark[i]]);
        for (i = 0; dropped && from && i < from->ntables; i++)
            if (dropped[i])
                put(&d, "  class x%d dropped\n", i);
    }
    free(d.ns);
    return d.rc;
}

int tide_model_diagram(const tide_schema *s, tide_diagram_format format, const char *default_ns,
                       tide_buf *out)
{
    return draw(s, NULL, NULL, NULL, format, default_ns, out);
}

/* A schema's tables by address, to find each op's table's position in
 * O(log n): a plan has an op or more per table. */
typedef struct { const tide_table *t; int i; } slot;

static int by_address(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const slot *)a)->t, y = (uintptr_t)((const slot *)b)->t;
    return x < y ? -1 : x > y;
}

static slot *slots_of(const tide_schema *s)
{
    slot *v = malloc(((size_t)s->ntables + 1) * sizeof *v);
    int i;
    for (i = 0; v && i < s->ntables; i++)
        v[i].t = s->tables[i], v[i].i = i;
    if (v)
        qsort(v, (size_t)s->ntables, sizeof *v, by_address);
    return v;
}

static int position(const slot *v, int n, const tide_table *t)
{
    slot key, *hit;
    key.t = t;
    hit = t ? bsearch(&key, v, (size_t)n, sizeof *v, by_address) : NULL;
    return hit ? hit->i : -1;
}

int tide_model_diagram_change(const tide_schema *from, const tide_schema *to, const tide_plan *up,
                              tide_diagram_format format, const char *default_ns, tide_buf *out)
{
    unsigned char *mark = calloc((size_t)to->ntables + 1, 1), *dropped = calloc((size_t)from->ntables + 1, 1);
    slot *in_from = slots_of(from), *in_to = slots_of(to);
    int i, k, rc = TIDE_ENOMEM;
    if (!mark || !dropped || !in_from || !in_to)
        goto done;
    for (i = 0; i < up->n; i++) {
        const tide_op *op = &up->ops[i];
        if (op->kind == TIDE_OP_DROP_TABLE) {
            if ((k = position(in_from, from->ntables, op->old_table)) >= 0)
                dropped[k] = 1;
        } else if ((k = position(in_to, to->ntables, op->table)) >= 0) {
            if (op->kind == TIDE_OP_CREATE_TABLE || op->new_table)
                mark[k] = MARK_ADDED;
            else if (mark[k] != MARK_ADDED)
                mark[k] = MARK_CHANGED;
        }
    }
    for (i = 0; i < from->ntables; i++)
        if (dropped[i])
            dropped[i] = MARK_DROPPED;
    rc = draw(to, mark, from, dropped, format, default_ns, out);
done:
    free(mark);
    free(dropped);
    free(in_from);
    free(in_to);
    return rc;
}
