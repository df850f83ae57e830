/* Placeholder until this subcommand lands. */
#include "cli/cli.h"
const char ht_usage_terms[] = "usage: hutong terms (not built yet)\n";
int ht_cmd_terms(int argc, char **argv) { return ht_cli_usage_error("terms", "not built yet"); }
