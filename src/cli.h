/* cli.h — the tide command line: a table of commands from which --help is
 * generated, and the named exit codes. */
#ifndef TIDE_CLI_H
#define TIDE_CLI_H

typedef enum tide_exit {
    TIDE_EXIT_OK = 0,
    TIDE_EXIT_FAILURE = 1,   /* a failed migration, a refused connection, a bad file */
    TIDE_EXIT_USAGE = 2      /* the command line itself is wrong */
} tide_exit;

/* Runs the command line; returns the process exit code. */
int tide_cli_main(int argc, char **argv);

#endif
