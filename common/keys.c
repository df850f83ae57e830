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

void ht_key_fold(const char *s, size_t len, ht_buf *out)
{
	size_t i = 0;
	int ascii = 1;
	for (size_t k = 0; k < len; k++)
		if ((unsigned char)s[k] >= 0x80) {
			ascii = 0;
			break;
		}
	if (ascii) {
		ht_buf_grow(out, len);
		char *d = out->s + out->len;
		for (; i < len; i++) {
			char c = s[i];
			d[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
		}
		out->len += len;
		out->s[out->len] = '\0';
		return;
	}
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &folded,
					  UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
						  UTF8PROC_CASEFOLD);
	if (n < 0) {
		ht_buf_add(out, s, len);
		return;
	}
	const char *f = (const char *)folded;
	while (i < (size_t)n) {
		size_t start = i;
		int32_t cp = ht_utf8_next(f, (size_t)n, &i);
		if (!is_arabic_ignorable(cp))
			ht_buf_add(out, f + start, i - start);
	}
	free(folded);
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

static int is_digit(int32_t cp) { return utf8proc_category(cp) == UTF8PROC_CATEGORY_ND; }

static int is_space(int32_t cp)
{
	if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v')
		return 1;
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP ||
	       cp == 0x200B || cp == 0xFEFF;
}

/* Inside a word: an apostrophe between letters (l'homme, don't); inside a
 * number: a dot or comma between digits (1.25, 10,000). */
static int joins_word(const char *s, size_t len, size_t at, int32_t cp, int number)
{
	size_t j = at;
	if (j >= len)
		return 0;
	int32_t next = ht_utf8_next(s, len, &j);
	if (number)
		return (cp == '.' || cp == ',') && is_digit(next);
	return (cp == '\'' || cp == 0x2019) && is_word_char(next) && !is_digit(next);
}

void ht_tokenize(const char *s, size_t len, ht_token **toks, size_t *n, size_t *cap)
{
	size_t i = 0;
	*n = 0;
	while (i < len) {
		size_t start = i;
		int32_t cp = ht_utf8_next(s, len, &i);
		if (is_space(cp))
			continue;
		enum ht_token_type type;
		if (ht_is_cjk(cp) && !is_digit(cp) && (ht_is_han(cp) || is_word_char(cp)))
			type = HT_TOK_HAN;
		else if (is_word_char(cp)) {
			int number = is_digit(cp);
			for (;;) {
				size_t j = i;
				if (j >= len)
					break;
				int32_t c = ht_utf8_next(s, len, &j);
				if (ht_is_han(c))
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
