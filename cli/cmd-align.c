/* Placeholder until this subcommand lands. */
#include "cli/cli.h"
const char ht_usage_align[] = "usage: hutong align (not built yet)\n";
int ht_cmd_align(int argc, char **argv) { return ht_cli_usage_error("align", "not built yet"); }
