/* JSON strings, match keys and the shared tokenizer. */
#include "common/util.h"

#include <stdlib.h>
#include <utf8proc.h>

void ht_json_add_str(ht_buf *b, const char *s, size_t len)
{
	ht_buf_addc(b, '"');
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		ht_buf_add(b, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"': ht_buf_adds(b, "\\\""); break;
		case '\\': ht_buf_adds(b, "\\\\"); break;
		case '\n': ht_buf_adds(b, "\\n"); break;
		case '\t': ht_buf_adds(b, "\\t"); break;
		case '\r': ht_buf_adds(b, "\\r"); break;
		default: ht_buf_addf(b, "\\u%04x", c);
		}
	}
	ht_buf_add(b, s + run, len - run);
	ht_buf_addc(b, '"');
}

/* Arabic harakat, superscript alef and tatweel: ignored in match keys. */
static int is_arabic_ignorable(int32_t cp)
{
	return (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640;
}

#define KEY_FOLD_OPTIONS (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD)
/* Code points of one piece at most (as NFC_MAX_RUN in nfc.c). */
#define KEY_MAX_RUN 30

/* Code points that are their own match key and start a new piece of
 * normalisation: canonical combining class 0, never the second code point of
 * a canonical composition, unchanged by NFKC and case folding, not ignored
 * (ASCII letters have their lower case as key).  The key of a text is the
 * concatenation of the keys of its pieces that start at such code points, so
 * runs of them are copied and only what lies between goes through utf8proc.
 * Han, CJK and general punctuation, lower-case Latin-1 and Cyrillic, Arabic
 * letters (and full-width ASCII, see stable_len): tests/test-common.c checks
 * every one against utf8proc. */
static inline int key_stable(int32_t cp)
{
	return cp < 0x80 || (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0x3001 && cp <= 0x3029) ||
	       (cp >= 0x2012 && cp <= 0x2016) || (cp >= 0x2018 && cp <= 0x2023) ||
	       (cp >= 0x00E0 && cp <= 0x00FF) || (cp >= 0x0430 && cp <= 0x045F) ||
	       (cp >= 0x061B && cp <= 0x063F) || (cp >= 0x0641 && cp <= 0x064A);
}

/* Length of the key_stable code point at s[0..len), 0 when there is none
 * (another code point, or bytes that are not well-formed UTF-8).  The
 * full-width forms of ASCII (U+FF01..U+FF5E, the punctuation of Chinese text)
 * are stable too, with their ASCII letter (lower case) as key: *ascii is set
 * to it, and to 0 for a code point that is its own key. */
static inline size_t stable_len(const unsigned char *s, size_t len, char *ascii)
{
	*ascii = 0;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] < 0xE0) {
		if (len < 2 || (s[1] & 0xC0) != 0x80)
			return 0;
		return key_stable((int32_t)((s[0] & 0x1F) << 6 | (s[1] & 0x3F))) ? 2 : 0;
	}
	if (s[0] >= 0xE0 && s[0] < 0xF0) {
		if (len < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		int32_t cp = (s[0] & 0x0F) << 12 | (s[1] & 0x3F) << 6 | (s[2] & 0x3F);
		if (cp >= 0xFF01 && cp <= 0xFF5E) {
			int c = cp - 0xFEE0;
			*ascii = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			return 3;
		}
		return cp >= 0x800 && key_stable(cp) ? 3 : 0;
	}
	return 0;
}

/* Append the key of s[0..len) as utf8proc gives it, Arabic ignorables
 * dropped; -1 (nothing appended) when s is not valid UTF-8. */
static int fold_utf8proc(const char *s, size_t len, ht_buf *out)
{
	utf8proc_int32_t small[64 + 1]; /* most pieces: one or two code points */
	utf8proc_int32_t *cps = small;
	utf8proc_ssize_t n = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, small,
						 64, KEY_FOLD_OPTIONS);
	if (n < 0)
		return -1;
	if (n > 64) {
		cps = ht_xmalloc(((size_t)n + 1) * sizeof *cps);
		n = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, cps, n,
				       KEY_FOLD_OPTIONS);
	}
	if (n >= 0)
		n = utf8proc_reencode(cps, n, KEY_FOLD_OPTIONS);
	if (n < 0) {
		if (cps != small)
			free(cps);
		return -1;
	}
	const char *f = (const char *)cps; /* reencoded in place as UTF-8 */
	for (size_t i = 0; i < (size_t)n;) {
		size_t start = i;
		int32_t cp = ht_utf8_next(f, (size_t)n, &i);
		if (!is_arabic_ignorable(cp))
			ht_buf_add(out, f + start, i - start);
	}
	if (cps != small)
		free(cps);
	return 0;
}

/* Append s[0..len) of stable code points: ASCII capitals lowered. */
static void add_stable(ht_buf *out, const char *s, size_t len)
{
	ht_buf_grow(out, len);
	char *d = out->s + out->len;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		d[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
	}
	out->len += len;
	out->s[out->len] = '\0';
}

void ht_key_fold(const char *s, size_t len, ht_buf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t k = 0;
	while (k < len && u[k] < 0x80)
		k++;
	if (k == len) { /* ASCII (the empty text too) */
		add_stable(out, s, len);
		return;
	}
	/* Pieces start at each stable code point; a piece that is one stable
	 * code point joins the run copied as it is, from `clean` (or, a
	 * full-width form, ends it with its ASCII letter). */
	size_t start_len = out->len, clean = 0, piece = 0, i = 0, run = 0;
	int piece_stable = 0;
	char piece_ascii = 0;
	for (;;) {
		char ascii = 0;
		size_t n = i < len ? stable_len(u + i, len - i, &ascii) : 0;
		/* the piece goes on over an unstable code point; a run of them
		 * longer than KEY_MAX_RUN (200,000 combining marks) is cut, since
		 * utf8proc sorts a run of marks in quadratic time */
		if (i < len && !n && ++run <= KEY_MAX_RUN) {
			piece_stable = 0;
			i++;
			while (i < len && (u[i] & 0xC0) == 0x80)
				i++;
			continue;
		}
		run = 0;
		if (piece_stable && piece_ascii) {
			if (piece > clean)
				add_stable(out, s + clean, piece - clean);
			ht_buf_addc(out, piece_ascii);
			clean = i;
		} else if (!piece_stable && i > piece) {
			if (piece > clean)
				add_stable(out, s + clean, piece - clean);
			if (fold_utf8proc(s + piece, i - piece, out) < 0) {
				/* not UTF-8: the text is its own key, as when utf8proc_map fails */
				ht_buf_truncate(out, start_len);
				ht_buf_add(out, s, len);
				return;
			}
			clean = i;
		}
		if (i == len)
			break;
		piece = i;
		if (!n) { /* a cut run goes on in a new piece */
			piece_stable = 0;
			continue;
		}
		piece_stable = 1;
		piece_ascii = ascii;
		i += n;
	}
	if (len > clean)
		add_stable(out, s + clean, len - clean);
}

static int is_word_char(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
	utf8proc_category_t c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	       (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME) ||
	       (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

static int is_digit(int32_t cp)
{
	if (cp < 0x80)
		return cp >= '0' && cp <= '9';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

static int is_space(int32_t cp)
{
	if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v')
		return 1;
	if (cp < 0x80) /* no other ASCII character is a separator */
		return 0;
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP ||
	       cp == 0x200B || cp == 0xFEFF;
}

/* Inside a word: an apostrophe between letters (l'homme, don't); inside a
 * number: a dot or comma between digits (1.25, 10,000). */
static int joins_word(const char *s, size_t len, size_t at, int32_t cp, int number)
{
	size_t j = at;
	if (j >= len || (number ? cp != '.' && cp != ',' : cp != '\'' && cp != 0x2019))
		return 0;
	int32_t next = ht_utf8_next(s, len, &j);
	return number ? is_digit(next) : is_word_char(next) && !is_digit(next);
}

void ht_tokenize(const char *s, size_t len, ht_token **toks, size_t *n, size_t *cap)
{
	size_t i = 0;
	*n = 0;
	while (i < len) {
		size_t start = i;
		int32_t cp = ht_utf8_next(s, len, &i);
		enum ht_token_type type;
		if (cp >= 0x4E00 && cp <= 0x9FFF) /* the common Han block: letters (Lo), no lookup */
			type = HT_TOK_HAN;
		else if (is_space(cp))
			continue;
		else if (cp >= 0x3000 && ht_is_cjk(cp) && !is_digit(cp) && (ht_is_han(cp) || is_word_char(cp)))
			type = HT_TOK_HAN;
		else if (is_word_char(cp)) {
			int number = is_digit(cp);
			for (;;) {
				size_t j = i;
				if (j >= len)
					break;
				int32_t c = ht_utf8_next(s, len, &j);
				if (c >= 0x3000 && ht_is_han(c)) /* none below U+3000 */
					break;
				if (is_word_char(c)) {
					if (!is_digit(c))
						number = 0;
					i = j;
				} else if (joins_word(s, len, j, c, number))
					i = j;
				else
					break;
			}
			type = number ? HT_TOK_NUMBER : HT_TOK_WORD;
		} else
			type = HT_TOK_PUNCT;
		HT_GROW(*toks, *n + 1, *cap);
		(*toks)[*n] = (ht_token){start, i - start, type};
		(*n)++;
	}
}
