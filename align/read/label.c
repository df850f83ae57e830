/* Paragraph labels: the number a paragraph carries at its start.
 *
 * Official documents number their paragraphs in a handful of ways, and the
 * label must come out of the text so that it is never taken for a sentence:
 *   1.  51.  1．  76/295.  ١.  ١٢.  1 -  (Arabic-Indic digits and the Arabic "1 -")
 *   三.  二．  三、  (一)  （一）
 *   A.  IV.  (a)  (iv)  (أ)  а)  1)
 * A label is short, stands at the very start, and is followed by a space, the
 * end of the text or (after a CJK terminator or before CJK text) the text
 * itself.  "1.5 million" or "2030 Agenda" are not labels.
 */
#include "align/read/doc-internal.h"

#include <utf8proc.h>

#define MAX_LABEL_BYTES 40

static int digit_value(int32_t cp)
{
	if (cp >= '0' && cp <= '9')
		return cp - '0';
	if (cp >= 0x0660 && cp <= 0x0669) /* Arabic-Indic */
		return cp - 0x0660;
	if (cp >= 0x06F0 && cp <= 0x06F9) /* Extended Arabic-Indic (Persian, Urdu) */
		return cp - 0x06F0;
	if (cp >= 0xFF10 && cp <= 0xFF19) /* full-width */
		return cp - 0xFF10;
	return -1;
}

static int is_digit(int32_t cp) { return digit_value(cp) >= 0; }

static int is_han_numeral(int32_t cp)
{
	switch (cp) {
	case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94: /* 一二三四五 */
	case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341: /* 六七八九十 */
	case 0x767E: case 0x96F6: case 0x3007:                           /* 百零〇 */
		return 1;
	}
	return 0;
}

static int is_roman(int32_t cp)
{
	switch (cp) {
	case 'I': case 'V': case 'X': case 'L': case 'C':
	case 'i': case 'v': case 'x': case 'l': case 'c':
		return 1;
	}
	return 0;
}

static int is_letter(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

static int is_upper(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

/* Spaces that may follow a label (ASCII, no-break, ideographic, thin). */
static int is_label_space(int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x3000 || cp == 0x202F ||
	       (cp >= 0x2000 && cp <= 0x200A);
}

static int32_t peek(const char *s, size_t len, size_t i, size_t *next)
{
	if (i >= len) {
		*next = i;
		return -1;
	}
	size_t j = i;
	int32_t cp = ht_utf8_next(s, len, &j);
	*next = j;
	return cp;
}

/* What may follow a label: nothing, a space, or text that is not a digit
 * when the label ended with a CJK terminator or the text is not ASCII. */
static int label_may_end(const char *s, size_t len, size_t end, int cjk_terminator)
{
	size_t n;
	int32_t cp = peek(s, len, end, &n);
	if (cp < 0 || is_label_space(cp))
		return 1;
	if (is_digit(cp))
		return 0;
	return cjk_terminator || (cp >= 0x80 && ht_is_cjk(cp));
}

/* Bytes of a run of code points satisfying `pred`, at most max_cps of them;
 * *count receives how many. */
static size_t run_of(const char *s, size_t len, size_t i, int (*pred)(int32_t), size_t max_cps,
		     size_t *count)
{
	size_t k = i, n = 0, next;
	int32_t cp;
	while (n < max_cps + 1 && (cp = peek(s, len, k, &next)) >= 0 && pred(cp)) {
		k = next;
		n++;
	}
	*count = n;
	return n > max_cps ? 0 : k - i;
}

/* "(a)", "(iv)", "(12)", "(一)", "（一）", "(أ)". */
static size_t paren_label(const char *s, size_t len)
{
	size_t i, n, k;
	int32_t open = peek(s, len, 0, &i);
	if (open != '(' && open != 0xFF08)
		return 0;
	int32_t first = peek(s, len, i, &k);
	if (first < 0)
		return 0;
	size_t body;
	if (is_digit(first))
		body = run_of(s, len, i, is_digit, 3, &n);
	else if (is_han_numeral(first))
		body = run_of(s, len, i, is_han_numeral, 3, &n);
	else if (is_roman(first) && (body = run_of(s, len, i, is_roman, 6, &n)) && n > 1)
		;
	else if (is_letter(first)) {
		body = k - i; /* a single letter */
		n = 1;
	} else
		return 0;
	if (!body)
		return 0;
	size_t close_end;
	int32_t close = peek(s, len, i + body, &close_end);
	if (close != ')' && close != 0xFF09)
		return 0;
	return label_may_end(s, len, close_end, close == 0xFF09) ? close_end : 0;
}

/* "а)", "b)", "1)": a letter or a short number closed by a parenthesis. */
static size_t close_paren_label(const char *s, size_t len)
{
	size_t k, n;
	int32_t first = peek(s, len, 0, &k);
	size_t body;
	if (is_digit(first))
		body = run_of(s, len, 0, is_digit, 3, &n);
	else if (is_letter(first) && !ht_is_cjk(first))
		body = k;
	else
		return 0;
	if (!body)
		return 0;
	size_t end;
	if (peek(s, len, body, &end) != ')')
		return 0;
	return label_may_end(s, len, end, 0) && end < len ? end : 0;
}

/* After a number: "." "．" "、", or the Arabic " - ". Returns the end of the
 * label or 0. */
static size_t terminator(const char *s, size_t len, size_t i, int allow_dash)
{
	size_t end, k;
	int32_t cp = peek(s, len, i, &end);
	if (cp == '.' || cp == 0xFF0E || cp == 0x3001)
		return label_may_end(s, len, end, cp != '.') ? end : 0;
	if (!allow_dash)
		return 0;
	/* "1 - text" or "1- text" (Arabic documents), never "1 - 2" */
	size_t j = i;
	if (cp == ' ')
		j = end;
	int32_t dash = peek(s, len, j, &end);
	if (dash != '-' && dash != 0x2013)
		return 0;
	if (peek(s, len, end, &k) != ' ')
		return 0;
	size_t after;
	int32_t next = peek(s, len, k, &after);
	return next >= 0 && !is_digit(next) && next != '-' ? end : 0;
}

/* "1.", "51.", "76/295.", "1.2.", "١.", "1 -". */
static size_t number_label(const char *s, size_t len)
{
	size_t n, next;
	size_t i = run_of(s, len, 0, is_digit, 3, &n);
	if (!i)
		return 0;
	int32_t cp = peek(s, len, i, &next);
	if (cp == '/') { /* resolution and decision numbers: 76/295. */
		size_t m, body = run_of(s, len, next, is_digit, 4, &m);
		if (!body)
			return 0;
		return terminator(s, len, next + body, 1); /* "76/295." or, in Arabic, "76/295 -" */
	}
	/* multi-level numbers: 1.2. and 1.2.3.; "1.5 million" is no label */
	size_t k = i;
	while (cp == '.') {
		size_t m, body = run_of(s, len, next, is_digit, 3, &m);
		if (!body)
			break;
		k = next + body;
		cp = peek(s, len, k, &next);
		if (cp != '.')
			return 0;
	}
	return terminator(s, len, k, 1);
}

/* "三.", "二．", "三、". */
static size_t han_label(const char *s, size_t len)
{
	size_t n, i = run_of(s, len, 0, is_han_numeral, 4, &n);
	return i ? terminator(s, len, i, 0) : 0;
}

/* "A.", "IV.", "Б.": a capital letter or a Roman number. */
static size_t letter_label(const char *s, size_t len)
{
	size_t n, k;
	int32_t first = peek(s, len, 0, &k);
	if (first < 0 || !is_upper(first))
		return 0;
	size_t i = k;
	if (is_roman(first)) {
		size_t r = run_of(s, len, 0, is_roman, 6, &n);
		if (r)
			i = r;
	}
	size_t end;
	if (peek(s, len, i, &end) != '.')
		return 0;
	size_t after;
	int32_t next = peek(s, len, end, &after);
	/* a label is followed by a space and text, or by nothing ("A.") */
	if (next < 0)
		return end;
	return next == ' ' || next == 0xA0 ? end : 0;
}

size_t ht_label_find(const char *text, size_t len, size_t *skip)
{
	if (skip)
		*skip = 0;
	if (!len)
		return 0;
	size_t probe = len < MAX_LABEL_BYTES + 8 ? len : MAX_LABEL_BYTES + 8;
	size_t label = paren_label(text, probe);
	if (!label)
		label = number_label(text, probe);
	if (!label)
		label = han_label(text, probe);
	if (!label)
		label = letter_label(text, probe);
	if (!label)
		label = close_paren_label(text, probe);
	if (!label || label > MAX_LABEL_BYTES)
		return 0;
	size_t end = label, next;
	int32_t cp;
	while ((cp = peek(text, len, end, &next)) >= 0 && is_label_space(cp))
		end = next;
	if (skip)
		*skip = end;
	return label;
}
