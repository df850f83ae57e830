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

/* ---- messages ----
 * One wording for each kind of mistake, whatever the command:
 *   hutong: CMD: unknown option '--bogus' (see 'hutong help CMD')
 *   hutong: CMD: option '--format' needs a value (see ...)
 *   hutong: CMD: invalid --format 'xls' (want tsv, csv, tbx, tbx3 or jsonl) (see ...)
 *   hutong: FILE:LINE: what is wrong            (a failed library call)
 *   hutong: warning: ...                        (silenced by --quiet)
 */

/* Set by -q/--quiet: ht_cli_warn and ht_cli_note print nothing. */
extern int ht_cli_quiet;

/* Print "hutong: MESSAGE" for a failed library call and return the exit code
 * for its status. */
int ht_cli_fail(const ht_error *err);
/* Print "hutong: CMD: MESSAGE" (one line) and return HT_EXIT_USAGE. */
int ht_cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print "hutong: CMD: invalid --OPT 'VALUE' (WHY)" and return HT_EXIT_USAGE. */
int ht_cli_bad_value(const char *cmd, const char *opt, const char *value, const char *why_fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Print a warning "hutong: warning: ..." (not with --quiet). */
void ht_cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print a note "hutong: ..." about what was guessed (not with --quiet). */
void ht_cli_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Exit code for a library status. */
int ht_cli_exit_code(ht_status st);
/* The command's entry in the table (for its usage text). */
const ht_command *ht_cli_command(const char *name);
/* Print the usage of `name` to stdout; returns 0. */
int ht_cli_help(const char *name);
/* True when argv has --help or -h before any "--". */
int ht_cli_wants_help(int argc, char **argv);

/* ---- options (cli/options.c) ----
 * A subcommand lists the options it takes in one array of ht_cli_option and
 * parses argv with ht_cli_parse.  The options several commands share come
 * from the HT_OPT_* macros, so that each has one long name, one short letter,
 * one parser and one message everywhere; a command adds its own options to
 * the same array.  -h/--help and -q/--quiet are taken by every command.
 * The usage text stays the command's own. */

typedef enum ht_cli_arg {
	HT_ARG_FLAG,   /* no value: *flag = 1 */
	HT_ARG_STRING, /* *str = the value */
	HT_ARG_LANG,   /* a known BCP 47 tag (zh, en-GB, zh-Hant; '_' taken as '-'): *str */
	HT_ARG_COUNT,  /* a whole number >= min: *count */
	HT_ARG_CHOICE, /* a name of choices[] or more[]: *flag = its value */
	HT_ARG_ENCODING, /* a character encoding ICU knows (GB18030, Big5, windows-1252): *str */
	HT_ARG_CALL    /* call(cmd, value, ctx) returns 0, or an exit code after its own message */
} ht_cli_arg;

/* A value of an HT_ARG_CHOICE option; lists end with a NULL name.  `exts`
 * are the file name endings that mean this value (".tsv .utf8"), for
 * --format taken from -o's name. */
typedef struct ht_cli_choice {
	const char *name;
	int value;
	const char *exts;
} ht_cli_choice;

typedef struct ht_cli_option {
	const char *name; /* the long name, without "--" */
	int letter;       /* the short option, or 0 */
	ht_cli_arg arg;
	const char **str;
	int *flag; /* HT_ARG_FLAG, HT_ARG_CHOICE */
	size_t *count;
	size_t min;       /* HT_ARG_COUNT: the least value */
	const char *want; /* HT_ARG_COUNT: what a bad value is told to be ("0: all") */
	const ht_cli_choice *choices, *more;
	int (*call)(const char *cmd, const char *value, void *ctx);
	void *ctx;
} ht_cli_option;

/* The document readers' modes (auto pdftext html lines paragraphs). */
extern const ht_cli_choice ht_cli_input_modes[];

#define HT_OPT_OUTPUT(p) {"output", 'o', HT_ARG_STRING, .str = (p)}
#define HT_OPT_FORMAT(p, list) {"format", 'f', HT_ARG_CHOICE, .flag = (p), .choices = (list)}
/* `extra`: the command's own input kinds beside the readers' modes, or NULL */
#define HT_OPT_INPUT(p, extra) \
	{"input", 'i', HT_ARG_CHOICE, .flag = (p), .choices = ht_cli_input_modes, .more = (extra)}
#define HT_OPT_LANG(p) {"lang", 'l', HT_ARG_LANG, .str = (p)}
#define HT_OPT_FROM(p) {"from", 0, HT_ARG_LANG, .str = (p)}
#define HT_OPT_TO(p) {"to", 0, HT_ARG_LANG, .str = (p)}
#define HT_OPT_DICT(p) {"dict", 'd', HT_ARG_STRING, .str = (p)}
#define HT_OPT_LIMIT(p) {"limit", 'n', HT_ARG_COUNT, .count = (p), .min = 0, .want = "0: all"}
#define HT_OPT_MIN_FREQ(p) {"min-freq", 'm', HT_ARG_COUNT, .count = (p), .min = 1}
#define HT_OPT_THREADS(p) \
	{"threads", 'j', HT_ARG_COUNT, .count = (p), .min = 0, .want = "0: one per processor, at most 4"}
/* known terms and their equivalents (hutong/termbase.h): terms, glossary */
#define HT_OPT_TERMBASE(p) {"termbase", 0, HT_ARG_STRING, .str = (p)}
#define HT_OPT_REPAIR(p) {"repair", 0, HT_ARG_FLAG, .flag = (p)}
#define HT_OPT_ENCODING(p) {"encoding", 0, HT_ARG_ENCODING, .str = (p)}

/* Parse argv[1..argc) (argv[0] is the command, `cmd` its name in messages)
 * against opts[0..n).  Options and operands may be mixed; "--" ends the
 * options.  Returns 0 with *first the index of the first operand (operands
 * are argv[*first..argc)), HT_EXIT_USAGE after one line on stderr, or -1
 * after printing the usage for -h/--help. */
int ht_cli_parse(const char *cmd, const ht_cli_option *opts, size_t n, int argc, char **argv,
		 int *first);
#define HT_CLI_PARSE(cmd, opts, argc, argv, first) \
	ht_cli_parse((cmd), (opts), sizeof(opts) / sizeof *(opts), (argc), (argv), (first))

/* The output format: *format when --format was given (a warning when -o's
 * name says another one), else the one -o's ending means among choices, else
 * `fallback`.  An ending that means a format the command does not write
 * (segment -o x.tmx) is misuse: HT_EXIT_USAGE after the message; else 0. */
int ht_cli_output_format(const char *cmd, const char *output, const ht_cli_choice *choices,
			 int fallback, int *format);
/* The name of `value` in choices (NULL when absent). */
const char *ht_cli_choice_name(const ht_cli_choice *choices, int value);

/* Misuse when the source and target tags are the same language tag
 * (compared without case; zh-Hans and zh-Hant differ): "--from and --to are
 * both 'zh'".  Either may be NULL.  Returns 0 or HT_EXIT_USAGE. */
int ht_cli_check_pair(const char *cmd, const char *from, const char *to);

/* ---- input ----
 * How the commands read their input files: --repair and --encoding. */
typedef struct ht_cli_reading {
	int repair;           /* --repair: invalid bytes become U+FFFD, counted in a warning */
	const char *encoding; /* --encoding, or NULL: UTF-8 (or UTF-16 with a BOM) */
} ht_cli_reading;

struct ht_buf;
/* Read `path` ("-": stdin) as ht_text_read does, with the reading options;
 * a repair is reported as a warning naming the file. */
ht_status ht_cli_read_text(const char *path, const ht_cli_reading *how, struct ht_buf *text,
			   ht_error *err);
/* The same on bytes already read (stdin, read once to find what it holds). */
ht_status ht_cli_decode_text(const char *name, const char *data, size_t len, const ht_cli_reading *how,
			     struct ht_buf *text, ht_error *err);

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
