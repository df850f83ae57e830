/* hutong eval align: strict and lax precision, recall and F1 of alignment
 * beads against gold beads, pooled over every GOLD TEST pair given. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align/aligner-internal.h"
#include "cli/cli.h"
#include "common/util.h"

/* (the usage text shown by --help is ht_usage_eval) */
static const char usage_eval_align[] __attribute__((unused)) =
	"usage: hutong eval align [--json] [--verbose] [--ladder] GOLD TEST [GOLD TEST ...]\n";

static ht_status read_beads(const char *path, enum al_bead_format fmt, al_beadset *set, ht_error *err)
{
	ht_buf text = HT_BUF_INIT;
	ht_status st = ht_text_read(path, &text, NULL, err);
	if (st == HT_OK)
		st = al_beads_parse(path, text.s, text.len, fmt, set, err);
	ht_buf_release(&text);
	return st;
}

static void print_table(const char *title, const al_scores *s)
{
	printf("%s\n", title);
	printf("             strict    lax\n");
	printf("  precision  %.4f    %.4f\n", s->p_strict, s->p_lax);
	printf("  recall     %.4f    %.4f\n", s->r_strict, s->r_lax);
	printf("  F1         %.4f    %.4f\n", s->f_strict, s->f_lax);
}

static void json_scores(ht_buf *b, const al_counts *c)
{
	al_scores s = al_counts_scores(c);
	ht_buf_addf(b,
		    "\"test_beads\":%zu,\"gold_beads\":%zu,"
		    "\"strict\":{\"precision\":%.6f,\"recall\":%.6f,\"f1\":%.6f},"
		    "\"lax\":{\"precision\":%.6f,\"recall\":%.6f,\"f1\":%.6f}",
		    c->test, c->gold, s.p_strict, s.r_strict, s.f_strict, s.p_lax, s.r_lax, s.f_lax);
}

int ht_cmd_eval_align(int argc, char **argv)
{
	int json = 0, verbose = 0, ladder = 0, first;
	const ht_cli_option opts[] = {
		{"json", 0, HT_ARG_FLAG, .flag = &json},
		{"verbose", 0, HT_ARG_FLAG, .flag = &verbose},
		{"ladder", 0, HT_ARG_FLAG, .flag = &ladder},
	};
	int rc = HT_CLI_PARSE("eval align", opts, argc, argv, &first);
	if (rc)
		return rc < 0 ? HT_EXIT_OK : rc;
	enum al_bead_format gold_fmt = ladder ? AL_FORMAT_LADDER : AL_FORMAT_AUTO;
	int nfiles = argc - first;
	if (nfiles < 2 || nfiles % 2)
		return ht_cli_usage_error("eval align", "want one or more GOLD TEST pairs");

	al_counts total = {0};
	ht_buf out = HT_BUF_INIT;
	if (json)
		ht_buf_adds(&out, "{\"files\":[");
	for (int k = first; k < argc; k += 2) {
		al_beadset gold = {0}, test = {0};
		ht_error err = {0};
		if (read_beads(argv[k], gold_fmt, &gold, &err) != HT_OK ||
		    read_beads(argv[k + 1], AL_FORMAT_AUTO, &test, &err) != HT_OK) {
			al_beadset_release(&gold);
			al_beadset_release(&test);
			ht_buf_release(&out);
			return ht_cli_fail(&err);
		}
		al_counts one = {0};
		al_counts_add(&one, &gold, &test);
		al_counts_add(&total, &gold, &test);
		al_beadset_release(&gold);
		al_beadset_release(&test);
		if (json) {
			ht_buf_adds(&out, k > first ? ",{\"gold\":" : "{\"gold\":");
			ht_json_add_str(&out, argv[k], strlen(argv[k]));
			ht_buf_adds(&out, ",\"test\":");
			ht_json_add_str(&out, argv[k + 1], strlen(argv[k + 1]));
			ht_buf_addc(&out, ',');
			json_scores(&out, &one);
			ht_buf_addc(&out, '}');
		} else if (verbose) {
			al_scores s = al_counts_scores(&one);
			printf("%s %s: strict P %.4f R %.4f F1 %.4f, lax P %.4f R %.4f F1 %.4f\n", argv[k],
			       argv[k + 1], s.p_strict, s.r_strict, s.f_strict, s.p_lax, s.r_lax, s.f_lax);
		}
	}
	if (json) {
		ht_buf_addf(&out, "],\"pairs\":%d,", nfiles / 2);
		json_scores(&out, &total);
		ht_buf_adds(&out, "}\n");
		fputs(out.s, stdout);
	} else {
		al_scores s = al_counts_scores(&total);
		char title[128];
		snprintf(title, sizeof title, "%d pair%s, %zu predicted beads, %zu gold beads with both sides",
			 nfiles / 2, nfiles == 2 ? "" : "s", total.test, total.gold);
		print_table(title, &s);
	}
	ht_buf_release(&out);
	return HT_EXIT_OK;
}
