/* cli_help.c — documents generated from the command table of cli.c, so
 * they cannot drift from it: `tide man` (the roff page tide(1)) and
 * `tide completion bash` (a bash completion script whose per-command
 * options are parsed out of the usage strings). */
#include "cli/cli.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static int flushed(void)
{
    return fflush(stdout) == 0 && !ferror(stdout) ? TIDE_EXIT_OK : TIDE_EXIT_FAILURE;
}

/* ---- per-command help: what each option does, and examples ------------
 * tide COMMAND --help prints it; the man page shows it under each
 * command. Every option of a command's usage line is described here (the
 * help test checks it), and every command has two examples or more. */

static const command_help helps[] = {
    {"migration:create",
     {{"--name N", "a label for the file name: Migration<timestamp>_N"},
      {"--blank", "an empty migration to fill by hand (no schema folder needed)"},
      {"--initial", "adopt a live database: the first migration creates what it holds"},
      {"--dump", "print the migration instead of writing it (nothing is written)"},
      {"--format sql|mermaid|dot", "with --dump: the SQL (default), or a diagram of the change"},
      {"--no-drop", "leave drops out of the plan; each one left out is a warning"},
      {"--column-order append|rebuild", "on PostgreSQL: a column put mid-table goes last, or its table is rebuilt"}},
     {{"tide migration:create --name add_phone", "write the difference of schema/ and the snapshot"},
      {"tide migration:create --dump", "show what would be written"},
      {"tide migration:create --dump --format mermaid", "draw the change: tables added, changed, dropped"},
      {"tide migration:create --blank --name backfill", "an empty migration to write by hand"}}},
    {"migration:up",
     {{"--from X", "start at migration X (a name, file name or unique prefix)"},
      {"--to Y", "stop after migration Y"},
      {"--only Z", "run migration Z alone"},
      {"--dry-run", "run inside a transaction that is rolled back, printing the SQL"},
      {"--allow-out-of-order", "also run pending migrations older than the newest executed one"},
      {"--backup FILE", "back the database up to FILE first (refused when FILE exists)"}},
     {{"tide migration:up", "run every pending migration"},
      {"tide migration:up --dry-run", "see the SQL, change nothing"},
      {"tide migration:up --to 20260101", "run up to the migration of that timestamp"}}},
    {"migration:down",
     {{"--to X|0", "revert what was executed after X, the last first; 0: everything"},
      {"--only Z", "revert migration Z alone"},
      {"--dry-run", "revert inside a transaction that is rolled back, printing the SQL"}},
     {{"tide migration:down", "revert the migration executed last"},
      {"tide migration:down --to 0", "revert everything"},
      {"tide migration:down --only 20260101120000", "revert that one"}}},
    {"migration:list", {{NULL, NULL}},
     {{"tide migration:list", "executed migrations, when and how long"},
      {"tide --json migration:list", "the same as JSON"}}},
    {"migration:pending", {{NULL, NULL}},
     {{"tide migration:pending", "what migration:up would run"},
      {"tide --module blog migration:pending", "a module's pending migrations"}}},
    {"migration:check", {{NULL, NULL}},
     {{"tide migration:check", "exit 1 when the definitions need a migration (CI)"},
      {"tide migration:check || tide migration:create --dump", "show the missing migration"}}},
    {"migration:fresh",
     {{"--seed [NAME]", "run a seeder afterwards (the default one without NAME)"}},
     {{"tide migration:fresh", "drop everything, then run every migration"},
      {"tide migration:fresh --seed", "and run the default seeder"}}},
    {"migration:validate", {{NULL, NULL}},
     {{"tide migration:validate", "exit 1 when an executed file changed or is missing"},
      {"tide --json migration:validate", "the same as JSON"}}},
    {"migration:resolve",
     {{"--applied", "the migration did its work: keep it as executed"},
      {"--rolled-back", "it did not: forget it, so that up runs it again"}},
     {{"tide migration:resolve Migration20260101120000 --applied", "keep it"},
      {"tide migration:resolve 20260101120000 --rolled-back", "forget it (a unique prefix works)"}}},
    {"migration:log", {{NULL, NULL}},
     {{"tide migration:log Migration20260101120000_init", "record it as executed without running it"},
      {"tide migration:log 20260101120000", "the same, by its timestamp"}}},
    {"migration:unlog", {{NULL, NULL}},
     {{"tide migration:unlog Migration20260101120000_init", "forget it without reverting it"},
      {"tide migration:unlog 20260101120000", "the same, by its timestamp"}}},
    {"migration:test", {{NULL, NULL}},
     {{"tide migration:test", "up, compare with the snapshot, down, up again on a scratch database"},
      {"tide --url postgres://app@localhost/app migration:test", "on a scratch PostgreSQL database"}}},
    {"migration:lint",
     {{"--all", "lint every migration, not only the pending ones"}},
     {{"tide migration:lint", "flag risky statements of the pending migrations"},
      {"tide migration:lint --all", "every migration"},
      {"tide migration:lint Migration20260101120000_drop", "one migration"}}},
    {"schema:create",
     {{"--run", "execute the SQL"}, {"--dump", "print the SQL (the default)"}},
     {{"tide schema:create --dump", "the SQL creating the definitions"},
      {"tide schema:create --run", "create them"}}},
    {"schema:update",
     {{"--run", "execute the SQL"}, {"--dump", "print the SQL (the default)"},
      {"--safe", "no drops at all"}, {"--no-drop-tables", "keep tables the definitions lack"},
      {"--no-drop", "leave every drop out; each one is a warning"},
      {"--column-order append|rebuild", "on PostgreSQL: a column put mid-table goes last, or its table is rebuilt"}},
     {{"tide schema:update --dump", "the SQL bringing the database to the definitions"},
      {"tide schema:update --run --safe", "apply it, dropping nothing"}}},
    {"schema:drop",
     {{"--run", "execute the SQL"}, {"--dump", "print the SQL (the default)"},
      {"--drop-db", "drop the whole database (with --run)"}},
     {{"tide schema:drop --dump", "the SQL dropping what the definitions describe"},
      {"tide schema:drop --run", "drop it, nothing else"}}},
    {"schema:fresh",
     {{"--run", "required: it drops everything tide covers"},
      {"--seed [NAME]", "run a seeder afterwards"}},
     {{"tide schema:fresh --run", "drop everything, create the definitions"},
      {"tide schema:fresh --run --seed", "and seed"}}},
    {"schema:inspect",
     {{"--format lua|json|dot|mermaid|svg", "definitions, a snapshot (default), or a diagram"},
      {"--from definitions", "draw the definitions instead of the live database (diagrams)"},
      {"--out DIR", "with --format lua: one file per table in DIR"}},
     {{"tide schema:inspect --format lua --out schema", "adopt a database: its definitions"},
      {"tide schema:inspect --format svg > schema.svg", "a picture of the database (Graphviz)"},
      {"tide schema:inspect --from definitions --format mermaid", "the definitions as a Mermaid diagram"}}},
    {"schema:diff",
     {{"--from SRC", "a URL, a snapshot file or the word definitions"},
      {"--to DST", "likewise"}, {"--dump", "print the SQL (the default)"},
      {"--run", "execute it on the --from database"}, {"--no-drop", "leave drops out"},
      {"--column-order append|rebuild", "on PostgreSQL: a column put mid-table goes last, or its table is rebuilt"}},
     {{"tide schema:diff --from sqlite:old.db --to definitions", "SQL turning old.db into the definitions"},
      {"tide schema:diff --from migrations/.snapshot-app.json --to postgres://app@db/app", "snapshot against a server"}}},
    {"schema:drift", {{NULL, NULL}},
     {{"tide schema:drift", "exit 1 when the database differs from the snapshot"},
      {"tide -v schema:drift", "and say what differs in each altered column"}}},
    {"seeder:run",
     {{"--class NAME", "the seeder to run (default: seeder.defaultSeeder)"}},
     {{"tide seeder:run", "run DatabaseSeeder"},
      {"tide seeder:run --class UserSeeder", "run seeders/UserSeeder.lua"}}},
    {"seeder:create", {{NULL, NULL}},
     {{"tide seeder:create UserSeeder", "write seeders/UserSeeder.lua"},
      {"tide seeder:create OrderSeeder", "another one, run with --class OrderSeeder"}}},
    {"run", {{NULL, NULL}},
     {{"tide run report.lua", "run a script with tide and db ready"},
      {"tide --url sqlite:app.db run export.lua out.csv", "arguments go to the script's arg"}}},
    {"debug", {{NULL, NULL}},
     {{"tide debug", "the configuration tide resolved, where each value came from"},
      {"tide --config ../other/tide.lua debug", "another project's (its paths relative to it)"}}},
    {"db:generate", {{NULL, NULL}},
     {{"tide db:generate blog shop", "a migration per module that changed"},
      {"tide db:generate --module blog", "one module"}}},
    {"db:migrate", {{NULL, NULL}},
     {{"tide db:migrate", "the project's migrations, then every module's"},
      {"tide db:migrate --module shop", "one module"}}},
    {"db:rollback", {{NULL, NULL}},
     {{"tide db:rollback blog", "revert blog's last migration"},
      {"tide db:rollback blog shop", "one per module"}}},
    {"man", {{NULL, NULL}},
     {{"tide man | man -l -", "read the manual"},
      {"tide man > /usr/local/share/man/man1/tide.1", "install it"}}},
    {"completion", {{NULL, NULL}},
     {{"source <(tide completion bash)", "completion in this shell"},
      {"tide completion bash > /etc/bash_completion.d/tide", "for every shell"}}},
    {NULL, {{NULL, NULL}}, {{NULL, NULL}}}
};

const command_help *cli_command_help(const char *name)
{
    const command_help *h;
    for (h = helps; h->command; h++)
        if (!strcmp(h->command, name))
            return h;
    return NULL;
}

/* ---- the man page ------------------------------------------------------ */

/* Text for roff: backslashes and hyphens escaped, and a line never starts
 * with a control character. */
static void roff(FILE *f, const char *s)
{
    if (*s == '.' || *s == '\'')
        fputs("\\&", f);
    for (; *s; s++) {
        if (*s == '\\')
            fputs("\\e", f);
        else if (*s == '-')
            fputs("\\-", f);
        else if (*s == '\n')
            fputs("\n.br\n", f);
        else
            fputc(*s, f);
    }
}

/* A command's options and examples, indented under its entry. */
static void man_command_help(FILE *f, const command_help *h)
{
    int i;
    if (!h)
        return;
    fputs(".RS\n", f);
    for (i = 0; i < CLI_HELP_MAX_OPTS && h->options[i][0]; i++) {
        fputs(".TP\n.B ", f);
        roff(f, h->options[i][0]);
        fputc('\n', f);
        roff(f, h->options[i][1]);
        fputc('\n', f);
    }
    for (i = 0; i < CLI_HELP_MAX_EXAMPLES && h->examples[i][0]; i++) {
        fputs(i ? ".br\n" : ".PP\nExamples:\n.br\n", f);
        fputs("\\fB", f);
        roff(f, h->examples[i][0]);
        fputs("\\fR \\(em ", f);
        roff(f, h->examples[i][1]);
        fputc('\n', f);
    }
    fputs(".RE\n", f);
}

int cmd_man(cli *c)
{
    const command *k;
    const cli_global_opt *g;
    FILE *f = stdout;
    if (c->argc > 0)
        return cli_usage_error(c, "man takes no arguments (got '%s')", c->argv[0]);
    fprintf(f, ".\\\" tide(1), generated by `tide man` from the command table; do not edit.\n");
    fprintf(f, ".TH TIDE 1 \"\" \"tide %s\" \"User Commands\"\n", TIDE_VERSION);
    fputs(".nh\n.SH NAME\ntide \\- database migrations with Lua, for SQLite and PostgreSQL\n", f);
    fputs(".SH SYNOPSIS\n.B tide\n[\\fIoptions\\fR] \\fICOMMAND\\fR [\\fIargs\\fR]\n.br\n"
          ".B tide\n\\fICOMMAND\\fR \\fB\\-\\-help\\fR\n.br\n.B tide \\-\\-version\n", f);
    fputs(".SH DESCRIPTION\n"
          ".B tide\n"
          "manages the schema of a database through migrations: Lua or SQL files with an\n"
          "up and a down part, run in order and recorded in a tracking table.\n"
          "Migrations can be written by hand or generated by diffing entity definitions\n"
          "(the schema folders) against a snapshot of the last generated migration.\n"
          "The command names follow MikroORM; Medusa's\n"
          ".B db:*\n"
          "names are aliases that work on the modules of the configuration:\n"
          "independent migration sets, each with its own schema and migrations folders,\n"
          "sharing one tracking table.\n"
          ".PP\n"
          "Output is plain text for people, or JSON on standard output with\n"
          ".BR \\-\\-json .\n"
          "Colour is used only on a terminal.\n", f);
    fputs(".SH COMMANDS\n", f);
    for (k = cli_commands(); k->name; k++) {
        fputs(".TP\n\\fB", f);
        roff(f, k->name);
        fputs("\\fR", f);
        if (*k->usage) {
            fputc(' ', f);
            roff(f, k->usage);
        }
        fputc('\n', f);
        roff(f, k->summary);
        if (k->alias_of) {
            fputs(" (an alias of\n.BR ", f);
            roff(f, k->alias_of);
            fputs(" )", f);
        }
        if (!k->run)
            fputs(" (not built yet)", f);
        fputs("\n", f);
        man_command_help(f, cli_command_help(k->name));
    }
    fputs(".SH GLOBAL OPTIONS\nEvery command takes these.\n", f);
    for (g = cli_global_opts(); g->name; g++) {
        fputs(".TP\n\\fB", f);
        if (g->short_name) {
            roff(f, g->short_name);
            fputs("\\fR, \\fB", f);
        }
        roff(f, g->name);
        fputs("\\fR", f);
        if (g->arg) {
            fputs(" \\fI", f);
            roff(f, g->arg);
            fputs("\\fR", f);
        }
        fputc('\n', f);
        roff(f, g->summary);
        fputc('\n', f);
    }
    fputs(".SH ENVIRONMENT\n"
          ".TP\n.B TIDE_CONFIG\nthe configuration file, when\n.B \\-\\-config\nis not given.\n"
          ".TP\n.B TIDE_DATABASE_URL\nthe database URL; overrides\n.B url\nin the configuration"
          " (\\fB\\-\\-url\\fR overrides both).\n"
          ".TP\n.B TIDE_VERBOSE\nwhen 1, log every SQL statement, as\n.BR \\-\\-verbose .\n"
          ".TP\n.B NO_COLOR\nwhen set and not empty, never colour the output.\n", f);
    fputs(".SH EXIT STATUS\n"
          ".TP\n.B 0\nsuccess.\n"
          ".TP\n.B 1\nfailure: a failed migration, a refused connection, a bad file;\n"
          ".B migration:check\nand\n.B schema:drift\nalso when a migration is needed or the database drifted;\n"
          ".B migration:pending\nand\n.B migration:validate\nwhen a migration is left running (or, validate, changed or missing).\n"
          ".TP\n.B 2\nthe command line is wrong (unknown command or option, missing argument).\n"
          ".TP\n.B 3\n.B migration:check\nor\n.B schema:drift\ncould not decide: broken definitions, an unreachable database.\n"
          ".TP\n.B 130, 143\na run stopped by SIGINT or SIGTERM.\n", f);
    fputs(".SH FILES\n"
          ".TP\n.I tide.lua\n"
          "the configuration, in the working directory: a Lua file returning a table\n"
          "(url, schema, migrations, seeder, modules). Without one, the defaults apply with\n"
          ".BR url\\ =\\ \"sqlite:tide.db\" .\n", f);
    fputs(".SH EXAMPLES\n"
          ".nf\ntide migration:create \\-\\-name add_users\ntide migration:up\n"
          "tide db:generate blog shop\ntide completion bash > /etc/bash_completion.d/tide\n.fi\n", f);
    return flushed();
}

/* ---- bash completion --------------------------------------------------- */

/* Calls fn for each --option spelled in usage; takes_value says whether a
 * value follows it ("--name N", "--format lua|json"; not "--seed [NAME]"),
 * choices the value's alternatives when they are lower-case words. */
typedef void (*opt_fn)(FILE *f, const char *opt, size_t len, int takes_value,
                       const char *choices, size_t clen);

static void each_option(FILE *f, const char *usage, opt_fn fn)
{
    const char *p = usage;
    while ((p = strstr(p, "--"))) {
        const char *e = p + 2, *v, *ve;
        int value = 0, lower = 1;
        if (p > usage && !strchr(" [|", p[-1])) {   /* not the start of an option */
            p = e;
            continue;
        }
        while (*e && (isalnum((unsigned char)*e) || *e == '-'))
            e++;
        v = ve = e;
        if (*e == ' ' && e[1] && e[1] != '-' && e[1] != '[') {
            value = 1;
            v = e + 1;
            for (ve = v; *ve && *ve != ' ' && *ve != ']'; ve++)
                if (!(islower((unsigned char)*ve) || *ve == '|'))
                    lower = 0;
        }
        fn(f, p, (size_t)(e - p), value, value && lower && memchr(v, '|', (size_t)(ve - v)) ? v : NULL,
           (size_t)(ve - v));
        p = e;
    }
}

static void put_option(FILE *f, const char *opt, size_t len, int takes_value, const char *choices, size_t clen)
{
    (void)takes_value; (void)choices; (void)clen;
    fprintf(f, " %.*s", (int)len, opt);
}

/* Options whose value is offered (their choices) or left alone; each once,
 * its choices the union of every command's (--format: schema:inspect's and
 * migration:create's). */
enum { MAX_VALUED = 64 };
static struct valued {
    char opt[48];
    char choices[256];      /* " a b c " */
    int any;                /* some usage leaves the value to the user */
} valued[MAX_VALUED];
static int nvalued;

static void put_valued(FILE *f, const char *opt, size_t len, int takes_value, const char *choices, size_t clen)
{
    struct valued *v = NULL;
    size_t i, w;
    int k;
    (void)f;
    if (!takes_value || len + 1 >= sizeof valued[0].opt)
        return;
    for (k = 0; k < nvalued && !v; k++)
        if (strlen(valued[k].opt) == len && !strncmp(valued[k].opt, opt, len))
            v = &valued[k];
    if (!v) {
        if (nvalued == MAX_VALUED)
            return;
        v = &valued[nvalued++];
        memset(v, 0, sizeof *v);
        memcpy(v->opt, opt, len);
        strcpy(v->choices, " ");
    }
    if (!choices) {
        v->any = 1;
        return;
    }
    for (i = 0; i < clen; i = w + 1) {       /* each choice, once */
        char word[64];
        for (w = i; w < clen && choices[w] != '|'; w++)
            ;
        if (w - i + 3 >= sizeof word)
            continue;
        snprintf(word, sizeof word, " %.*s ", (int)(w - i), choices + i);
        if (!strstr(v->choices, word) && strlen(v->choices) + strlen(word) < sizeof v->choices)
            strcat(v->choices, word + 1);
    }
}

static void flush_valued(FILE *f)
{
    int k;
    size_t n;
    for (k = 0; k < nvalued; k++) {
        fprintf(f, "        %s) ", valued[k].opt);
        n = strlen(valued[k].choices);
        if (!valued[k].any && n > 1)
            fprintf(f, "COMPREPLY=($(compgen -W \"%.*s\" -- \"$cur\"))", (int)(n - 2), valued[k].choices + 1);
        else
            fputs(":", f);      /* a name or a value only the user knows */
        fputs("; return ;;\n", f);
    }
}

int cmd_completion(cli *c)
{
    const command *k;
    const cli_global_opt *g;
    FILE *f = stdout;
    if (c->argc != 1 || strcmp(c->argv[0], "bash"))
        return cli_usage_error(c, "say which shell: tide completion bash");
    fprintf(f, "# bash completion for tide %s — generated by `tide completion bash` from its\n"
               "# command table; do not edit. Install: tide completion bash > "
               "/etc/bash_completion.d/tide\n"
               "# or: source <(tide completion bash)\n\n", TIDE_VERSION);

    fputs("_tide_commands=\"", f);
    for (k = cli_commands(); k->name; k++)
        fprintf(f, "%s%s", k == cli_commands() ? "" : " ", k->name);
    fputs("\"\n_tide_global_opts=\"", f);
    for (g = cli_global_opts(); g->name; g++)
        fprintf(f, "%s%s%s%s", g == cli_global_opts() ? "" : " ", g->name,
                g->short_name ? " " : "", g->short_name ? g->short_name : "");
    fputs("\"\n\n", f);

    fputs("# The options of one command (parsed from its usage line).\n"
          "_tide_command_opts() {\n    case $1 in\n", f);
    for (k = cli_commands(); k->name; k++) {
        fprintf(f, "        %s) echo \"", k->name);
        each_option(f, k->usage, put_option);
        fputs(" \" ;;\n", f);
    }
    fputs("    esac\n}\n\n", f);

    fputs("# Bash splits words at ':' (COMP_WORDBREAKS); the replies then replace only\n"
          "# what follows the last colon of the word being completed.\n"
          "_tide_colon_trim() {\n"
          "    [ \"$_tide_joined\" = 1 ] || return 0\n"
          "    local prefix=${cur%\"${cur##*:}\"} i\n"
          "    for i in \"${!COMPREPLY[@]}\"; do COMPREPLY[i]=${COMPREPLY[i]#\"$prefix\"}; done\n"
          "}\n\n", f);

    fputs("_tide() {\n"
          "    local cur prev cmd i w n=0 cword=0 words=()\n"
          "    _tide_joined=0\n"
          "    COMPREPLY=()\n"
          "    # rejoin words split at ':' (migration : up -> migration:up)\n"
          "    for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do\n"
          "        w=${COMP_WORDS[i]}\n"
          "        if ((n > 0)) && [[ $w == :* || ${words[n-1]} == *: ]] && [[ ${words[n-1]} != -* ]]; then\n"
          "            words[n-1]+=$w\n"
          "            ((i == COMP_CWORD)) && _tide_joined=1\n"
          "        else\n"
          "            words[n]=$w; n=$((n + 1))\n"
          "        fi\n"
          "        ((i == COMP_CWORD)) && cword=$((n - 1))\n"
          "    done\n"
          "    ((i <= COMP_CWORD)) && { words[n]=''; cword=$n; }\n"
          "    cur=${words[cword]}\n"
          "    prev=''\n"
          "    ((cword > 0)) && prev=${words[cword-1]}\n"
          "    # the value of an option\n"
          "    case $prev in\n"
          "        --config) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
          "        --url|--module|--schema) return ;;\n", f);
    nvalued = 0;
    for (k = cli_commands(); k->name; k++)
        each_option(f, k->usage, put_valued);
    flush_valued(f);
    fputs("    esac\n"
          "    # the command: the first word that is neither an option nor a global option's value\n"
          "    cmd=''\n"
          "    for ((i = 1; i < cword; i++)); do\n"
          "        case ${words[i]} in\n"
          "            --config|--url|--module|--schema) i=$((i + 1)) ;;\n"
          "            -*) ;;\n"
          "            *) cmd=${words[i]}; break ;;\n"
          "        esac\n"
          "    done\n"
          "    if [[ -z $cmd ]]; then\n"
          "        if [[ $cur == -* ]]; then\n"
          "            COMPREPLY=($(compgen -W \"$_tide_global_opts\" -- \"$cur\"))\n"
          "        else\n"
          "            COMPREPLY=($(compgen -W \"$_tide_commands\" -- \"$cur\"))\n"
          "        fi\n"
          "        _tide_colon_trim\n"
          "        return\n"
          "    fi\n"
          "    if [[ $cur == -* ]]; then\n"
          "        COMPREPLY=($(compgen -W \"$(_tide_command_opts \"$cmd\") $_tide_global_opts\" -- \"$cur\"))\n"
          "        return\n"
          "    fi\n"
          "    case $cmd in\n"
          "        run) COMPREPLY=($(compgen -f -- \"$cur\")) ;;\n"
          "        completion) COMPREPLY=($(compgen -W \"bash\" -- \"$cur\")) ;;\n"
          "    esac\n"
          "}\n\n"
          "complete -F _tide tide\n", f);
    return flushed();
}
