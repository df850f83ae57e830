/* Placeholder until this subcommand lands. */
#include "cli/cli.h"
const char ht_usage_glossary[] = "usage: hutong glossary (not built yet)\n";
int ht_cmd_glossary(int argc, char **argv) { return ht_cli_usage_error("glossary", "not built yet"); }
