/* Command-line conventions shared by every subcommand.
 *
 * Exit codes: 0 success, 1 a run that found nothing wrong in its input but
 * failed its purpose (reserved), 2 misuse (bad option or argument), 3 bad
 * input data, 4 I/O failure.  Messages go to stderr as "hutong: ...".
 */
#ifndef HT_CLI_H
#define HT_CLI_H

#include <stdio.h>

#include "hutong/common.h"

enum { HT_EXIT_OK = 0, HT_EXIT_USAGE = 2, HT_EXIT_DATA = 3, HT_EXIT_IO = 4 };

/* A subcommand: argv[0] is its name.  `usage` is printed by --help and by
 * `hutong help NAME`. */
typedef struct ht_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
	const char *usage;
} ht_command;

/* Print "hutong: MESSAGE" for a failed library call and return the exit code
 * for its status. */
int ht_cli_fail(const ht_error *err);
/* Print "hutong: CMD: MESSAGE" (one line) and return HT_EXIT_USAGE. */
int ht_cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print a warning "hutong: warning: ..." */
void ht_cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Exit code for a library status. */
int ht_cli_exit_code(ht_status st);
/* The command's entry in the table (for its usage text). */
const ht_command *ht_cli_command(const char *name);
/* Print the usage of `name` to stdout; returns 0. */
int ht_cli_help(const char *name);
/* True when argv has --help or -h before any "--". */
int ht_cli_wants_help(int argc, char **argv);

/* The subcommands, each in cli/cmd-NAME.c. */
int ht_cmd_segment(int argc, char **argv);
int ht_cmd_align(int argc, char **argv);
int ht_cmd_eval(int argc, char **argv);
int ht_cmd_eval_align(int argc, char **argv);
int ht_cmd_eval_sentences(int argc, char **argv);
int ht_cmd_eval_glossary(int argc, char **argv);
int ht_cmd_terms(int argc, char **argv);
int ht_cmd_glossary(int argc, char **argv);
int ht_cmd_build(int argc, char **argv);
int ht_cmd_lookup(int argc, char **argv);
int ht_cmd_merge(int argc, char **argv);

extern const char ht_usage_segment[], ht_usage_align[], ht_usage_eval[], ht_usage_terms[],
	ht_usage_glossary[], ht_usage_build[], ht_usage_lookup[], ht_usage_merge[];

#endif
