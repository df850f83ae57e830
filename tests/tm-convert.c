/* tm-convert: convert a translation memory between TSV and TMX with the library.
 *   tm-convert FROM TO IN.tsv OUT.tmx   TSV unit pairs (source<TAB>target) to TMX
 *   tm-convert --tmx-to-tsv IN.tmx      TMX to "lang<TAB>seg..." lines on stdout
 * A test helper, so that the OmegaT tests do not depend on `hutong align`. */
#include <stdio.h>
#include <string.h>

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

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--tmx-to-tsv") == 0)
		return dump_tmx(argv[2]);
	if (argc != 5) {
		fprintf(stderr, "usage: tm-convert FROM TO IN.tsv OUT.tmx | --tmx-to-tsv IN.tmx\n");
		return 2;
	}
	ht_tm *tm = NULL;
	ht_error err = {0};
	ht_outfile of;
	size_t dropped = 0;
	ht_status st = ht_tm_read_tsv(argv[3], argv[1], argv[2], &tm, &err);
	if (st == HT_OK && (st = ht_outfile_open(&of, argv[4], &err)) == HT_OK) {
		st = ht_tm_write_tmx_counted(tm, of.fp, "sentence", &dropped, &err);
		if (st == HT_OK)
			st = ht_outfile_commit(&of, &err);
		else
			ht_outfile_abort(&of);
	}
	ht_tm_free(tm);
	if (st != HT_OK) {
		fprintf(stderr, "tm-convert: %s\n", err.message);
		return st == HT_ERR_IO ? 4 : 3;
	}
	if (dropped)
		fprintf(stderr, "tm-convert: %zu characters not allowed in XML were dropped\n", dropped);
	return 0;
}
