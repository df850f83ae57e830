/* Placeholder until this subcommand lands. */
#include "cli/cli.h"
int ht_cmd_eval_align(int argc, char **argv) { return ht_cli_usage_error("eval align", "not built yet"); }
