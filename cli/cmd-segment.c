/* Placeholder until this subcommand lands. */
#include "cli/cli.h"
const char ht_usage_segment[] = "usage: hutong segment (not built yet)\n";
int ht_cmd_segment(int argc, char **argv) { return ht_cli_usage_error("segment", "not built yet"); }
