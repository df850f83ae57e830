/* Sentence splitting throughput: split every line of FILE (one paragraph a
 * line) REPEAT times with the splitter of LANG; prints MB/s and sentences/s. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/util.h"
#include "hutong/sentence.h"

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: bench-sentences LANG FILE REPEAT\n");
		return 2;
	}
	ht_buf text = HT_BUF_INIT;
	ht_error err = {0};
	ht_splitter *sp = NULL;
	if (ht_text_read(argv[2], &text, NULL, &err) != HT_OK ||
	    ht_splitter_new(argv[1], &sp, &err) != HT_OK) {
		fprintf(stderr, "bench-sentences: %s\n", err.message);
		return 3;
	}
	int repeat = atoi(argv[3]);
	ht_span *spans = NULL;
	size_t n = 0, cap = 0, sentences = 0;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int r = 0; r < repeat; r++) {
		for (size_t i = 0; i < text.len;) {
			const char *nl = memchr(text.s + i, '\n', text.len - i);
			size_t end = nl ? (size_t)(nl - text.s) : text.len;
			if (ht_splitter_split(sp, text.s + i, end - i, &spans, &n, &cap, &err) != HT_OK) {
				fprintf(stderr, "bench-sentences: %s\n", err.message);
				return 3;
			}
			sentences += n;
			i = end + 1;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	double mb = (double)text.len * repeat / 1e6;
	printf("%s: %.1f MB in %.2f s: %.1f MB/s, %.0f sentences/s\n", argv[1], mb, s, mb / s,
	       (double)sentences / s);
	free(spans);
	ht_splitter_free(sp);
	ht_buf_release(&text);
	return 0;
}
