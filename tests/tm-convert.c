/* tm-convert: convert a translation memory between TSV and TMX with the library.
 *   tm-convert FROM TO IN.tsv OUT.tmx   TSV unit pairs (source<TAB>target) to TMX
 *   tm-convert --tmx-to-tsv IN.tmx      TMX to "lang<TAB>seg..." lines on stdout
 *   tm-convert --table IN.tsv OUT.tmx   a multilingual table to TMX: the header
 *       row is "id<TAB>lang<TAB>lang...", the first language is the source
 *   tm-convert --glossary FORMAT FROM TO IN.tsv OUT
 *       a glossary from rows "source<TAB>target[<TAB>freq<TAB>score<TAB>confidence
 *       <TAB>doc<TAB>unit<TAB>suggestion(0/1)]", written in FORMAT (tsv, csv, tbx, tbx3, jsonl)
 * A test helper, so that the OmegaT tests do not depend on `hutong align` or
 * `hutong glossary`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hutong/glossary.h"

#include "common/util.h"
#include "hutong/tm.h"

static int dump_tmx(const char *path)
{
	ht_tm *tm = NULL;
	ht_error err = {0};
	if (ht_tm_read_tmx(path, &tm, &err) != HT_OK) {
		fprintf(stderr, "tm-convert: %s\n", err.message);
		return 3;
	}
	printf("langs");
	for (size_t l = 0; l < ht_tm_lang_count(tm); l++)
		printf("\t%s", ht_tm_lang(tm, l));
	printf("\n");
	for (size_t u = 0; u < ht_tm_unit_count(tm); u++) {
		for (size_t l = 0; l < ht_tm_lang_count(tm); l++) {
			const char *s = ht_tm_seg(tm, u, l, NULL);
			printf("%s%s", l ? "\t" : "", s ? s : "");
		}
		printf("\n");
	}
	ht_tm_free(tm);
	return 0;
}

static int fail(const ht_error *err, ht_status st)
{
	fprintf(stderr, "tm-convert: %s\n", err->message);
	return st == HT_ERR_IO ? 4 : st == HT_ERR_USAGE ? 2 : 3;
}

static void add_row(ht_glossary *g, char *line)
{
	char *col[8] = {0};
	for (int i = 0; i < 8 && line; i++) {
		col[i] = line;
		line = strchr(line, '\t');
		if (line)
			*line++ = '\0';
	}
	if (!col[1])
		return;
	ht_gloss_entry e = {col[0], col[1], col[2] ? strtoul(col[2], NULL, 10) : 1,
			    col[3] ? strtod(col[3], NULL) : 1.0, col[4] ? strtod(col[4], NULL) : 1.0,
			    col[5] && *col[5] ? col[5] : NULL, col[6] && *col[6] ? col[6] : NULL,
			    col[7] && *col[7] == '1'};
	ht_glossary_add(g, &e);
}

static int write_glossary(const char *format, const char *from, const char *to, const char *in,
			  const char *out)
{
	ht_error err = {0};
	int f = ht_gloss_format_parse(format);
	if (f < 0) {
		fprintf(stderr, "tm-convert: unknown glossary format %s\n", format);
		return 2;
	}
	ht_buf text = HT_BUF_INIT;
	ht_status st = ht_text_read(in, &text, NULL, &err);
	if (st != HT_OK)
		return fail(&err, st);
	ht_glossary *g = ht_glossary_new(from, to);
	char *save = NULL;
	for (char *l = strtok_r(text.s, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		add_row(g, l);
	ht_outfile of;
	if ((st = ht_outfile_open(&of, out, &err)) == HT_OK) {
		st = ht_glossary_write(g, (ht_gloss_format)f, of.fp, &err);
		if (st == HT_OK)
			st = ht_outfile_commit(&of, &err);
		else
			ht_outfile_abort(&of);
	}
	ht_glossary_free(g);
	ht_buf_release(&text);
	return st == HT_OK ? 0 : fail(&err, st);
}

static ht_status write_tmx_file(const ht_tm *tm, const char *path, ht_error *err)
{
	ht_outfile of;
	size_t dropped = 0;
	ht_status st = ht_outfile_open(&of, path, err);
	if (st != HT_OK)
		return st;
	st = ht_tm_write_tmx(tm, of.fp, "sentence", &dropped, err);
	if (st == HT_OK)
		st = ht_outfile_commit(&of, err);
	else
		ht_outfile_abort(&of);
	if (dropped)
		fprintf(stderr, "tm-convert: %zu characters not allowed in XML were dropped\n", dropped);
	return st;
}

#define MAX_LANGS 16

static int table_to_tmx(const char *in, const char *out)
{
	ht_error err = {0};
	ht_buf text = HT_BUF_INIT;
	ht_status st = ht_text_read(in, &text, NULL, &err);
	if (st != HT_OK)
		return fail(&err, st);
	ht_tm *tm = NULL;
	size_t lang[MAX_LANGS], nlang = 0;
	char *save = NULL;
	for (char *l = strtok_r(text.s, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char *col[MAX_LANGS + 1];
		size_t n = 0;
		for (char *p = l; p && n <= MAX_LANGS; n++) {
			col[n] = p;
			p = strchr(p, '\t');
			if (p)
				*p++ = '\0';
		}
		if (!tm) { /* the header row */
			tm = ht_tm_new(n > 1 ? col[1] : "und");
			for (size_t i = 1; i < n; i++)
				lang[nlang++] = ht_tm_add_lang(tm, col[i]);
			continue;
		}
		size_t u = ht_tm_add_unit(tm, in, col[0], 1.0);
		for (size_t i = 1; i < n && i <= nlang; i++)
			if (*col[i])
				ht_tm_set_seg(tm, u, lang[i - 1], col[i], strlen(col[i]));
	}
	ht_buf_release(&text);
	if (!tm)
		tm = ht_tm_new("und");
	st = write_tmx_file(tm, out, &err);
	ht_tm_free(tm);
	return st == HT_OK ? 0 : fail(&err, st);
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "--table") == 0)
		return table_to_tmx(argv[2], argv[3]);
	if (argc == 7 && strcmp(argv[1], "--glossary") == 0)
		return write_glossary(argv[2], argv[3], argv[4], argv[5], argv[6]);
	if (argc == 3 && strcmp(argv[1], "--tmx-to-tsv") == 0)
		return dump_tmx(argv[2]);
	if (argc != 5) {
		fprintf(stderr, "usage: tm-convert FROM TO IN.tsv OUT.tmx | --tmx-to-tsv IN.tmx\n"
				"       tm-convert --table IN.tsv OUT.tmx\n"
				"       tm-convert --glossary FORMAT FROM TO IN.tsv OUT\n");
		return 2;
	}
	ht_tm *tm = NULL;
	ht_error err = {0};
	ht_status st = ht_tm_read_tsv(argv[3], argv[1], argv[2], &tm, &err);
	if (st == HT_OK)
		st = write_tmx_file(tm, argv[4], &err);
	ht_tm_free(tm);
	return st == HT_OK ? 0 : fail(&err, st);
}
