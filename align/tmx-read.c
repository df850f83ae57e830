/* The TMX reader: libxml2's streaming reader, one <tu> expanded at a time.
 *
 * Hostile files are read in bounded time and memory:
 * - libxml2's limits stay on (no XML_PARSE_HUGE): elements nested deeper than
 *   256, a text node over 10 MB, and the entity amplification that "billion
 *   laughs" needs are errors of the parser;
 * - nothing is fetched and no DTD is loaded (no XML_PARSE_NOENT, NONET);
 *   a reference to an external entity (SYSTEM "/etc/passwd", a URL) or to an
 *   entity the file does not declare is an error, never silently dropped;
 * - the text of segments, props and attributes is collected by one walk
 *   without recursion, never by libxml2's xmlNodeGetContent/xmlGetProp
 *   (which expand nested entities recursively), and every byte it adds
 *   counts against a budget of twice the file's size plus 1 MB: one entity
 *   of 100 KB referenced 2,000 times is an error, not 200 MB;
 * - language tags are checked for shape and looked up in a hash, and a unit
 *   stores only its own segments: 20,000 distinct xml:lang values cost no
 *   more than 20,000 segments;
 * - an element with more than HT_MARKUP_MAX_ATTRS attributes is refused
 *   before parsing (libxml2 takes quadratic time on them). */
#include "align/markup.h"
#include "align/tm-internal.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/xmlreader.h>

/* A language tag longer than this is not one (BCP 47 tags in use stay under 20). */
#define MAX_TAG 64

typedef struct tmx_reader {
	const char *path;
	ht_error *err;
	int has_error;       /* the first XML error is kept */
	char srclang[MAX_TAG + 1];
	ht_tm *tm;
	size_t collected, budget; /* text bytes gathered so far, and the most allowed */
	long line;                /* of the element being read (entity text has none) */
	const xmlNode **stack;    /* the walk's pending siblings */
	size_t stack_cap;
	ht_buf text;              /* scratch for the collected text */
} tmx_reader;

/* libxml2's messages for its limits name a parser option; say what is wrong. */
static const char *plain_message(const char *msg)
{
	if (strstr(msg, "Excessive depth"))
		return "elements nested deeper than 256";
	if (strstr(msg, "huge text node") || strstr(msg, "Huge input lookup"))
		return "a text of more than 10 MB in one element";
	if (strstr(msg, "entity reference loop") || strstr(msg, "amplification"))
		return "entities that expand without bound (an entity bomb)";
	return NULL;
}

static void on_xml_error(void *ctx, xmlErrorPtr e)
{
	tmx_reader *rd = ctx;
	if (rd->has_error || !e || e->level < XML_ERR_ERROR)
		return;
	rd->has_error = 1;
	/* the message may quote the document: keep it to one short line */
	char msg[200];
	snprintf(msg, sizeof msg, "%s", e->message ? e->message : "XML error");
	for (char *p = msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	size_t n = strlen(msg);
	while (n > 0 && msg[n - 1] == ' ')
		msg[--n] = '\0';
	const char *plain = plain_message(msg);
	ht_error_set(rd->err, HT_ERR_DATA, "%s:%d: %s", rd->path, e->line, plain ? plain : msg);
}

static int is_name(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* Inline codes stand for formatting of the original document: their content
 * is not text of the segment. */
static int is_inline_code(const xmlNode *n)
{
	static const char *const codes[] = {"bpt", "ept", "ph", "it", "ut", "sub"};
	for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
		if (is_name(n, codes[i]))
			return 1;
	return 0;
}

/* Count n bytes (or nodes visited) against the budget. */
static ht_status spend(tmx_reader *rd, size_t n)
{
	rd->collected += n;
	if (rd->collected > rd->budget)
		return ht_error_set(rd->err, HT_ERR_DATA,
				    "%s:%ld: entities expand to more text than %zu bytes (an entity bomb?)",
				    rd->path, rd->line, rd->budget);
	return HT_OK;
}

static ht_status add_text(tmx_reader *rd, const char *s)
{
	size_t n = strlen(s);
	ht_status st = spend(rd, n);
	if (st == HT_OK)
		ht_buf_add(&rd->text, s, n);
	return st;
}

/* What an entity reference stands for: its parsed content (walked on), its
 * plain text, or an error for an external or undeclared entity. */
static ht_status entity_ref(tmx_reader *rd, const xmlNode *ref, const xmlNode **down)
{
	xmlEntityPtr e = xmlGetDocEntity(ref->doc, ref->name);
	*down = NULL;
	if (!e)
		return ht_error_set(rd->err, HT_ERR_DATA,
				    "%s:%ld: entity '&%.40s;' is not declared in the file (hutong reads no "
				    "external DTD)",
				    rd->path, rd->line, (const char *)ref->name);
	if (e->etype != XML_INTERNAL_GENERAL_ENTITY && e->etype != XML_INTERNAL_PREDEFINED_ENTITY)
		return ht_error_set(rd->err, HT_ERR_DATA,
				    "%s:%ld: entity '&%.40s;' is external (hutong reads no other file and "
				    "no URL)",
				    rd->path, rd->line, (const char *)ref->name);
	if (e->children) {
		*down = e->children;
		return HT_OK;
	}
	return e->content ? add_text(rd, (const char *)e->content) : HT_OK;
}

/* The text of the nodes from `first` on and their descendants, into
 * rd->text: text and CDATA, the text of elements (not of inline codes when
 * `codes` is 0), what entities stand for.  No recursion: the siblings still
 * to visit wait on a stack. */
static ht_status collect(tmx_reader *rd, const xmlNode *first, int codes)
{
	size_t depth = 0;
	ht_status st = HT_OK;
	ht_buf_reset(&rd->text);
	if (first)
		rd->line = xmlGetLineNo(first->parent ? first->parent : first);
	for (const xmlNode *n = first; st == HT_OK && (n || depth);) {
		if (!n) {
			n = rd->stack[--depth];
			continue;
		}
		const xmlNode *down = NULL;
		/* every node costs one: references that hold no text cannot loop for free */
		if ((st = spend(rd, 1)) != HT_OK)
			break;
		switch (n->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->content)
				st = add_text(rd, (const char *)n->content);
			break;
		case XML_ELEMENT_NODE:
			if (codes || !is_inline_code(n))
				down = n->children; /* hi, and unknown elements: their text */
			break;
		case XML_ENTITY_REF_NODE:
			st = entity_ref(rd, n, &down);
			break;
		default: /* comments, processing instructions */
			break;
		}
		if (down) {
			HT_GROW(rd->stack, depth + 1, rd->stack_cap);
			rd->stack[depth++] = n->next;
			n = down;
		} else
			n = n->next;
	}
	return st;
}

/* The value of attribute `name` (namespace `ns` or none) as a new string, or
 * NULL when absent; collected like text (entities within the budget). */
static ht_status attribute(tmx_reader *rd, xmlNode *el, const char *name, const xmlChar *ns, char **out)
{
	*out = NULL;
	xmlAttrPtr a = ns ? xmlHasNsProp(el, BAD_CAST name, ns) : xmlHasProp(el, BAD_CAST name);
	if (!a)
		return HT_OK;
	if (a->type == XML_ATTRIBUTE_DECL) { /* a default from the internal DTD subset */
		const xmlChar *v = ((xmlAttributePtr)a)->defaultValue;
		*out = ht_xstrdup(v ? (const char *)v : "");
		return HT_OK;
	}
	ht_status st = collect(rd, a->children, 1);
	if (st == HT_OK)
		*out = ht_xstrdup(rd->text.s);
	return st;
}

static ht_status text_of(tmx_reader *rd, const xmlNode *n, int codes, char **out)
{
	ht_status st = collect(rd, n->children, codes);
	*out = st == HT_OK ? ht_xstrdup(rd->text.s) : NULL;
	return st;
}

/* A language tag in shape: letters, digits, '-' and '_', at most MAX_TAG. */
static int tag_shape(const char *t)
{
	size_t n = 0;
	for (; t[n] && n <= MAX_TAG; n++) {
		char c = t[n], l = (char)(c | 0x20);
		if (!((l >= 'a' && l <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return 0;
	}
	return n > 0 && n <= MAX_TAG;
}

static ht_status tuv_lang(tmx_reader *rd, xmlNode *tuv, char **lang)
{
	ht_status st = attribute(rd, tuv, "lang", XML_XML_NAMESPACE, lang);
	if (st == HT_OK && !*lang)
		st = attribute(rd, tuv, "lang", NULL, lang); /* TMX 1.1 */
	if (st != HT_OK)
		return st;
	if (!*lang || !**lang)
		st = ht_error_set(rd->err, HT_ERR_DATA, "%s:%ld: <tuv> without xml:lang", rd->path,
				  xmlGetLineNo(tuv));
	else if (!tag_shape(*lang))
		st = ht_error_set(rd->err, HT_ERR_DATA, "%s:%ld: xml:lang '%.40s%s' is not a language tag",
				  rd->path, xmlGetLineNo(tuv), *lang, strlen(*lang) > 40 ? "..." : "");
	if (st != HT_OK) {
		free(*lang);
		*lang = NULL;
	}
	return st;
}

/* The props hutong writes: x-doc, x-unit, x-confidence. */
static ht_status read_props(tmx_reader *rd, xmlNode *tu, char **doc, char **id, double *conf)
{
	ht_status st = HT_OK;
	for (xmlNode *c = tu->children; c && st == HT_OK; c = c->next) {
		if (!is_name(c, "prop"))
			continue;
		char *type = NULL, *v = NULL;
		st = attribute(rd, c, "type", NULL, &type);
		if (st == HT_OK && type)
			st = text_of(rd, c, 1, &v);
		if (st == HT_OK && type) {
			if (strcmp(type, "x-doc") == 0 && !*doc)
				*doc = v, v = NULL;
			else if (strcmp(type, "x-unit") == 0 && !*id)
				*id = v, v = NULL;
			else if (strcmp(type, "x-confidence") == 0 && !ht_tm_parse_confidence(v, strlen(v), conf))
				*conf = -1.0;
		}
		free(v);
		free(type);
	}
	if (st == HT_OK && !*id)
		st = attribute(rd, tu, "tuid", NULL, id);
	return st;
}

static ht_status read_tu(tmx_reader *rd, xmlNode *tu)
{
	char *doc = NULL, *id = NULL;
	double conf = -1.0;
	ht_status st = read_props(rd, tu, &doc, &id, &conf);
	size_t unit = (size_t)-1;
	for (xmlNode *c = tu->children; c && st == HT_OK; c = c->next) {
		if (!is_name(c, "tuv"))
			continue;
		char *lang = NULL;
		st = tuv_lang(rd, c, &lang);
		if (st != HT_OK)
			break;
		xmlNode *seg = c->children;
		while (seg && !is_name(seg, "seg"))
			seg = seg->next;
		if (seg) {
			if (!rd->tm)
				rd->tm = ht_tm_new(rd->srclang[0] ? rd->srclang : lang);
			if (unit == (size_t)-1)
				unit = ht_tm_add_unit(rd->tm, doc, id, conf);
			size_t l = ht_tm_add_lang(rd->tm, lang);
			/* a second variant of the same language keeps the first */
			if (!ht_tm_seg(rd->tm, unit, l, NULL)) {
				st = collect(rd, seg->children, 0);
				if (st == HT_OK)
					ht_tm_set_seg(rd->tm, unit, l, rd->text.s, rd->text.len);
			}
		}
		free(lang);
	}
	free(doc);
	free(id);
	return st;
}

static ht_status read_header(tmx_reader *rd, xmlNode *header)
{
	char *s = NULL;
	ht_status st = header ? attribute(rd, header, "srclang", NULL, &s) : HT_OK;
	if (st == HT_OK && s && *s && strcmp(s, "*all*") != 0) {
		if (!tag_shape(s))
			st = ht_error_set(rd->err, HT_ERR_DATA, "%s:%ld: srclang '%.40s' is not a language tag",
					  rd->path, xmlGetLineNo(header), s);
		else
			snprintf(rd->srclang, sizeof rd->srclang, "%s", s);
	}
	free(s);
	return st;
}

static ht_status read_tmx_stream(tmx_reader *rd, xmlTextReaderPtr r)
{
	int ret = xmlTextReaderRead(r);
	while (ret == 1 && !rd->has_error) {
		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT) {
			const char *name = (const char *)xmlTextReaderConstLocalName(r);
			xmlNode *node = xmlTextReaderCurrentNode(r);
			if (xmlTextReaderDepth(r) == 0 && strcmp(name, "tmx") != 0)
				return ht_error_set(rd->err, HT_ERR_DATA,
						    "%s:%ld: not a TMX file (root element <%.40s>)", rd->path,
						    xmlGetLineNo(node), name);
			if (strcmp(name, "header") == 0) {
				ht_status st = read_header(rd, node);
				if (st != HT_OK)
					return st;
			} else if (strcmp(name, "tu") == 0) {
				xmlNode *tu = xmlTextReaderExpand(r);
				if (!tu)
					break;
				ht_status st = read_tu(rd, tu);
				if (st != HT_OK)
					return st;
				ret = xmlTextReaderNext(r);
				continue;
			}
		}
		ret = xmlTextReaderRead(r);
	}
	if (ret != 0 || rd->has_error) {
		if (!rd->has_error)
			ht_error_set(rd->err, HT_ERR_DATA, "%s:%d: cannot parse the TMX", rd->path,
				     xmlTextReaderGetParserLineNumber(r));
		return HT_ERR_DATA;
	}
	return HT_OK;
}

/* see the top of the file; BIG_LINES: line numbers past 65535 in messages */
#define TMX_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES)

/* Read the TMX of `size` bytes that r (NULL when it could not be made) reads,
 * and free r. */
static ht_status read_tmx(const char *path, xmlTextReaderPtr r, size_t size, ht_tm **out,
			  ht_error *err)
{
	if (!r)
		return ht_error_set(err, HT_ERR_IO, "%s: cannot start the XML reader", path);
	tmx_reader rd = {.path = path, .err = err, .budget = 2 * size + (1u << 20), .text = HT_BUF_INIT};
	xmlTextReaderSetStructuredErrorHandler(r, on_xml_error, &rd);
	ht_status st = read_tmx_stream(&rd, r);
	xmlFreeTextReader(r);
	free(rd.stack);
	ht_buf_release(&rd.text);
	if (st == HT_OK && !rd.tm)
		rd.tm = ht_tm_new(rd.srclang[0] ? rd.srclang : "und");
	if (st != HT_OK) {
		ht_tm_free(rd.tm);
		return st;
	}
	*out = rd.tm;
	return HT_OK;
}

/* One pass over the file before libxml2's: the line of an element with too
 * many attributes, or 0.  Leaves fp at the start. */
static long attribute_scan(FILE *fp)
{
	ht_markup_scan sc;
	ht_markup_scan_init(&sc);
	char buf[1 << 16];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0 && ht_markup_scan_feed(&sc, buf, n))
		;
	rewind(fp);
	if (!sc.bad)
		return 0;
	long line = 1; /* the error's line: count again, up to its offset */
	for (size_t left = sc.bad - 1; left && (n = fread(buf, 1, left < sizeof buf ? left : sizeof buf, fp)) > 0;
	     left -= n)
		line += ht_markup_line(buf, n) - 1;
	rewind(fp);
	return line;
}

static ht_status too_many_attributes(const char *name, long line, ht_error *err)
{
	return ht_error_set(err, HT_ERR_DATA, "%s:%ld: an element with more than %d attributes", name, line,
			    HT_MARKUP_MAX_ATTRS);
}

ht_status ht_tm_read_tmx(const char *path, ht_tm **out, ht_error *err)
{
	*out = NULL;
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return ht_error_set(err, HT_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
	struct stat sb;
	if (fstat(fileno(fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		fclose(fp);
		return ht_error_set(err, HT_ERR_IO, "%s: cannot read: %s", path, strerror(EISDIR));
	}
	size_t size = sb.st_size > 0 ? (size_t)sb.st_size : 0;
	long bad_line = attribute_scan(fp);
	ht_status st;
	if (bad_line)
		st = too_many_attributes(path, bad_line, err);
	else
		st = read_tmx(path, xmlReaderForFd(fileno(fp), path, NULL, TMX_PARSE_OPTIONS), size, out, err);
	fclose(fp);
	return st;
}

ht_status ht_tm_parse_tmx(const char *name, const char *data, size_t len, ht_tm **out, ht_error *err)
{
	*out = NULL;
	if (len > INT_MAX)
		return ht_error_set(err, HT_ERR_DATA, "%s: a TMX of more than 2 GB in memory", name);
	ht_markup_scan sc;
	ht_markup_scan_init(&sc);
	ht_markup_scan_feed(&sc, data, len);
	if (sc.bad)
		return too_many_attributes(name, ht_markup_line(data, sc.bad - 1), err);
	xmlTextReaderPtr r = xmlReaderForMemory(data, (int)len, name, NULL, TMX_PARSE_OPTIONS);
	return read_tmx(name, r, len, out, err);
}
