/* main.c — the tide binary: everything happens in the CLI room. */
#include "cli/cli.h"

int main(int argc, char **argv)
{
    return tide_cli_main(argc, argv);
}
