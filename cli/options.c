/* The option table every subcommand parses its arguments with, and the
 * checks that go with the shared options (see cli/cli.h). */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "common/util.h"
#include "hutong/segment.h"

const ht_cli_choice ht_cli_input_modes[] = {
	{"auto", HT_INPUT_AUTO, NULL},   {"pdftext", HT_INPUT_PDFTEXT, NULL},
	{"html", HT_INPUT_HTML, NULL},   {"lines", HT_INPUT_LINES, NULL},
	{"paragraphs", HT_INPUT_PARAGRAPHS, NULL}, {NULL, 0, NULL}};

/* Every command takes these two; they come after its own in the table. */
enum { OPT_HELP = 'h', OPT_QUIET = 'q' };
/* getopt values of options without a letter: 256 + their index */
#define LONG_ONLY 256

static const ht_cli_choice *find_choice(const ht_cli_choice *list, const char *name)
{
	for (; list && list->name; list++)
		if (strcmp(list->name, name) == 0)
			return list;
	return NULL;
}

const char *ht_cli_choice_name(const ht_cli_choice *choices, int value)
{
	for (; choices && choices->name; choices++)
		if (choices->value == value)
			return choices->name;
	return NULL;
}

/* "tsv, csv, tbx or jsonl" */
static void add_names(ht_buf *b, const ht_cli_choice *a, const ht_cli_choice *more)
{
	size_t total = 0, k = 0;
	for (const ht_cli_choice *c = a; c && c->name; c++)
		total++;
	for (const ht_cli_choice *c = more; c && c->name; c++)
		total++;
	for (int part = 0; part < 2; part++)
		for (const ht_cli_choice *c = part ? more : a; c && c->name; c++, k++)
			ht_buf_addf(b, "%s%s", k == 0 ? "" : k + 1 == total ? " or " : ", ", c->name);
}

/* A whole number in decimal, nothing else (no sign, no spaces). */
static int parse_count(const char *s, size_t *out)
{
	if (*s < '0' || *s > '9')
		return 0;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || v > (unsigned long long)SIZE_MAX / 2)
		return 0;
	*out = (size_t)v;
	return 1;
}

static int set_value(const char *cmd, const ht_cli_option *o, char *value)
{
	char opt[64];
	snprintf(opt, sizeof opt, "--%s", o->name);
	switch (o->arg) {
	case HT_ARG_FLAG:
		*o->flag = 1;
		return 0;
	case HT_ARG_STRING:
		if (!*value)
			return ht_cli_bad_value(cmd, opt, value, "empty");
		*o->str = value;
		return 0;
	case HT_ARG_LANG:
		for (char *p = value; *p; p++)
			if (*p == '_')
				*p = '-';
		switch (ht_lang_check(value)) {
		case HT_LANG_MALFORMED:
			return ht_cli_bad_value(cmd, opt, value, "not a BCP 47 language tag such as zh, en or zh-Hant");
		case HT_LANG_UNKNOWN:
			return ht_cli_bad_value(cmd, opt, value, "not a known language; BCP 47 tags are like zh, en, fr, es, ru, ar, de or pt-BR");
		}
		*o->str = value;
		return 0;
	case HT_ARG_COUNT: {
		size_t v;
		if (!parse_count(value, &v) || v < o->min) {
			if (o->want)
				return ht_cli_bad_value(cmd, opt, value, "want a whole number; %s", o->want);
			return ht_cli_bad_value(cmd, opt, value, "want a whole number >= %zu", o->min);
		}
		*o->count = v;
		return 0;
	}
	case HT_ARG_CHOICE: {
		const ht_cli_choice *c = find_choice(o->choices, value);
		if (!c)
			c = find_choice(o->more, value);
		if (!c) {
			ht_buf names = HT_BUF_INIT;
			add_names(&names, o->choices, o->more);
			int rc = ht_cli_bad_value(cmd, opt, value, "want %s", names.s);
			ht_buf_release(&names);
			return rc;
		}
		*o->flag = c->value;
		return 0;
	}
	case HT_ARG_ENCODING:
		if (!ht_text_encoding_known(value))
			return ht_cli_bad_value(cmd, opt, value,
						"not an encoding ICU knows, such as GB18030, Big5 or windows-1252");
		*o->str = value;
		return 0;
	case HT_ARG_CALL:
		return o->call(cmd, value, o->ctx);
	}
	return 0;
}

/* The getopt tables for opts[0..n) plus --help and --quiet. */
static void build_tables(const ht_cli_option *opts, size_t n, struct option *longopts, char *shortopts)
{
	size_t k = 0, s = 0;
	shortopts[s++] = ':'; /* a missing value is ':', an unknown option '?' */
	for (size_t i = 0; i < n; i++) {
		int has_arg = opts[i].arg == HT_ARG_FLAG ? no_argument : required_argument;
		longopts[k++] = (struct option){opts[i].name, has_arg, NULL,
						opts[i].letter ? opts[i].letter : LONG_ONLY + (int)i};
		if (opts[i].letter) {
			shortopts[s++] = (char)opts[i].letter;
			if (has_arg == required_argument)
				shortopts[s++] = ':';
		}
	}
	longopts[k++] = (struct option){"help", no_argument, NULL, OPT_HELP};
	longopts[k++] = (struct option){"quiet", no_argument, NULL, OPT_QUIET};
	longopts[k] = (struct option){NULL, 0, NULL, 0};
	memcpy(shortopts + s, "hq", 3);
}

static const ht_cli_option *option_of(const ht_cli_option *opts, size_t n, int c)
{
	for (size_t i = 0; i < n; i++)
		if (opts[i].letter ? opts[i].letter == c : LONG_ONLY + (int)i == c)
			return &opts[i];
	return NULL;
}

/* The option as the user wrote it, without "=value". */
static const char *spelled(char **argv, int at, char *buf, size_t size)
{
	snprintf(buf, size, "%s", argv[at]);
	char *eq = strchr(buf, '=');
	if (eq && buf[1] == '-')
		*eq = '\0';
	return buf;
}

static int usage_for(const char *cmd)
{
	/* "eval align" shows the usage of "eval" */
	char top[32];
	snprintf(top, sizeof top, "%.*s", (int)strcspn(cmd, " "), cmd);
	return ht_cli_help(top) == HT_EXIT_OK ? -1 : HT_EXIT_USAGE;
}

int ht_cli_parse(const char *cmd, const ht_cli_option *opts, size_t n, int argc, char **argv,
		 int *first)
{
	struct option *longopts = ht_xcalloc(n + 3, sizeof *longopts);
	char *shortopts = ht_xmalloc(2 * n + 4);
	build_tables(opts, n, longopts, shortopts);
	int c, rc = 0;
	char buf[128];
	optind = 0; /* glibc: start afresh, also inside a cluster of short options */
	opterr = 0;
	while (rc == 0 && (c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		const ht_cli_option *o;
		if (c == OPT_HELP)
			rc = usage_for(cmd);
		else if (c == OPT_QUIET)
			ht_cli_quiet = 1;
		else if (c == ':') {
			o = option_of(opts, n, optopt);
			rc = ht_cli_usage_error(cmd, "option '--%s' needs a value", o ? o->name : "?");
		} else if (c == '?') {
			if (optopt && optopt < LONG_ONLY && !option_of(opts, n, optopt))
				rc = ht_cli_usage_error(cmd, "unknown option '-%c'", optopt);
			else
				rc = ht_cli_usage_error(cmd, "unknown option '%s'",
							spelled(argv, optind - 1, buf, sizeof buf));
		} else if ((o = option_of(opts, n, c)))
			rc = set_value(cmd, o, optarg);
	}
	free(longopts);
	free(shortopts);
	*first = optind;
	return rc;
}

/* ---- the output format from -o's name ---- */

/* File name endings that name a format, whichever command writes it. */
static const char *const format_endings[] = {".tmx", ".tbx", ".csv", ".jsonl", ".tsv", ".utf8",
					     ".tab", ".beads", ".align", NULL};

static int ends_with_ci(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n > m && strcasecmp(s + n - m, suffix) == 0;
}

/* The choice whose endings match `path`. */
static const ht_cli_choice *choice_by_name(const ht_cli_choice *choices, const char *path)
{
	for (const ht_cli_choice *c = choices; c->name; c++)
		for (const char *e = c->exts; e && *e;) {
			size_t len = strcspn(e, " ");
			char ext[16];
			snprintf(ext, sizeof ext, "%.*s", (int)len, e);
			if (ends_with_ci(path, ext))
				return c;
			e += len + (e[len] == ' ');
		}
	return NULL;
}

static const char *format_ending(const char *path)
{
	for (size_t i = 0; format_endings[i]; i++)
		if (ends_with_ci(path, format_endings[i]))
			return format_endings[i];
	return NULL;
}

int ht_cli_output_format(const char *cmd, const char *output, const ht_cli_choice *choices,
			 int fallback, int *format)
{
	int to_file = output && strcmp(output, "-") != 0;
	const ht_cli_choice *named = to_file ? choice_by_name(choices, output) : NULL;
	if (*format >= 0) {
		if (named && named->value != *format)
			ht_cli_warn("%s: writing %s (--format) under a name that says %s", output,
				    ht_cli_choice_name(choices, *format), named->name);
		return 0;
	}
	if (named) {
		*format = named->value;
		return 0;
	}
	const char *ending = to_file ? format_ending(output) : NULL;
	if (ending) {
		ht_buf names = HT_BUF_INIT;
		add_names(&names, choices, NULL);
		int rc = ht_cli_usage_error(cmd, "-o %s: %s does not write %s (--format %s)", output, cmd,
					    ending + 1, names.s);
		ht_buf_release(&names);
		return rc;
	}
	*format = fallback;
	return 0;
}

static int same_tag(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		int x = *a == '_' ? '-' : tolower((unsigned char)*a);
		int y = *b == '_' ? '-' : tolower((unsigned char)*b);
		if (x != y)
			return 0;
	}
	return *a == *b;
}

int ht_cli_check_pair(const char *cmd, const char *from, const char *to)
{
	if (from && to && same_tag(from, to))
		return ht_cli_usage_error(cmd, "--from and --to are both '%s'", from);
	return 0;
}

/* ---- reading ---- */

/* Say on stderr what the library guessed or repaired while decoding `name`. */
static void report_reading(const char *name, const ht_text_info *info)
{
	if (info->detected)
		ht_cli_warn("%s: not UTF-8: read as %s (detected, confidence %d%%; --encoding sets it)",
			    name, info->encoding, info->confidence);
	if (info->repairs) {
		int utf8 = strcmp(info->encoding, "UTF-8") == 0;
		ht_cli_warn("%s: repaired %zu invalid %s %s%s (now U+FFFD)", name, info->repairs,
			    info->encoding, utf8 ? "byte" : "sequence", info->repairs == 1 ? "" : "s");
	}
}

ht_status ht_cli_read_text(const char *path, const ht_cli_reading *how, ht_buf *text, ht_error *err)
{
	ht_text_opts opts = {how ? how->encoding : NULL, how ? how->repair : 0};
	ht_text_info info;
	ht_status st = ht_text_read_opts(path, &opts, text, &info, err);
	if (st == HT_OK)
		report_reading(path, &info);
	return st;
}

ht_status ht_cli_decode_text(const char *name, const char *data, size_t len, const ht_cli_reading *how,
			     ht_buf *text, ht_error *err)
{
	ht_text_opts opts = {how ? how->encoding : NULL, how ? how->repair : 0};
	ht_text_info info;
	ht_status st = ht_text_decode_opts(name, data, len, &opts, text, &info, err);
	if (st == HT_OK)
		report_reading(name, &info);
	return st;
}
