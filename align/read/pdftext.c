/* The reader of text extracted from PDF files (the shape of the seed,
 * corpora/A_RES_76_295.zh.txt).
 *
 * What the extraction looks like, and what this reader makes of it:
 * - lines wrapped inside paragraphs, often with a blank line after every
 *   line ("double spacing"): the blank lines are layout, the wrapped lines are
 *   joined (no space between CJK characters, one space between Latin words,
 *   an end-of-line hyphen removed only when the document itself spells the
 *   joined word without it);
 * - an indent opens a paragraph, and in extractions that mark it a trailing
 *   space closes one; without such marks a short line ending a sentence
 *   closes it;
 * - at each page end: a separator "__________________", footnotes " 1 text",
 *   the page's links as bare URLs one a line, page headers such as
 *   "2/5  22-11155" or "A/RES/76/295", form feeds.  Separators and headers
 *   are dropped (counted), URLs become document links, footnotes become
 *   paragraphs of kind footnote; a paragraph cut by the page end goes on
 *   with the first unindented line of the next page;
 * - footnote markers glued to the text ("联合声明，1", "Action,2 which")
 *   are taken out of the text into the paragraph's notes; only numbers of
 *   footnotes that exist, in increasing order, count as markers;
 * - in CJK text the spaces the PDF put around Han characters, digits and
 *   Latin letters ("2022 年 7 月") are removed.
 * Everything runs in time linear in the input.
 */
#include "align/read/doc-internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---------------------------------------------------------------- lines */

typedef struct line {
	const char *s; /* content without indent and trailing spaces */
	size_t len;
	size_t indent;  /* leading spaces (a tab counts as one) */
	int trailing;   /* the line had trailing spaces */
	int page_start; /* a form feed came before it */
} line;

static int is_hspace(char c) { return c == ' ' || c == '\t'; }

/* The line starting at text[*pos]; a form feed also ends a line.  Returns 0
 * at the end of the text. */
static int next_line(const char *text, size_t len, size_t *pos, line *ln)
{
	size_t i = *pos;
	if (i >= len)
		return 0;
	memset(ln, 0, sizeof *ln);
	while (i < len && text[i] == '\f') {
		ln->page_start = 1;
		i++;
	}
	size_t start = i;
	while (i < len && text[i] != '\n' && text[i] != '\f')
		i++;
	size_t end = i;
	*pos = i < len && text[i] == '\n' ? i + 1 : i;
	while (start < end && is_hspace(text[start])) {
		ln->indent++;
		start++;
	}
	while (end > start && (is_hspace(text[end - 1]) || text[end - 1] == '\r')) {
		ln->trailing = 1;
		end--;
	}
	ln->s = text + start;
	ln->len = end - start;
	return 1;
}

/* ------------------------------------------------------ character classes */

/* Scripts written without spaces between words: Han, kana, CJK punctuation
 * and full-width forms (Hangul, which spaces its words, is not one). */
static int is_spaceless(int32_t cp)
{
	if (cp < 0x2E80)
		return 0;
	if ((cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x3130 && cp <= 0x318F))
		return 0;
	return ht_is_cjk(cp);
}

static int is_letter(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	utf8proc_category_t c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	       (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME);
}

static int32_t last_cp(const char *s, size_t len)
{
	size_t i = len;
	return len ? ht_utf8_prev(s, &i) : -1;
}

static int32_t first_cp(const char *s, size_t len)
{
	size_t i = 0;
	return len ? ht_utf8_next(s, len, &i) : -1;
}

/* Sentence-final punctuation that may end a paragraph. */
static int is_terminal(int32_t cp)
{
	switch (cp) {
	case '.': case ';': case ':': case '!': case '?': case 0x3002: case 0xFF1B: case 0xFF1A:
	case 0xFF01: case 0xFF1F: case 0x061F: case 0x061B: case 0x06D4: case 0x2026:
		return 1;
	}
	return 0;
}

/* --------------------------------------------- vocabulary (dehyphenation) */

/* Lower-cased words of the document with their counts, in an open-addressing
 * table over an arena.  Built only when some line ends in a hyphenated word. */
typedef struct vocab_entry {
	size_t off, len, count;
	uint64_t hash;
} vocab_entry;

typedef struct vocab {
	vocab_entry *slots;
	size_t cap, used;
	ht_buf arena;
} vocab;

/* Never 0: a zero hash marks an empty slot. */
static uint64_t word_hash(const char *s, size_t len)
{
	uint64_t h = ht_hash_bytes(s, len);
	return h ? h : 1;
}

static vocab_entry *vocab_slot(vocab *v, const char *w, size_t len, uint64_t h)
{
	size_t mask = v->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		vocab_entry *e = &v->slots[i];
		if (!e->hash || (e->hash == h && e->len == len && memcmp(v->arena.s + e->off, w, len) == 0))
			return e;
	}
}

static void vocab_grow(vocab *v)
{
	vocab_entry *old = v->slots;
	size_t old_cap = v->cap;
	v->cap = old_cap ? old_cap * 2 : 1024;
	v->slots = ht_xcalloc(v->cap, sizeof *v->slots);
	for (size_t i = 0; i < old_cap; i++)
		if (old[i].hash)
			*vocab_slot(v, v->arena.s + old[i].off, old[i].len, old[i].hash) = old[i];
	free(old);
}

static void vocab_add(vocab *v, const char *w, size_t len)
{
	if ((v->used + 1) * 2 > v->cap)
		vocab_grow(v);
	uint64_t h = word_hash(w, len);
	vocab_entry *e = vocab_slot(v, w, len, h);
	if (!e->hash) {
		e->hash = h;
		e->off = v->arena.len;
		e->len = len;
		ht_buf_add(&v->arena, w, len);
		v->used++;
	}
	e->count++;
}

static size_t vocab_count(vocab *v, const char *w, size_t len)
{
	if (!v->cap)
		return 0;
	vocab_entry *e = vocab_slot(v, w, len, word_hash(w, len));
	return e->hash ? e->count : 0;
}

static void add_lower(ht_buf *b, int32_t cp)
{
	char enc[4];
	ht_buf_add(b, enc, ht_utf8_encode(utf8proc_tolower(cp), enc));
}

/* Every word (a run of letters) and every hyphenated compound
 * ("well-being") of the text, lower-cased.  Hyphens at line ends do not join. */
static void vocab_build(vocab *v, const char *text, size_t len)
{
	ht_buf word = HT_BUF_INIT;
	size_t i = 0, part_start = 0;
	int parts = 0;
	while (i <= len) {
		size_t at = i;
		int32_t cp = i < len ? ht_utf8_next(text, len, &i) : -1;
		if (cp >= 0 && is_letter(cp)) {
			add_lower(&word, cp);
			continue;
		}
		if (word.len > part_start) {
			vocab_add(v, word.s + part_start, word.len - part_start);
			parts++;
			int hyphen = (cp == '-' || cp == 0x2010) && i < len;
			size_t peek = i;
			if (hyphen && is_letter(ht_utf8_next(text, len, &peek))) {
				ht_buf_addc(&word, '-');
				part_start = word.len;
				continue;
			}
			if (parts > 1)
				vocab_add(v, word.s, word.len);
		}
		ht_buf_reset(&word);
		part_start = 0;
		parts = 0;
		if (cp < 0)
			break;
		(void)at;
	}
	ht_buf_release(&word);
}

static void vocab_release(vocab *v)
{
	free(v->slots);
	ht_buf_release(&v->arena);
}

/* ------------------------------------------------------------ paragraphs */

typedef struct item {
	ht_buf text;
	int footnote;
	char *label; /* footnote number */
} item;

typedef struct reader {
	ht_doc *doc;
	const char *text;
	size_t len;
	item *items;
	size_t n_items, cap_items;
	long body;     /* index of the body paragraph being built, or -1 */
	int body_open; /* it may go on with the next line */
	long note;     /* index of the footnote being built, or -1 */
	int note_open;
	int in_notes;  /* between a separator and the end of the page */
	/* what the document as a whole looks like */
	int double_spaced, trailing_marks;
	size_t wide; /* typical width of a full line, in characters */
	int need_vocab;
	vocab words;
	char *title; /* text of the title paragraph, to recognise running headers */
	size_t title_len;
	ht_buf scratch;
} reader;

static size_t width_of(const char *s, size_t len)
{
	size_t w = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			w++;
	return w;
}

static int ends_hyphenated(const line *ln)
{
	if (ln->len < 2)
		return 0;
	size_t i = ln->len;
	int32_t h = ht_utf8_prev(ln->s, &i);
	if (h != '-' && h != 0x2010 && h != 0xAD)
		return 0;
	return is_letter(ht_utf8_prev(ln->s, &i));
}

/* Look at the whole text once: is it double-spaced, do trailing spaces mark
 * paragraph ends, how wide is a full line, are there hyphenated line ends. */
static void survey(reader *r)
{
	size_t pos = 0, nonblank = 0, trailing = 0, single_blank = 0, blanks_run = 0;
	size_t hist[257] = {0};
	line ln;
	int prev_nonblank = 0;
	while (next_line(r->text, r->len, &pos, &ln)) {
		if (!ln.len) {
			blanks_run++;
			continue;
		}
		if (prev_nonblank && blanks_run == 1)
			single_blank++;
		nonblank++;
		trailing += ln.trailing;
		size_t w = width_of(ln.s, ln.len);
		hist[w > 256 ? 256 : w]++;
		if (ends_hyphenated(&ln))
			r->need_vocab = 1;
		blanks_run = 0;
		prev_nonblank = 1;
	}
	r->double_spaced = nonblank > 2 && single_blank * 2 >= nonblank;
	r->trailing_marks = nonblank > 2 && trailing * 20 >= nonblank && trailing * 20 <= nonblank * 19;
	/* the width reached by a fifth of the lines */
	size_t seen = 0;
	r->wide = 0;
	for (size_t w = 256; w > 0; w--) {
		seen += hist[w];
		if (seen * 5 >= nonblank) {
			r->wide = w;
			break;
		}
	}
}

static item *new_item(reader *r, int footnote)
{
	HT_GROW(r->items, r->n_items + 1, r->cap_items);
	item *it = &r->items[r->n_items++];
	memset(it, 0, sizeof *it);
	ht_buf_init(&it->text);
	it->footnote = footnote;
	return it;
}

/* Append s[0..len) to b, each run of spaces and tabs as one space. */
static void add_collapsed(ht_buf *b, const char *s, size_t len)
{
	ht_buf_grow(b, len);
	for (size_t i = 0; i < len; i++) {
		if (is_hspace(s[i])) {
			if (b->len && b->s[b->len - 1] != ' ')
				ht_buf_addc(b, ' ');
			continue;
		}
		b->s[b->len++] = s[i];
	}
	b->s[b->len] = '\0';
}

/* Letters before the end of b (at most 64 bytes back), lower-cased into out. */
static void tail_word(const ht_buf *b, size_t end, ht_buf *out)
{
	size_t i = end, start = end;
	while (i > 0 && end - i < 64) {
		size_t k = i;
		if (!is_letter(ht_utf8_prev(b->s, &k)))
			break;
		i = start = k;
	}
	for (size_t k = start; k < end;)
		add_lower(out, ht_utf8_next(b->s, end, &k));
}

/* Should the hyphen that ends b (at b->len - hyphen_len) go when b is joined
 * with s?  Only when the document spells the joined word without it more
 * often than with it. */
static int drop_hyphen(reader *r, const ht_buf *b, size_t hyphen_len, const char *s, size_t len)
{
	if (hyphen_len == 2) /* U+00AD, the soft hyphen, is there to be removed */
		return 1;
	ht_buf *w = &r->scratch;
	ht_buf_reset(w);
	tail_word(b, b->len - hyphen_len, w);
	size_t head = w->len;
	size_t i = 0;
	while (i < len && i < 64) {
		size_t k = i;
		int32_t cp = ht_utf8_next(s, len, &k);
		if (!is_letter(cp))
			break;
		add_lower(w, cp);
		i = k;
	}
	if (!head || w->len == head)
		return 0;
	size_t joined = vocab_count(&r->words, w->s, w->len);
	ht_buf_add(w, "-", 1); /* build "head-tail" after the joined word */
	size_t hy_start = w->len;
	ht_buf_add(w, w->s, head);
	ht_buf_addc(w, '-');
	ht_buf_add(w, w->s + head, hy_start - 1 - head);
	size_t hyphenated = vocab_count(&r->words, w->s + hy_start, w->len - hy_start);
	return joined > 0 && joined >= hyphenated;
}

/* Join line content to a paragraph being built. */
static void join_line(reader *r, ht_buf *b, const char *s, size_t len)
{
	if (b->len && len) {
		size_t i = b->len;
		int32_t last = ht_utf8_prev(b->s, &i);
		int32_t first = first_cp(s, len);
		size_t hyphen_len = b->len - i;
		if ((last == '-' || last == 0x2010 || last == 0xAD) && i > 0 &&
		    is_letter(last_cp(b->s, i)) && is_letter(first)) {
			if (drop_hyphen(r, b, hyphen_len, s, len)) {
				ht_doc_add_drop(r->doc, b->s + i, hyphen_len);
				ht_buf_truncate(b, i);
			}
		} else if (!is_spaceless(last) && !is_spaceless(first)) {
			ht_buf_addc(b, ' ');
		}
	}
	add_collapsed(b, s, len);
}

/* Does the line end its paragraph?  A trailing space says so where the
 * extraction marks paragraph ends; else a short line that ends a sentence. */
static int line_closes(const reader *r, const line *ln)
{
	if (r->trailing_marks)
		return ln->trailing;
	int32_t last = last_cp(ln->s, ln->len);
	if (!is_terminal(last) && last != 0xFF0C && last != ',')
		return 0;
	size_t w = width_of(ln->s, ln->len);
	/* lines longer than any PDF line are whole paragraphs */
	return w * 10 < r->wide * 8 || w > 256;
}

/* ------------------------------------------------------ page furniture */

static int all_digits(const char *s, size_t len, size_t min, size_t max)
{
	if (len < min || len > max)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* "2/5": page 2 of 5. */
static int is_page_number(const char *s, size_t len)
{
	const char *slash = memchr(s, '/', len);
	if (!slash)
		return 0;
	size_t a = (size_t)(slash - s), b = len - a - 1;
	if (!all_digits(s, a, 1, 3) || !all_digits(slash + 1, b, 1, 3))
		return 0;
	return atoi(s) <= atoi(slash + 1) && atoi(s) > 0;
}

/* "22-11155", "22-11155(C)", "GE.22-11155": the UN job number. */
static int is_job_number(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && i < 3 && s[i] >= 'A' && s[i] <= 'Z')
		i++;
	if (i && i < len && s[i] == '.')
		i++;
	if (len - i < 8 || !all_digits(s + i, 2, 2, 2) || s[i + 2] != '-' || !all_digits(s + i + 3, 5, 5, 5))
		return 0;
	i += 8;
	if (i == len)
		return 1;
	return len - i == 3 && s[i] == '(' && s[i + 2] == ')';
}

/* "(C)", the language letter after a job number. */
static int is_lang_mark(const char *s, size_t len)
{
	return len == 3 && s[0] == '(' && s[1] >= 'A' && s[1] <= 'Z' && s[2] == ')';
}

/* A UN document symbol: "A/RES/76/295", "A/76/L.68/Add.1", "E/CN.4/2005/L.10". */
static int is_symbol(const char *s, size_t len)
{
	size_t i = 0, slashes = 0;
	while (i < len && s[i] >= 'A' && s[i] <= 'Z')
		i++;
	if (!i || i > 8)
		return 0;
	for (; i < len; i++) {
		char c = s[i];
		if (c == '/')
			slashes++;
		else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			   c == '.' || c == '-'))
			return 0;
	}
	return slashes >= 2 && s[len - 1] != '.' && s[len - 1] != '/';
}

/* "*2211155*", the barcode line. */
static int is_barcode(const char *s, size_t len)
{
	return len >= 7 && s[0] == '*' && s[len - 1] == '*' && all_digits(s + 1, len - 2, 5, 12);
}

static size_t token_end(const char *s, size_t len, size_t i)
{
	while (i < len && !is_hspace(s[i]))
		i++;
	return i;
}

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
	while (i < len && is_hspace(s[i]))
		i++;
	return i;
}

/* Page headers and footers: "2/5  22-11155", "22-11155  3/5", "A/RES/76/295",
 * "*2211155*", or the symbol followed by the document's title. */
static int is_page_header(const reader *r, const line *ln)
{
	const char *s = ln->s;
	size_t len = ln->len, i = 0;
	if (!len || len > 300)
		return 0;
	int strong = 0;
	while (i < len) {
		size_t e = token_end(s, len, i);
		const char *t = s + i;
		size_t n = e - i;
		if (is_page_number(t, n) || is_job_number(t, n) || is_barcode(t, n))
			strong = 1;
		else if (is_symbol(t, n)) {
			strong = 1;
			size_t rest = skip_spaces(s, len, e);
			/* "A/RES/76/295 Strengthening connectivity ..." repeats the title */
			if (rest < len && i == 0 && r->title && len - rest >= 6) {
				ht_buf tmp = HT_BUF_INIT;
				add_collapsed(&tmp, s + rest, len - rest);
				int same = tmp.len <= r->title_len && memcmp(tmp.s, r->title, tmp.len) == 0;
				ht_buf_release(&tmp);
				return same;
			}
		} else if (!is_lang_mark(t, n))
			return 0;
		i = skip_spaces(s, len, e);
	}
	return strong;
}

/* A separator above the footnotes: a line of underscores. */
static int is_separator(const line *ln)
{
	size_t n = 0;
	for (size_t i = 0; i < ln->len; i++) {
		if (ln->s[i] == '_')
			n++;
		else if (!is_hspace(ln->s[i]))
			return 0;
	}
	return n >= 5;
}

static int is_url_start(const char *s, size_t len)
{
	return (len > 8 && (strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0)) ||
	       (len > 4 && strncmp(s, "www.", 4) == 0);
}

/* A line made only of URLs. */
static int is_url_line(const line *ln)
{
	size_t i = 0;
	if (!ln->len)
		return 0;
	while (i < ln->len) {
		size_t e = token_end(ln->s, ln->len, i);
		if (!is_url_start(ln->s + i, e - i))
			return 0;
		i = skip_spaces(ln->s, ln->len, e);
	}
	return 1;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The document symbol a UN document URL points to:
 * https://undocs.org/ch/A/75/948 -> A/75/948, https://undocs.org/A/RES/70/1,
 * ...?FinalSymbol=A%2F76%2FL.68 -> A/76/L.68.  Appends it to out. */
static void url_symbol(const char *u, size_t len, ht_buf *out)
{
	static const char *const key = "FinalSymbol=";
	const char *p = NULL;
	for (size_t i = 0; i + strlen(key) <= len; i++)
		if (strncmp(u + i, key, strlen(key)) == 0) {
			p = u + i + strlen(key);
			break;
		}
	if (p) {
		for (; p < u + len && *p != '&'; p++) {
			if (*p == '%' && p + 2 < u + len && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
				ht_buf_addc(out, (char)(hexval(p[1]) * 16 + hexval(p[2])));
				p += 2;
			} else
				ht_buf_addc(out, *p);
		}
		return;
	}
	const char *host = strstr(u, "undocs.org/");
	if (!host || host >= u + len)
		return;
	const char *path = host + strlen("undocs.org/");
	const char *end = u + len;
	/* an optional language segment: /ch/ /en/ /zh/ ... */
	if (end - path > 3 && path[2] == '/' && path[0] >= 'a' && path[0] <= 'z' && path[1] >= 'a' &&
	    path[1] <= 'z')
		path += 3;
	while (end > path && (end[-1] == '/' || end[-1] == '.' || end[-1] == ')'))
		end--;
	if (is_symbol(path, (size_t)(end - path)) ||
	    ((size_t)(end - path) > 2 && memchr(path, '/', (size_t)(end - path))))
		ht_buf_add(out, path, (size_t)(end - path));
}

static void add_links(reader *r, const line *ln)
{
	size_t i = 0;
	while (i < ln->len) {
		size_t e = token_end(ln->s, ln->len, i);
		ht_buf_reset(&r->scratch);
		url_symbol(ln->s + i, e - i, &r->scratch);
		ht_doc_add_link(r->doc, ln->s + i, e - i, r->scratch.s, r->scratch.len);
		i = skip_spaces(ln->s, ln->len, e);
	}
}

/* " 1 A/75/948，附件。": a footnote's number and where its text starts. */
static size_t footnote_start(const line *ln, size_t *text_at)
{
	size_t i = 0;
	while (i < ln->len && i < 3 && ln->s[i] >= '0' && ln->s[i] <= '9')
		i++;
	if (!i) {
		if (ln->len && ln->s[0] == '*')
			i = 1;
		else
			return 0;
	}
	if (i >= ln->len || !is_hspace(ln->s[i]))
		return 0;
	*text_at = skip_spaces(ln->s, ln->len, i);
	return *text_at < ln->len ? i : 0;
}

/* ---------------------------------------------------------- the reading */

static void remember_title(reader *r, const item *it)
{
	if (r->title || it->footnote)
		return;
	size_t skip, label = ht_label_find(it->text.s, it->text.len, &skip);
	if (!label || !memchr(it->text.s, '/', label))
		return;
	r->title = ht_xstrndup(it->text.s + skip, it->text.len - skip);
	r->title_len = it->text.len - skip;
}

/* A finished paragraph gives back what doubling reserved (it may still grow
 * again when it goes on after a page break). */
static void shrink(item *it)
{
	if (it->text.cap > it->text.len + 64) {
		it->text.s = ht_xrealloc(it->text.s, it->text.len + 1);
		it->text.cap = it->text.len + 1;
	}
}

static void close_body(reader *r)
{
	if (r->body >= 0) {
		remember_title(r, &r->items[r->body]);
		shrink(&r->items[r->body]);
	}
	r->body = -1;
	r->body_open = 0;
}

static void close_note(reader *r)
{
	if (r->note >= 0)
		shrink(&r->items[r->note]);
	r->note = -1;
	r->note_open = 0;
}

/* The end of a page: whatever comes next is body text again. */
static void page_break(reader *r)
{
	r->in_notes = 0;
	close_note(r);
}

static void body_line(reader *r, const line *ln)
{
	int starts = r->body < 0 || ln->indent > 0 || !r->body_open;
	if (starts) {
		close_body(r);
		new_item(r, 0);
		r->body = (long)r->n_items - 1;
	}
	join_line(r, &r->items[r->body].text, ln->s, ln->len);
	r->body_open = !line_closes(r, ln);
}

/* A line inside the footnote block; returns 0 when it is not a footnote line
 * (the page went on without links or header). */
static int note_line(reader *r, const line *ln)
{
	size_t text_at, num = footnote_start(ln, &text_at);
	if (num) {
		item *it = new_item(r, 1);
		it->label = ht_xstrndup(ln->s, num);
		join_line(r, &it->text, ln->s + text_at, ln->len - text_at);
		r->note = (long)r->n_items - 1;
		r->note_open = !line_closes(r, ln);
		return 1;
	}
	if (r->note >= 0 && r->note_open && ln->indent == 0) {
		join_line(r, &r->items[r->note].text, ln->s, ln->len);
		r->note_open = !line_closes(r, ln);
		return 1;
	}
	return 0;
}

static void read_lines(reader *r)
{
	size_t pos = 0;
	line ln;
	while (next_line(r->text, r->len, &pos, &ln)) {
		if (ln.page_start)
			page_break(r);
		if (!ln.len) {
			if (!r->double_spaced) {
				if (r->in_notes)
					close_note(r);
				else
					r->body_open = 0;
			}
			continue;
		}
		if (is_separator(&ln)) {
			ht_doc_add_drop(r->doc, ln.s, ln.len);
			r->in_notes = 1;
			close_note(r);
			continue;
		}
		if (is_url_line(&ln)) {
			add_links(r, &ln);
			page_break(r);
			continue;
		}
		if (is_page_header(r, &ln)) {
			ht_doc_add_drop(r->doc, ln.s, ln.len);
			page_break(r);
			continue;
		}
		if (r->in_notes && note_line(r, &ln))
			continue;
		if (r->in_notes)
			page_break(r);
		body_line(r, &ln);
	}
	close_body(r);
}

/* ------------------------------------------------------ footnote markers */

typedef struct notes_seen {
	char **labels; /* footnote numbers in document order */
	size_t n, next;
} notes_seen;

/* Punctuation after which a footnote marker may stand, glued. */
static int is_marker_host_punct(int32_t cp)
{
	switch (cp) {
	case ',': case '.': case ';': case ':': case ')': case ']': case '"': case '\'': case '!':
	case '?': case 0x201D: case 0x2019: case 0xBB: case 0x300B: case 0xFF09: case 0xFF0C:
	case 0x3002: case 0xFF1B: case 0xFF1A: case 0x3001: case 0xFF01: case 0xFF1F: case 0x300D:
	case 0x300F: case 0x3011: case 0x3015: case 0x060C: case 0x061B:
		return 1;
	}
	return 0;
}

static int is_superscript_digit(int32_t cp)
{
	return cp == 0xB9 || cp == 0xB2 || cp == 0xB3 || cp == 0x2070 || (cp >= 0x2074 && cp <= 0x2079);
}

static char superscript_value(int32_t cp)
{
	switch (cp) {
	case 0xB9: return '1';
	case 0xB2: return '2';
	case 0xB3: return '3';
	case 0x2070: return '0';
	}
	return (char)('0' + (cp - 0x2070));
}

/* Is s[start..end) (ASCII digits) a footnote marker glued to what precedes? */
static int looks_like_marker(const char *s, size_t len, size_t start, size_t end)
{
	if (start == 0 || end - start > 3)
		return 0;
	size_t b = start;
	int32_t before = ht_utf8_prev(s, &b);
	size_t a = end;
	int32_t after = end < len ? ht_utf8_next(s, len, &a) : -1;
	int after_ok = after < 0 || after == ' ' || after == '\t' || is_marker_host_punct(after);
	if (after == '.' && a < len && s[a] >= '0' && s[a] <= '9')
		after_ok = 0;
	if (is_marker_host_punct(before)) {
		/* "第1、2和3段": an enumeration of numbers, not a marker */
		size_t bb = b;
		int32_t before2 = bb ? ht_utf8_prev(s, &bb) : -1;
		if (before == 0x3001 && before2 >= '0' && before2 <= '9')
			return 0;
		if (before == '.' || before == ')') {
			/* "A/76/L.68/Add.1", "2015.1": symbols and numbers, not markers */
			size_t k = b;
			for (int n = 0; k > 0 && n < 64; n++) {
				char c = s[k - 1];
				if (c == '/' || (c >= '0' && c <= '9'))
					return 0;
				if (c == ' ' || (unsigned char)c >= 0x80)
					break;
				k--;
			}
		}
		if (after_ok)
			return 1;
		return is_spaceless(before) && after > 0 && is_spaceless(after);
	}
	if (!is_letter(before))
		return 0;
	/* glued to a word: "Declaration1", "Genève1", "Женеве1", but not "CO2" or "G20" */
	if (!is_spaceless(before)) {
		size_t k = b;
		int32_t prev = k ? ht_utf8_prev(s, &k) : -1;
		utf8proc_category_t c1 = utf8proc_category(before), c0 = prev >= 0 ? utf8proc_category(prev) : 0;
		if ((c1 != UTF8PROC_CATEGORY_LL && c1 != UTF8PROC_CATEGORY_LO) ||
		    (c0 != UTF8PROC_CATEGORY_LL && c0 != UTF8PROC_CATEGORY_LO && c0 != UTF8PROC_CATEGORY_MN))
			return 0;
	}
	return after_ok;
}

/* Which footnote (index >= seen->next, a few steps at most) has this number? */
static long match_note(const notes_seen *seen, const char *num, size_t len)
{
	for (size_t k = seen->next; k < seen->n && k < seen->next + 3; k++)
		if (strlen(seen->labels[k]) == len && memcmp(seen->labels[k], num, len) == 0)
			return (long)k;
	return -1;
}

/* Copy s to out without its footnote markers, recording them in notes. */
static void strip_markers(ht_doc *doc, const char *s, size_t len, notes_seen *seen, ht_buf *out,
			  ht_buf *notes)
{
	size_t i = 0, copied = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c == '(' && i > 0 && seen->next < seen->n) {
			/* "(1)" glued to a word, as Arabic documents write markers */
			size_t e = i + 1;
			while (e < len && e - i <= 3 && s[e] >= '0' && s[e] <= '9')
				e++;
			size_t b = i;
			int32_t before = ht_utf8_prev(s, &b);
			long k = -1;
			if (e > i + 1 && e < len && s[e] == ')' && (is_letter(before) || is_marker_host_punct(before)) &&
			    before != ')')
				k = match_note(seen, s + i + 1, e - i - 1);
			if (k >= 0) {
				ht_buf_add(out, s + copied, i - copied);
				ht_buf_add(notes, s + i + 1, e - i - 1);
				ht_buf_addc(notes, '\0');
				ht_doc_add_drop(doc, s + i, e + 1 - i); /* the parentheses are counted */
				seen->next = (size_t)k + 1;
				copied = i = e + 1;
				continue;
			}
		}
		if (c >= '0' && c <= '9') {
			size_t e = i;
			while (e < len && s[e] >= '0' && s[e] <= '9')
				e++;
			long k = -1;
			if (seen->next < seen->n && looks_like_marker(s, len, i, e))
				k = match_note(seen, s + i, e - i);
			if (k >= 0) {
				ht_buf_add(out, s + copied, i - copied);
				ht_buf_add(notes, s + i, e - i);
				ht_buf_addc(notes, '\0');
				seen->next = (size_t)k + 1;
				copied = e;
			}
			i = e;
			continue;
		}
		if (c >= 0x80) {
			size_t k = i;
			int32_t cp = ht_utf8_next(s, len, &k);
			if (is_superscript_digit(cp) && seen->next < seen->n) {
				/* "Declaration¹": a marker when it numbers a footnote that
				 * comes next, not "km²" */
				char num[8];
				size_t e = i, nd = 0;
				while (e < len && nd < sizeof num) {
					size_t n = e;
					int32_t d = ht_utf8_next(s, len, &n);
					if (!is_superscript_digit(d))
						break;
					num[nd++] = superscript_value(d);
					e = n;
				}
				long m = match_note(seen, num, nd);
				if (m >= 0 && (size_t)m == seen->next) {
					ht_buf_add(out, s + copied, i - copied);
					ht_buf_add(notes, num, nd);
					ht_buf_addc(notes, '\0');
					ht_doc_add_drop(doc, s + i, e - i); /* the superscript form is counted */
					seen->next = (size_t)m + 1;
					copied = i = e;
					continue;
				}
			}
			i = k;
			continue;
		}
		i++;
	}
	ht_buf_add(out, s + copied, len - copied);
}

/* Remove the spaces the PDF put next to CJK characters ("2022 年 7 月",
 * "，  其基础"), collapse the others, trim both ends. */
static void tidy_spaces(const char *s, size_t len, ht_buf *out)
{
	size_t i = 0;
	while (i < len && is_hspace(s[i]))
		i++;
	int32_t prev = -1;
	while (i < len) {
		if (is_hspace(s[i])) {
			size_t e = i;
			while (e < len && is_hspace(s[e]))
				e++;
			if (e == len)
				break;
			int32_t next = first_cp(s + e, len - e);
			if (!is_spaceless(prev) && !is_spaceless(next))
				ht_buf_addc(out, ' ');
			i = e;
			continue;
		}
		size_t k = i;
		prev = ht_utf8_next(s, len, &k);
		ht_buf_add(out, s + i, k - i);
		i = k;
	}
}

/* ----------------------------------------------------- into the document */

static void emit(reader *r)
{
	notes_seen seen = {0};
	seen.labels = ht_xmalloc((r->n_items + 1) * sizeof *seen.labels);
	for (size_t i = 0; i < r->n_items; i++)
		if (r->items[i].footnote)
			seen.labels[seen.n++] = r->items[i].label;
	ht_buf stripped = HT_BUF_INIT, tidy = HT_BUF_INIT, notes = HT_BUF_INIT;
	HT_GROW(r->doc->paras, r->doc->n_paras + r->n_items, r->doc->cap_paras); /* once, not doubling */
	for (size_t i = 0; i < r->n_items; i++) {
		item *it = &r->items[i];
		ht_buf_reset(&stripped);
		ht_buf_reset(&tidy);
		ht_buf_reset(&notes);
		if (it->footnote) {
			tidy_spaces(it->text.s, it->text.len, &tidy);
			ht_doc_add_para(r->doc, HT_KIND_FOOTNOTE, it->label, strlen(it->label), tidy.s, tidy.len);
		} else {
			size_t skip, label = ht_label_find(it->text.s, it->text.len, &skip);
			/* a number alone on its line labels the paragraph that follows */
			if (label && skip == it->text.len && i + 1 < r->n_items && !r->items[i + 1].footnote) {
				item *next = &r->items[i + 1];
				size_t nskip;
				if (!ht_label_find(next->text.s, next->text.len, &nskip)) {
					ht_buf merged = HT_BUF_INIT;
					ht_buf_add(&merged, it->text.s, it->text.len);
					ht_buf_addc(&merged, ' ');
					ht_buf_add(&merged, next->text.s, next->text.len);
					ht_buf_release(&next->text);
					next->text = merged;
					ht_buf_release(&it->text);
					continue;
				}
			}
			strip_markers(r->doc, it->text.s + skip, it->text.len - skip, &seen, &stripped, &notes);
			tidy_spaces(stripped.s, stripped.len, &tidy);
			struct ht_para *p = ht_doc_add_para(r->doc, HT_KIND_OTHER, it->text.s, label, tidy.s, tidy.len);
			for (size_t k = 0; k < notes.len; k += strlen(notes.s + k) + 1)
				ht_para_add_note(p, notes.s + k, strlen(notes.s + k));
		}
		ht_buf_release(&it->text);
	}
	ht_buf_release(&stripped);
	ht_buf_release(&tidy);
	ht_buf_release(&notes);
	free(seen.labels);
}

ht_status ht_pdftext_read(ht_doc *doc, const char *text, size_t len, ht_error *err)
{
	reader r = {0};
	r.doc = doc;
	r.text = text;
	r.len = len;
	r.body = r.note = -1;
	ht_buf_init(&r.scratch);
	ht_buf_init(&r.words.arena);
	survey(&r);
	if (r.need_vocab)
		vocab_build(&r.words, text, len);
	read_lines(&r);
	emit(&r);
	for (size_t i = 0; i < r.n_items; i++)
		free(r.items[i].label);
	free(r.items);
	free(r.title);
	vocab_release(&r.words);
	ht_buf_release(&r.scratch);
	return HT_OK;
}
