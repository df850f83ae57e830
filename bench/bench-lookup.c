/* Lookup latency: N lookups (terms of the store's glossaries and random 2-6
 * character strings) in one process, each timed alone; prints the median,
 * the 99th percentile and the worst, in milliseconds.
 *
 *   bench-lookup STORE [N] [SEED]
 *
 * Queries: half are glossary terms (both sides, every pair), a quarter are
 * 2-6 character pieces of random units (real text, often inside words), a
 * quarter random 2-6 letter strings (Latin, Cyrillic or Han: mostly no
 * match, so they take the near-match path).  The same SEED gives the same
 * queries. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/util.h"
#include "hutong/lookup.h"

static unsigned long long rng = 88172645463325252ULL;

static unsigned long long next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Every row of a one-column query. */
static char **column(sqlite3 *db, const char *sql, size_t *n)
{
	sqlite3_stmt *st;
	char **v = NULL;
	size_t cap = 0;
	*n = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		HT_GROW(v, *n + 1, cap);
		v[(*n)++] = ht_xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return v;
}

/* k characters of s from a random character on. */
static void piece(const char *s, size_t k, ht_buf *out)
{
	size_t len = strlen(s), chars = 0;
	for (size_t i = 0; i < len; i++)
		chars += ((unsigned char)s[i] & 0xC0) != 0x80;
	if (chars <= k) {
		ht_buf_adds(out, s);
		return;
	}
	size_t start = next_rand() % (chars - k), i = 0, c = 0;
	while (c < start)
		c += ((unsigned char)s[++i] & 0xC0) != 0x80;
	size_t j = i;
	for (c = 0; j < len && c < k; c++)
		ht_utf8_next(s, len, &j);
	ht_buf_add(out, s + i, j - i);
}

static void random_string(size_t k, ht_buf *out)
{
	int script = (int)(next_rand() % 3);
	for (size_t i = 0; i < k; i++) {
		int32_t cp = script == 0   ? 'a' + (int32_t)(next_rand() % 26)
			     : script == 1 ? 0x430 + (int32_t)(next_rand() % 32)
					   : 0x4E00 + (int32_t)(next_rand() % 0x5000);
		char enc[4];
		ht_buf_add(out, enc, ht_utf8_encode(cp, enc));
	}
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench-lookup STORE [N] [SEED]\n");
		return 2;
	}
	size_t n = argc > 2 ? (size_t)atol(argv[2]) : 2000;
	if (argc > 3)
		rng ^= (unsigned long long)atoll(argv[3]) * 0x9E3779B97F4A7C15ULL;
	sqlite3 *db;
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench-lookup: %s: cannot open\n", argv[1]);
		return 4;
	}
	size_t nterms, ntexts;
	char **terms = column(db, "SELECT source FROM glossary UNION SELECT target FROM glossary", &nterms);
	char **texts = column(db, "SELECT text FROM texts ORDER BY id", &ntexts);
	sqlite3_close(db);
	if (!nterms || !ntexts) {
		fprintf(stderr, "bench-lookup: %s: no glossary or no texts\n", argv[1]);
		return 3;
	}
	ht_lookup *lk;
	ht_error err = {0};
	double t0 = now_ms();
	if (ht_lookup_open(argv[1], &lk, &err) != HT_OK) {
		fprintf(stderr, "bench-lookup: %s\n", err.message);
		return 3;
	}
	double open_ms = now_ms() - t0;
	double *ms = ht_xmalloc(n * sizeof *ms), *cpu = ht_xmalloc(n * sizeof *cpu);
	size_t found = 0, bytes = 0;
	ht_buf q = HT_BUF_INIT;
	double start = now_ms();
	for (size_t i = 0; i < n; i++) {
		ht_buf_reset(&q);
		size_t kind = i % 4, k = 2 + next_rand() % 5;
		if (kind < 2)
			ht_buf_adds(&q, terms[next_rand() % nterms]);
		else if (kind == 2)
			piece(texts[next_rand() % ntexts], k, &q);
		else
			random_string(k, &q);
		ht_lookup_result *r;
		double a = now_ms(), c = cpu_ms();
		if (ht_lookup_query(lk, q.s, q.len, NULL, &r, &err) != HT_OK) {
			fprintf(stderr, "bench-lookup: '%s': %s\n", q.s, err.message);
			return 3;
		}
		size_t len;
		char *json = ht_lookup_result_json(r, &len);
		ms[i] = now_ms() - a;
		cpu[i] = cpu_ms() - c;
		if (getenv("BENCH_SLOW") && ms[i] > atof(getenv("BENCH_SLOW")))
			fprintf(stderr, "%.3f ms (%.3f CPU): %s\n", ms[i], cpu[i], q.s);
		bytes += len;
		found += ht_lookup_result_match(r) != HT_MATCH_NONE;
		free(json);
		ht_lookup_result_free(r);
	}
	double total = now_ms() - start;
	qsort(ms, n, sizeof *ms, cmp_double);
	qsort(cpu, n, sizeof *cpu, cmp_double);
	printf("lookups %zu  found %zu  open %.1f ms  median %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms  "
	       "%.0f lookups/s  %.1f KB JSON each\n",
	       n, found, open_ms, ms[n / 2], ms[n * 9 / 10], ms[n * 99 / 100], ms[n - 1],
	       n / (total / 1e3), (double)bytes / (double)n / 1024);
	printf("  CPU time per lookup: median %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms\n",
	       cpu[n / 2], cpu[n * 9 / 10], cpu[n * 99 / 100], cpu[n - 1]);
	free(cpu);
	ht_lookup_close(lk);
	ht_buf_release(&q);
	free(ms);
	for (size_t i = 0; i < nterms; i++)
		free(terms[i]);
	for (size_t i = 0; i < ntexts; i++)
		free(texts[i]);
	free(terms);
	free(texts);
	return 0;
}
