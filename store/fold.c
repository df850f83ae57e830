/* Folding for matching, with a map back to the original text; similarity of
 * folded strings.  See store/fold.h. */
#include "store/fold.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define FOLD_OPTIONS (UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK)

void ht_folded_init(ht_folded *f)
{
	ht_buf_init(&f->s);
	f->from = NULL;
	f->cap = 0;
}

void ht_folded_release(ht_folded *f)
{
	ht_buf_release(&f->s);
	free(f->from);
	ht_folded_init(f);
}

static int is_space_cp(int32_t cp)
{
	if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0)
		return 1;
	return cp > 0x7F && utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

int ht_fold_is_word_cp(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
	utf8proc_category_t c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	       (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_NO);
}

/* The folded code points of one character into dst (room for 16); returns
 * how many. */
static size_t fold_cp(int32_t cp, int32_t *dst)
{
	if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) { /* ’ ‘ ʼ: the apostrophe */
		dst[0] = '\'';
		return 1;
	}
	if (cp == 0x0640) /* tatweel only stretches a word */
		return 0;
	if (cp < 0x80) {
		dst[0] = cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
		return 1;
	}
	int boundclass = UTF8PROC_BOUNDCLASS_START;
	utf8proc_ssize_t n = utf8proc_decompose_char(cp, dst, 16, FOLD_OPTIONS, &boundclass);
	if (n < 0 || n > 16) {
		dst[0] = cp;
		return 1;
	}
	return (size_t)n;
}

static void fold_impl(const char *text, size_t len, ht_buf *out, ht_folded *f)
{
	int32_t dst[16];
	int pending_space = 0;
	for (size_t i = 0; i < len;) {
		size_t at = i;
		int32_t cp = ht_utf8_next(text, len, &i);
		if (is_space_cp(cp)) {
			/* a run of spaces is one, never leading */
			if (out->len && !pending_space) {
				if (f) {
					HT_GROW(f->from, out->len + 2, f->cap);
					f->from[out->len] = at;
				}
				ht_buf_addc(out, ' ');
			}
			pending_space = 1;
			continue;
		}
		pending_space = 0;
		size_t n = fold_cp(cp, dst);
		for (size_t k = 0; k < n; k++) {
			char enc[4];
			size_t m = ht_utf8_encode(dst[k], enc);
			if (f) {
				HT_GROW(f->from, out->len + m + 1, f->cap);
				for (size_t j = 0; j < m; j++)
					f->from[out->len + j] = at;
			}
			ht_buf_add(out, enc, m);
		}
	}
	if (out->len && out->s[out->len - 1] == ' ') /* no trailing space */
		ht_buf_truncate(out, out->len - 1);
	if (f) {
		HT_GROW(f->from, out->len + 1, f->cap);
		f->from[out->len] = len;
	}
}

void ht_fold(const char *text, size_t len, ht_folded *f)
{
	ht_buf_reset(&f->s);
	fold_impl(text, len, &f->s, f);
}

void ht_fold_into(const char *text, size_t len, ht_buf *out) { fold_impl(text, len, out, NULL); }

int ht_fold_on_word_bounds(const char *s, size_t len, size_t start, size_t end)
{
	if (start > 0) {
		size_t i = start;
		int32_t before = ht_utf8_prev(s, &i);
		size_t j = start;
		int32_t first = j < len ? ht_utf8_next(s, len, &j) : 0;
		if (ht_fold_is_word_cp(before) && ht_fold_is_word_cp(first) && !ht_is_han(before) &&
		    !ht_is_han(first))
			return 0;
	}
	if (end < len && end > 0) {
		size_t i = end;
		int32_t last = ht_utf8_prev(s, &i);
		size_t j = end;
		int32_t after = ht_utf8_next(s, len, &j);
		if (ht_fold_is_word_cp(last) && ht_fold_is_word_cp(after) && !ht_is_han(last) &&
		    !ht_is_han(after))
			return 0;
	}
	return 1;
}

size_t ht_utf8_count(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

#define SIM_MAX 200

static size_t decode(const char *s, size_t len, int32_t *out)
{
	size_t n = 0;
	for (size_t i = 0; i < len && n < SIM_MAX;)
		out[n++] = ht_utf8_next(s, len, &i);
	return n;
}

double ht_fold_similarity(const char *a, size_t alen, const char *b, size_t blen)
{
	int32_t x[SIM_MAX], y[SIM_MAX];
	size_t n = decode(a, alen, x), m = decode(b, blen, y);
	if (!n && !m)
		return 1;
	if (!n || !m)
		return 0;
	/* Levenshtein over two rows */
	size_t prev[SIM_MAX + 1], cur[SIM_MAX + 1];
	for (size_t j = 0; j <= m; j++)
		prev[j] = j;
	for (size_t i = 1; i <= n; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t sub = prev[j - 1] + (x[i - 1] != y[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		memcpy(prev, cur, (m + 1) * sizeof *prev);
	}
	size_t longer = n > m ? n : m;
	return 1.0 - (double)prev[m] / (double)longer;
}
