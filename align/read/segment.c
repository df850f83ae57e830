/* ht_doc_segment: input modes, language, paragraph kinds, sentences.
 *
 * Kinds follow the structure of UN resolutions: everything before the title
 * ("76/295. Strengthening connectivity ...", label "76/295.") is a heading;
 * the introductory formula right after it ("The General Assembly,", "大会，")
 * is `other` — it is the subject of both parts, not a preambular paragraph;
 * unnumbered paragraphs up to the first numbered one are preamble, numbered
 * ones and what lies between them operative; short unnumbered paragraphs after
 * the last numbered one (date, plenary meeting) closing.  Documents without a
 * resolution title get `heading` for short unpunctuated paragraphs and
 * `other` for the rest.
 */
#include "align/read/doc-internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

/* ----------------------------------------------------------- language */

/* "zh", "en", "zh-Hans", "sr-Latn-RS": letters, then alphanumeric subtags. */
static int is_lang_tag(const char *s)
{
	size_t n = 0;
	while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z'))
		n++;
	if (n < 2 || n > 3)
		return 0;
	const char *p = s + n;
	while (*p == '-' || *p == '_') {
		size_t k = 1;
		while ((p[k] >= 'a' && p[k] <= 'z') || (p[k] >= 'A' && p[k] <= 'Z') || (p[k] >= '0' && p[k] <= '9'))
			k++;
		if (k < 2 || k > 9)
			return 0;
		p += k;
	}
	return *p == '\0';
}

/* Detection looks at the start of the text only: a few hundred kilobytes
 * tell the script as well as the whole. */
#define DETECT_BYTES (256 * 1024)

static size_t char_boundary(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

static const char *choose_lang(const char *text, size_t len, const char *name, const char *lang,
			       const char **source)
{
	if (lang) {
		*source = "option";
		return lang;
	}
	const char *from_name = name ? ht_lang_from_filename(name) : NULL;
	if (from_name) {
		*source = "file name";
		return from_name;
	}
	*source = "detected";
	return ht_lang_detect(text, char_boundary(text, len, DETECT_BYTES));
}

/* ------------------------------------------------------- input modes */

static int looks_like_html(const char *text, size_t len)
{
	size_t i = 0;
	while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n'))
		i++;
	if (i >= len || text[i] != '<')
		return 0;
	static const char *const tags[] = {"<!doctype html", "<html", "<body", "<p>", "<p ", "<div", "<h1", "<table"};
	size_t n = len - i < 8192 ? len - i : 8192;
	for (size_t k = 0; k < n; k++) {
		if (text[i + k] != '<')
			continue;
		for (size_t t = 0; t < sizeof tags / sizeof *tags; t++) {
			size_t tl = strlen(tags[t]);
			if (k + tl <= len - i && strncasecmp(text + i + k, tags[t], tl) == 0)
				return 1;
		}
	}
	return 0;
}

/* PDF text has blank lines between lines, indents, separators or form feeds,
 * and lines that stop mid-sentence; one paragraph a line has none of these. */
static ht_input_mode guess_text_mode(const char *text, size_t len)
{
	size_t nonblank = 0, blank = 0, indented = 0, terminal = 0, long_lines = 0;
	size_t i = 0;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t s = i, e = end;
		if (memchr(text + i, '\f', end - i))
			return HT_INPUT_PDFTEXT;
		while (s < e && (text[s] == ' ' || text[s] == '\t'))
			s++;
		while (e > s && (text[e - 1] == ' ' || text[e - 1] == '\t'))
			e--;
		if (s == e)
			blank++;
		else {
			nonblank++;
			indented += s > i;
			if (e - s >= 5 && text[s] == '_' && text[s + 1] == '_' && text[s + 4] == '_')
				return HT_INPUT_PDFTEXT;
			size_t k = e;
			int32_t last = ht_utf8_prev(text, &k);
			terminal += (last > 0 && last < 0x80 && strchr(".;:!?\"')", (int)last)) ||
				    last == 0x3002 || last == 0xFF1B || last == 0xFF1A || last == 0x201D ||
				    last == 0xFF1F || last == 0xFF01 || last == 0x061F;
			long_lines += e - s > 600;
		}
		i = end + 1;
	}
	if (!nonblank)
		return HT_INPUT_PDFTEXT;
	if (long_lines * 5 >= nonblank)
		return HT_INPUT_PARAGRAPHS;
	if (blank * 10 < nonblank && indented * 20 < nonblank && terminal * 10 >= nonblank * 6)
		return HT_INPUT_PARAGRAPHS;
	return HT_INPUT_PDFTEXT;
}

/* ------------------------------------- one paragraph or sentence a line */

static int is_hspace(char c) { return c == ' ' || c == '\t'; }

/* Each non-blank line is a paragraph; in lines mode also its one sentence.
 * A line that is only a label ("1.") labels the next line. */
static void read_line_paragraphs(ht_doc *doc, const char *text, size_t len, int one_sentence)
{
	size_t i = 0;
	const char *pending = NULL; /* a label alone on its line */
	size_t pending_len = 0;
	/* one paragraph a line at most: size the array once */
	size_t lines = 1;
	for (const char *p = text, *end = text + len; (p = memchr(p, '\n', (size_t)(end - p))); p++)
		lines++;
	HT_GROW(doc->paras, doc->n_paras + lines, doc->cap_paras);
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t s = i, e = end;
		i = end + 1;
		while (s < e && (is_hspace(text[s]) || text[s] == '\f'))
			s++;
		while (e > s && (is_hspace(text[e - 1]) || text[e - 1] == '\f'))
			e--;
		if (s == e)
			continue;
		size_t skip, label = ht_label_find(text + s, e - s, &skip);
		if (label && skip == e - s && !pending) {
			pending = text + s;
			pending_len = label;
			continue;
		}
		const char *label_at = text + s;
		if (pending && label) /* two labels in a row: the first stays alone */
			ht_doc_add_para(doc, HT_KIND_OTHER, pending, pending_len, "", 0);
		else if (pending) {
			label_at = pending;
			label = pending_len;
		}
		pending = NULL;
		struct ht_para *p = ht_doc_add_para(doc, HT_KIND_OTHER, label_at, label, text + s + skip, e - s - skip);
		if (one_sentence && p->text_len) {
			p->sentences = ht_xmalloc(sizeof *p->sentences);
			p->cap_sentences = 1;
			p->sentences[0] = (ht_span){0, p->text_len};
			p->n_sentences = 1;
		}
	}
	if (pending)
		ht_doc_add_para(doc, HT_KIND_OTHER, pending, pending_len, "", 0);
}

/* ---------------------------------------------------------------- kinds */

static size_t char_count(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static int32_t final_cp(const struct ht_para *p)
{
	size_t i = p->text_len;
	return i ? ht_utf8_prev(p->text, &i) : -1;
}

static int is_comma(int32_t cp) { return cp == ',' || cp == 0xFF0C || cp == 0x060C || cp == 0x3001; }

static int ends_punctuated(const struct ht_para *p)
{
	int32_t cp = final_cp(p);
	if (cp < 0)
		return 0;
	if (is_comma(cp))
		return 1;
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_PO && cp != ')' && cp != 0xFF09 &&
	       cp != ']';
}

/* Short and without final punctuation: a heading line. */
static int heading_like(const struct ht_para *p)
{
	return char_count(p->text, p->text_len) <= 80 && !ends_punctuated(p);
}

/* "76/295." — the number of a resolution or decision. */
static int is_number_label(const char *label);

static int is_resolution_label(const char *label)
{
	return label && strchr(label, '/') && is_number_label(label);
}

/* Operative paragraphs are numbered with digits: "1.", "١.", "１．", "1 -". */
static int is_number_label(const char *label)
{
	if (!label)
		return 0;
	size_t i = 0;
	int32_t cp = ht_utf8_next(label, strlen(label), &i);
	return (cp >= '0' && cp <= '9') || (cp >= 0x0660 && cp <= 0x0669) ||
	       (cp >= 0x06F0 && cp <= 0x06F9) || (cp >= 0xFF10 && cp <= 0xFF19);
}

static void classify_plain(struct ht_para *paras, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (paras[i].kind != HT_KIND_FOOTNOTE)
			paras[i].kind = heading_like(&paras[i]) ? HT_KIND_HEADING : HT_KIND_OTHER;
}

static void classify(ht_doc *doc)
{
	struct ht_para *p = doc->paras;
	size_t n = doc->n_paras, title = n, first_op = n, last_op = n;
	for (size_t i = 0; i < n && title == n; i++)
		if (p[i].kind != HT_KIND_FOOTNOTE && is_resolution_label(p[i].label))
			title = i;
	if (title == n) {
		classify_plain(p, n);
		return;
	}
	for (size_t i = title + 1; i < n; i++)
		if (p[i].kind != HT_KIND_FOOTNOTE && is_number_label(p[i].label)) {
			if (first_op == n)
				first_op = i;
			last_op = i;
		}
	size_t formula = n;
	for (size_t i = title + 1; i < n; i++) {
		if (p[i].kind == HT_KIND_FOOTNOTE)
			continue;
		if (!p[i].label && char_count(p[i].text, p[i].text_len) <= 40 && is_comma(final_cp(&p[i])))
			formula = i;
		break;
	}
	for (size_t i = 0; i < n; i++) {
		struct ht_para *q = &p[i];
		if (q->kind == HT_KIND_FOOTNOTE)
			continue;
		if (i < title)
			q->kind = HT_KIND_HEADING;
		else if (i == title)
			q->kind = HT_KIND_TITLE;
		else if (i == formula)
			q->kind = HT_KIND_OTHER;
		else if (i < first_op)
			q->kind = HT_KIND_PREAMBLE;
		else if (first_op < n && i <= last_op)
			q->kind = q->label || !heading_like(q) ? HT_KIND_OPERATIVE : HT_KIND_HEADING;
		else
			q->kind = !q->label && char_count(q->text, q->text_len) <= 60 ? HT_KIND_CLOSING
										 : HT_KIND_OTHER;
	}
	/* without operative paragraphs the unnumbered ones are not a preamble */
	if (first_op == n)
		for (size_t i = title + 1; i < n; i++)
			if (p[i].kind == HT_KIND_PREAMBLE)
				p[i].kind = HT_KIND_OTHER;
}

/* -------------------------------------------------------------- segment */

ht_status ht_doc_segment(const char *text, size_t len, const char *name, const char *lang,
			 ht_input_mode mode, ht_doc **out, ht_error *err)
{
	*out = NULL;
	if (lang && !is_lang_tag(lang))
		return ht_error_set(err, HT_ERR_USAGE, "'%s' is not a language tag (zh, en, fr, es, ru, ar ...)",
				    lang);
	if ((unsigned)mode > HT_INPUT_PARAGRAPHS)
		return ht_error_set(err, HT_ERR_USAGE, "unknown input mode %d", (int)mode);
	if (mode == HT_INPUT_AUTO)
		mode = looks_like_html(text, len) ? HT_INPUT_HTML : guess_text_mode(text, len);
	const char *source;
	const char *chosen = choose_lang(text, len, name, lang, &source);
	ht_doc *doc = ht_doc_new(name, chosen, source, mode);
	ht_status st = HT_OK;
	switch (mode) {
	case HT_INPUT_HTML:
		st = ht_html_read(doc, text, len, err);
		break;
	case HT_INPUT_LINES:
	case HT_INPUT_PARAGRAPHS:
		read_line_paragraphs(doc, text, len, mode == HT_INPUT_LINES);
		break;
	default:
		st = ht_pdftext_read(doc, text, len, err);
		break;
	}
	if (st == HT_OK && mode != HT_INPUT_HTML)
		classify(doc);
	if (st == HT_OK) {
		ht_splitter *sp = NULL;
		st = ht_splitter_new(doc->lang, &sp, err);
		if (st == HT_OK)
			st = ht_doc_split_sentences(doc, sp, err);
		ht_splitter_free(sp);
	}
	if (st != HT_OK) {
		ht_doc_free(doc);
		return st;
	}
	*out = doc;
	return HT_OK;
}
