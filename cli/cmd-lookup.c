/* hutong lookup: a term's entries and bilingual concordance from a store. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "common/util.h"
#include "hutong/lookup.h"

const char ht_usage_lookup[] =
	"usage: hutong lookup QUERY... [--db FILE] [--from L] [--to L] [--limit N]\n"
	"                     [--format text|json]\n"
	"       hutong lookup --queries FILE [OPTIONS]\n\n"
	"Look a term up in a store made by `hutong build`: first the glossary entries\n"
	"for it in every language the store has, then the concordance: each unit that\n"
	"contains it (document, unit id, the query marked), with its aligned units in\n"
	"the other languages (the equivalent marked) and the alignment confidence.\n"
	"Case and diacritics do not matter; Chinese is found inside unsegmented text.\n"
	"When nothing matches, the nearest terms (a typo, another inflection) are\n"
	"shown with their similarity, and the concordance of the best one.\n\n"
	"options:\n"
	"  --db FILE        the store (default out/hutong.db)\n"
	"  -f, --from L     the query's language (default: Chinese for Han text, else\n"
	"                   every other language)\n"
	"  -t, --to L       show aligned units in L only\n"
	"  -l, --limit N    concordance units at most (default 10, at most 1000)\n"
	"  --format FMT     text (default; colours on a terminal) or json (one object\n"
	"                   a query; fields in README.md)\n"
	"  --queries FILE   one query a line (- for standard input), answered in one\n"
	"                   process\n\n"
	"Exit status: 0 found, 1 nothing found (for one QUERY), 2 misuse, 3 a store of\n"
	"another schema or a bad query, 4 I/O failure.\n";

typedef struct lookup_args {
	const char *db, *queries;
	int json;
	ht_lookup_opts opts;
	ht_buf query;
} lookup_args;

/* ---- text ---- */

typedef struct style {
	const char *query, *equiv, *dim, *off;
} style;

static void print_text(const ht_lookup_text *t, const char *on, const style *st)
{
	size_t at = 0;
	for (size_t i = 0; i < t->nmarks; i++) {
		fwrite(t->text + at, 1, t->marks[i].start - at, stdout);
		fputs(on, stdout);
		fwrite(t->text + t->marks[i].start, 1, t->marks[i].len, stdout);
		fputs(st->off, stdout);
		at = t->marks[i].start + t->marks[i].len;
	}
	fwrite(t->text + at, 1, t->len - at, stdout);
}

static void print_entry(const ht_lookup_entry *e, const style *st)
{
	const char *sign = e->match == HT_MATCH_EXACT ? "=" : e->match == HT_MATCH_NEAR ? "~" : "⊃";
	printf("  %s ", sign);
	if (e->match == HT_MATCH_NEAR)
		printf("%.0f%% ", e->similarity * 100);
	for (size_t k = 0; k < e->nterms; k++) {
		const ht_lookup_term *t = &e->terms[k];
		printf("%s%s%s%s %s", k ? "  " : "", st->dim, t->lang, st->off, t->term);
		if (k && t->freq)
			printf(" %s(%zu)%s", st->dim, t->freq, st->off);
		if (t->suggestion)
			printf(" %s(suggestion)%s", st->dim, st->off);
	}
	putchar('\n');
}

static void print_result(const ht_lookup_result *r, const style *st)
{
	ht_match_kind m = ht_lookup_result_match(r);
	printf("%s%s%s", st->query, ht_lookup_result_query(r), st->off);
	if (m == HT_MATCH_NEAR)
		printf(": no exact match; nearest: %s (%.0f%%)\n", ht_lookup_result_effective(r),
		       ht_lookup_result_similarity(r) * 100);
	else if (m == HT_MATCH_NONE && !ht_lookup_entry_count(r))
		printf(": not found\n");
	else
		putchar('\n');
	if (ht_lookup_entry_count(r)) {
		printf("Entries:\n");
		for (size_t i = 0; i < ht_lookup_entry_count(r); i++)
			print_entry(ht_lookup_entry_at(r, i), st);
	}
	if (ht_lookup_near_count(r) > (m == HT_MATCH_NEAR)) {
		printf("Near matches:");
		for (size_t i = 0; i < ht_lookup_near_count(r); i++) {
			const ht_lookup_near *n = ht_lookup_near_at(r, i);
			printf("%s %s (%s, %.0f%%)", i ? "," : "", n->term, n->lang, n->similarity * 100);
		}
		putchar('\n');
	}
	if (ht_lookup_hit_count(r))
		printf("Concordance (%zu of %zu units):\n", ht_lookup_hit_count(r), ht_lookup_hit_total(r));
	for (size_t i = 0; i < ht_lookup_hit_count(r); i++) {
		const ht_lookup_hit *h = ht_lookup_hit_at(r, i);
		printf("  %s%s %s", st->dim, h->doc, h->unit);
		if (h->source)
			printf(" (%s)", h->source);
		if (h->confidence >= 0)
			printf(" · weakest alignment %.2f", h->confidence);
		printf("%s\n    %s%s%s ", st->off, st->dim, h->text.lang, st->off);
		print_text(&h->text, st->query, st);
		putchar('\n');
		for (size_t k = 0; k < h->naligned; k++) {
			printf("    %s%s%s ", st->dim, h->aligned[k].lang, st->off);
			print_text(&h->aligned[k], st->equiv, st);
			if (h->aligned[k].confidence >= 0)
				printf("  %s(%.2f)%s", st->dim, h->aligned[k].confidence, st->off);
			putchar('\n');
		}
	}
}

/* ---- arguments ---- */

static int parse_args(int argc, char **argv, lookup_args *a)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'D'},     {"from", required_argument, NULL, 'f'},
		{"to", required_argument, NULL, 't'},     {"limit", required_argument, NULL, 'l'},
		{"format", required_argument, NULL, 'F'}, {"queries", required_argument, NULL, 'q'},
		{NULL, 0, NULL, 0}};
	a->db = "out/hutong.db";
	ht_lookup_opts_init(&a->opts);
	optind = 1;
	opterr = 0;
	int c;
	char *end;
	while ((c = getopt_long(argc, argv, "f:t:l:", longopts, NULL)) != -1) {
		switch (c) {
		case 'D': a->db = optarg; break;
		case 'f': a->opts.from = optarg; break;
		case 't': a->opts.to = optarg; break;
		case 'q': a->queries = optarg; break;
		case 'l': {
			long v = strtol(optarg, &end, 10);
			if (!*optarg || *end || v < 1 || v > 1000)
				return ht_cli_usage_error("lookup", "--limit wants a number from 1 to 1000, not '%s'",
							  optarg);
			a->opts.limit = (size_t)v;
			break;
		}
		case 'F':
			if (strcmp(optarg, "json") && strcmp(optarg, "text"))
				return ht_cli_usage_error("lookup", "unknown --format '%s' (text or json)", optarg);
			a->json = strcmp(optarg, "json") == 0;
			break;
		default:
			return ht_cli_usage_error("lookup", "unknown or incomplete option '%s'",
						  argv[optind - 1]);
		}
	}
	for (int i = optind; i < argc; i++) /* hutong lookup sustainable development */
		ht_buf_addf(&a->query, "%s%s", i > optind ? " " : "", argv[i]);
	if (!a->queries && !a->query.len)
		return ht_cli_usage_error("lookup", "no QUERY given");
	if (a->queries && a->query.len)
		return ht_cli_usage_error("lookup", "give a QUERY or --queries FILE, not both");
	return 0;
}

static int answer(ht_lookup *lk, const lookup_args *a, const char *q, size_t len, const style *st,
		  const char *where)
{
	ht_lookup_result *r = NULL;
	ht_error err = {0};
	if (ht_lookup_query(lk, q, len, &a->opts, &r, &err) != HT_OK) {
		fprintf(stderr, "hutong: %s%s\n", where, err.message);
		return HT_EXIT_DATA;
	}
	if (a->json) {
		size_t n;
		char *json = ht_lookup_result_json(r, &n);
		fwrite(json, 1, n, stdout);
		putchar('\n');
		free(json);
	} else
		print_result(r, st);
	int found = ht_lookup_result_match(r) != HT_MATCH_NONE || ht_lookup_entry_count(r);
	ht_lookup_result_free(r);
	return found ? HT_EXIT_OK : 1;
}

static int answer_file(ht_lookup *lk, const lookup_args *a, const style *st)
{
	FILE *fp = strcmp(a->queries, "-") == 0 ? stdin : fopen(a->queries, "rb");
	if (!fp) {
		fprintf(stderr, "hutong: %s: cannot open\n", a->queries);
		return HT_EXIT_IO;
	}
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t n;
	int rc = HT_EXIT_OK;
	ht_buf where = HT_BUF_INIT;
	while ((n = getline(&line, &cap, fp)) > 0) {
		lineno++;
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		if (!n)
			continue;
		ht_buf_reset(&where);
		ht_buf_addf(&where, "%s:%zu: ", a->queries, lineno);
		if (!a->json && lineno > 1)
			putchar('\n');
		if (answer(lk, a, line, (size_t)n, st, where.s) == HT_EXIT_DATA)
			rc = HT_EXIT_DATA;
	}
	ht_buf_release(&where);
	free(line);
	if (fp != stdin)
		fclose(fp);
	return rc;
}

int ht_cmd_lookup(int argc, char **argv)
{
	lookup_args a;
	memset(&a, 0, sizeof a);
	ht_buf_init(&a.query);
	int rc = parse_args(argc, argv, &a);
	if (rc) {
		ht_buf_release(&a.query);
		return rc;
	}
	ht_lookup *lk = NULL;
	ht_error err = {0};
	if (ht_lookup_open(a.db, &lk, &err) != HT_OK) {
		ht_buf_release(&a.query);
		return ht_cli_fail(&err);
	}
	/* colours only on a terminal, and never when NO_COLOR is set */
	int colour = !a.json && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	style st = colour ? (style){"\033[1;33m", "\033[1;32m", "\033[2m", "\033[0m"}
			  : (style){"", "", "", ""};
	rc = a.queries ? answer_file(lk, &a, &st) : answer(lk, &a, a.query.s, a.query.len, &st, "");
	ht_lookup_close(lk);
	ht_buf_release(&a.query);
	return rc;
}
