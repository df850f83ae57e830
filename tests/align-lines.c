/* align-lines: align two one-unit-per-line files with ht_align_units and
 * print the beads ([i,j]:[k], one a line).  A measuring tool for the aligner
 * alone; `hutong align --input lines --format beads` is the user's command.
 *
 * usage: align-lines [-d DICT] [-f FROM] [-t TO] [-c] SRC TGT
 * DICT is what `hutong align --dict` takes (a file, auto, cedict, none, ...);
 * the default is none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/util.h"
#include "hutong/align.h"

static ht_unit *split_lines(ht_buf *b, size_t *n)
{
	size_t cap = 1; /* one unit a line: counted first, not grown by copies */
	for (const char *p = b->s; (p = memchr(p, '\n', (size_t)(b->s + b->len - p))) != NULL; p++)
		cap++;
	ht_unit *u = ht_xmalloc(cap * sizeof *u);
	*n = 0;
	for (size_t at = 0; at < b->len;) {
		const char *nl = memchr(b->s + at, '\n', b->len - at);
		size_t len = nl ? (size_t)(nl - b->s - at) : b->len - at;
		u[(*n)++] = (ht_unit){b->s + at, len};
		at += len + 1;
	}
	return u;
}

static void print_side(size_t start, size_t n)
{
	putchar('[');
	for (size_t k = 0; k < n; k++)
		printf(k ? ",%zu" : "%zu", start + k);
	putchar(']');
}

int main(int argc, char **argv)
{
	const char *dict = NULL, *from = "zh", *to = "en";
	int conf = 0, c;
	while ((c = getopt(argc, argv, "d:f:t:c")) != -1) {
		switch (c) {
		case 'd': dict = optarg; break;
		case 'f': from = optarg; break;
		case 't': to = optarg; break;
		case 'c': conf = 1; break;
		default: return 2;
		}
	}
	if (argc - optind != 2) {
		fprintf(stderr, "usage: align-lines [-d DICT] [-f FROM] [-t TO] [-c] SRC TGT\n");
		return 2;
	}
	ht_error err = {0};
	ht_dict *d = NULL;
	if (ht_dict_open(dict, from, to, &d, &err) != HT_OK) {
		fprintf(stderr, "align-lines: %s\n", err.message);
		return 3;
	}
	ht_buf a = HT_BUF_INIT, b = HT_BUF_INIT;
	if (ht_text_read(argv[optind], &a, NULL, &err) != HT_OK ||
	    ht_text_read(argv[optind + 1], &b, NULL, &err) != HT_OK) {
		fprintf(stderr, "align-lines: %s\n", err.message);
		return 4;
	}
	size_t ns, nt, nb;
	ht_unit *us = split_lines(&a, &ns), *ut = split_lines(&b, &nt);
	ht_align_opts opts = {from, to, d};
	ht_bead *beads;
	if (ht_align_units(&opts, us, ns, ut, nt, &beads, &nb, &err) != HT_OK) {
		fprintf(stderr, "align-lines: %s\n", err.message);
		return 3;
	}
	for (size_t k = 0; k < nb; k++) {
		print_side(beads[k].src, beads[k].nsrc);
		putchar(':');
		print_side(beads[k].tgt, beads[k].ntgt);
		if (conf)
			printf("\t%.3f", beads[k].confidence);
		putchar('\n');
	}
	free(beads);
	free(us);
	free(ut);
	ht_buf_release(&a);
	ht_buf_release(&b);
	ht_dict_free(d);
	return 0;
}
