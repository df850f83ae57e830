/* Where a looked-up term (or its equivalent) is in a unit's text: on the
 * folded text, mapped back to the original's bytes. */
#include "store/lookup-internal.h"

#include <stdlib.h>
#include <string.h>

static void add_mark(const ht_folded *t, size_t fs, size_t fe, ht_span **marks, size_t *n,
		     size_t *cap)
{
	/* from[fe] is where the next character starts, unless the match ends
	 * inside what one character folded into (ß -> ss): take that one whole */
	while (fe > fs && fe < t->s.len && t->from[fe] == t->from[fe - 1])
		fe++;
	size_t start = t->from[fs], end = t->from[fe];
	if (end <= start)
		return;
	HT_GROW(*marks, *n + 1, *cap);
	(*marks)[*n].start = start;
	(*marks)[(*n)++].len = end - start;
}

static const char *find_bytes(const char *s, size_t len, const char *needle, size_t nl)
{
	for (size_t i = 0; i + nl <= len;) {
		const char *p = memchr(s + i, needle[0], len - nl + 1 - i);
		if (!p)
			return NULL;
		if (memcmp(p, needle, nl) == 0)
			return p;
		i = (size_t)(p - s) + 1;
	}
	return NULL;
}

static int exact_marks(const ht_folded *t, const char *term, size_t tl, ht_span **marks, size_t *n,
		       size_t *cap)
{
	int found = 0;
	const char *s = t->s.s;
	size_t len = t->s.len;
	for (size_t at = 0; tl && at + tl <= len;) {
		const char *p = find_bytes(s + at, len - at, term, tl);
		if (!p)
			break;
		size_t fs = (size_t)(p - s), fe = fs + tl;
		if (ht_fold_on_word_bounds(s, len, fs, fe)) {
			add_mark(t, fs, fe, marks, n, cap);
			found = 1;
			at = fe;
		} else
			at = fs + 1;
	}
	return found;
}

/* ---- word by word ---- */

typedef struct word {
	size_t start, end;
} word;

static size_t split_words(const char *s, size_t len, word *w, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < len && n < max;) {
		size_t at = i;
		int32_t cp = ht_utf8_next(s, len, &i);
		if (!ht_fold_is_word_cp(cp))
			continue;
		size_t end = i;
		while (end < len) {
			size_t j = end;
			if (!ht_fold_is_word_cp(ht_utf8_next(s, len, &j)))
				break;
			end = j;
		}
		w[n].start = at;
		w[n++].end = end;
		i = end;
	}
	return n;
}

/* Two words share a stem: the shorter is a prefix of the longer but for
 * the last few letters, which inflection changes (совет/совета, State/States,
 * développement/développements). */
static int same_stem(const char *a, size_t al, const char *b, size_t bl)
{
	size_t common = 0;
	while (common < al && common < bl && a[common] == b[common])
		common++;
	size_t shorter = al < bl ? al : bl, longer = al < bl ? bl : al;
	if (common == al && common == bl)
		return 1;
	size_t need = shorter > 8 ? shorter - 3 : shorter > 4 ? shorter - 2 : shorter;
	return common >= need && common >= 3 && longer - common <= 6;
}

#define MAX_WORDS 4096

static int tolerant_marks(const ht_folded *t, const char *term, size_t tl, ht_span **marks,
			  size_t *n, size_t *cap)
{
	word tw[16];
	size_t nt = split_words(term, tl, tw, 16);
	if (!nt)
		return 0;
	word *xw = ht_xmalloc(MAX_WORDS * sizeof *xw);
	size_t nx = split_words(t->s.s, t->s.len, xw, MAX_WORDS);
	int found = 0;
	for (size_t i = 0; i + nt <= nx; i++) {
		size_t k = 0;
		while (k < nt && same_stem(term + tw[k].start, tw[k].end - tw[k].start,
					   t->s.s + xw[i + k].start, xw[i + k].end - xw[i + k].start))
			k++;
		if (k == nt) {
			add_mark(t, xw[i].start, xw[i + nt - 1].end, marks, n, cap);
			found = 1;
			i += nt - 1;
		}
	}
	free(xw);
	return found;
}

void ht_lookup_mark(const ht_folded *text, const char *orig, const char *term, size_t term_len,
		    int tolerant, ht_span **marks, size_t *n, size_t *cap)
{
	(void)orig;
	if (!exact_marks(text, term, term_len, marks, n, cap) && tolerant)
		tolerant_marks(text, term, term_len, marks, n, cap);
}

static int cmp_span(const void *a, const void *b)
{
	const ht_span *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start ? 1 : 0;
}

void ht_lookup_marks_normalize(ht_span *m, size_t *n)
{
	if (*n < 2)
		return;
	qsort(m, *n, sizeof *m, cmp_span);
	size_t k = 0;
	for (size_t i = 1; i < *n; i++) {
		if (m[i].start <= m[k].start + m[k].len) {
			size_t end = m[i].start + m[i].len;
			if (end > m[k].start + m[k].len)
				m[k].len = end - m[k].start;
		} else
			m[++k] = m[i];
	}
	*n = k + 1;
}
