/* Translation memories: storage, the TSV reader, the TMX 1.4 writer and reader. */
#include "align/tm-internal.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/xmlreader.h>

/* ------------------------------------------------------------------ storage */

ht_tm *ht_tm_new(const char *srclang)
{
	ht_tm *tm = ht_xcalloc(1, sizeof *tm);
	ht_tm_add_lang(tm, srclang && *srclang ? srclang : "und");
	return tm;
}

static void unit_release(ht_tm_unit *u)
{
	for (size_t i = 0; i < u->nsegs; i++)
		free(u->segs[i]);
	free(u->segs);
	free(u->lens);
	free(u->doc);
	free(u->id);
}

void ht_tm_free(ht_tm *tm)
{
	if (!tm)
		return;
	for (size_t i = 0; i < tm->nunits; i++)
		unit_release(&tm->units[i]);
	free(tm->units);
	for (size_t i = 0; i < tm->nlangs; i++)
		free(tm->langs[i]);
	free(tm->langs);
	free(tm);
}

/* Length of the primary subtag ("zh" in "zh-CN" or "zh_CN"). */
static size_t primary_len(const char *tag)
{
	return strcspn(tag, "-_");
}

static int same_primary(const char *a, const char *b)
{
	size_t n = primary_len(a);
	if (n != primary_len(b))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
			return 0;
	return 1;
}

int ht_tm_lang_index(const ht_tm *tm, const char *lang)
{
	if (!lang)
		return -1;
	for (size_t i = 0; i < tm->nlangs; i++)
		if (same_primary(tm->langs[i], lang))
			return (int)i;
	return -1;
}

size_t ht_tm_add_lang(ht_tm *tm, const char *lang)
{
	if (!lang || !*lang)
		lang = "und";
	int i = ht_tm_lang_index(tm, lang);
	if (i >= 0)
		return (size_t)i;
	HT_GROW(tm->langs, tm->nlangs + 1, tm->langs_cap);
	char *tag = ht_xstrdup(lang);
	for (char *p = tag; *p; p++)
		if (*p == '_')
			*p = '-';
	tm->langs[tm->nlangs] = tag;
	return tm->nlangs++;
}

size_t ht_tm_lang_count(const ht_tm *tm) { return tm->nlangs; }
const char *ht_tm_lang(const ht_tm *tm, size_t i) { return i < tm->nlangs ? tm->langs[i] : NULL; }

size_t ht_tm_add_unit(ht_tm *tm, const char *doc, const char *id, double confidence)
{
	HT_GROW(tm->units, tm->nunits + 1, tm->units_cap);
	ht_tm_unit *u = &tm->units[tm->nunits];
	memset(u, 0, sizeof *u);
	u->doc = doc ? ht_xstrdup(doc) : NULL;
	u->id = id ? ht_xstrdup(id) : NULL;
	u->confidence = confidence;
	return tm->nunits++;
}

void ht_tm_set_seg(ht_tm *tm, size_t unit, size_t lang, const char *text, size_t len)
{
	if (unit >= tm->nunits || lang >= tm->nlangs)
		return;
	ht_tm_unit *u = &tm->units[unit];
	if (lang >= u->nsegs) {
		u->segs = ht_xrealloc(u->segs, tm->nlangs * sizeof *u->segs);
		u->lens = ht_xrealloc(u->lens, tm->nlangs * sizeof *u->lens);
		for (size_t i = u->nsegs; i < tm->nlangs; i++) {
			u->segs[i] = NULL;
			u->lens[i] = 0;
		}
		u->nsegs = tm->nlangs;
	}
	free(u->segs[lang]);
	u->segs[lang] = text ? ht_xstrndup(text, len) : NULL;
	u->lens[lang] = text ? len : 0;
}

size_t ht_tm_unit_count(const ht_tm *tm) { return tm->nunits; }

const char *ht_tm_seg(const ht_tm *tm, size_t unit, size_t lang, size_t *len)
{
	if (unit >= tm->nunits || lang >= tm->units[unit].nsegs || !tm->units[unit].segs[lang]) {
		if (len)
			*len = 0;
		return NULL;
	}
	if (len)
		*len = tm->units[unit].lens[lang];
	return tm->units[unit].segs[lang];
}

double ht_tm_confidence(const ht_tm *tm, size_t unit)
{
	return unit < tm->nunits ? tm->units[unit].confidence : -1.0;
}
const char *ht_tm_doc(const ht_tm *tm, size_t unit) { return unit < tm->nunits ? tm->units[unit].doc : NULL; }
const char *ht_tm_unit_id(const ht_tm *tm, size_t unit) { return unit < tm->nunits ? tm->units[unit].id : NULL; }

/* --------------------------------------------------------------- TSV reader */

/* Parse a confidence column; empty is unknown (-1). */
static int parse_confidence(const char *s, size_t len, double *out)
{
	if (len == 0) {
		*out = -1.0;
		return 1;
	}
	char tmp[64];
	if (len >= sizeof tmp)
		return 0;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	char *end;
	errno = 0;
	double v = strtod(tmp, &end);
	if (end == tmp || *end || errno || !isfinite(v))
		return 0;
	*out = v;
	return 1;
}

ht_status ht_tm_read_tsv(const char *path, const char *from, const char *to, ht_tm **out,
			 ht_error *err)
{
	*out = NULL;
	ht_buf text = HT_BUF_INIT;
	ht_status st = ht_text_read(path, &text, NULL, err);
	if (st == HT_OK)
		st = ht_tm_parse_tsv(path, text.s, text.len, from, to, out, err);
	ht_buf_release(&text);
	return st;
}

ht_status ht_tm_parse_tsv(const char *name, const char *text, size_t text_len, const char *from,
			  const char *to, ht_tm **out, ht_error *err)
{
	*out = NULL;
	const char *path = name ? name : "-";
	/* private-use tags when the caller does not know the languages */
	from = from && *from ? from : "qaa";
	to = to && *to ? to : "qab";
	if (same_primary(from, to))
		return ht_error_set(err, HT_ERR_USAGE, "%s: source and target language are both '%s'",
				    path, from);
	ht_status st = HT_OK;
	ht_tm *tm = ht_tm_new(from);
	size_t src = 0, tgt = ht_tm_add_lang(tm, to);
	const char *doc = ht_path_base(path);
	size_t lineno = 0;
	const char *text_end = text + text_len;
	for (const char *line = text; line < text_end;) {
		const char *nl = memchr(line, '\n', (size_t)(text_end - line));
		size_t len = nl ? (size_t)(nl - line) : (size_t)(text_end - line);
		lineno++;
		if (len > 0) {
			const char *tab = memchr(line, '\t', len);
			if (!tab) {
				st = ht_error_set(err, HT_ERR_DATA,
						  "%s:%zu: no tab between source and target", path, lineno);
				break;
			}
			const char *t = tab + 1, *end = line + len;
			const char *tab2 = memchr(t, '\t', (size_t)(end - t));
			size_t tlen = (size_t)((tab2 ? tab2 : end) - t);
			double conf = -1.0;
			if (tab2) {
				const char *c = tab2 + 1;
				const char *ctab = memchr(c, '\t', (size_t)(end - c));
				size_t clen = (size_t)((ctab ? ctab : end) - c);
				if (!parse_confidence(c, clen, &conf)) {
					st = ht_error_set(err, HT_ERR_DATA,
							  "%s:%zu: the third column is not a confidence: '%.*s'",
							  path, lineno, (int)(clen > 40 ? 40 : clen), c);
					break;
				}
			}
			char id[32];
			snprintf(id, sizeof id, "%zu", lineno);
			size_t u = ht_tm_add_unit(tm, doc, id, conf);
			if (tab > line)
				ht_tm_set_seg(tm, u, src, line, (size_t)(tab - line));
			if (tlen > 0)
				ht_tm_set_seg(tm, u, tgt, t, tlen);
		}
		if (!nl)
			break;
		line = nl + 1;
	}
	if (st != HT_OK) {
		ht_tm_free(tm);
		return st;
	}
	*out = tm;
	return HT_OK;
}

/* --------------------------------------------------------------- XML output */

static int xml_char_ok(int32_t cp)
{
	if (cp < 0x20)
		return cp == 0x09 || cp == 0x0A || cp == 0x0D;
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0;
	return cp != 0xFFFE && cp != 0xFFFF && cp <= 0x10FFFF;
}

void ht_xml_clean(const char *s, size_t len, ht_buf *out, size_t *dropped)
{
	size_t i = 0;
	while (i < len) {
		size_t ok = ht_utf8_valid_prefix(s + i, len - i);
		/* copy the valid run, leaving out the characters XML forbids */
		size_t end = i + ok, start = i;
		while (i < end) {
			size_t at = i;
			int32_t cp = ht_utf8_next(s, end, &i);
			if (!xml_char_ok(cp)) {
				ht_buf_add(out, s + start, at - start);
				start = i;
				if (dropped)
					++*dropped;
			}
		}
		ht_buf_add(out, s + start, end - start);
		if (i < len) { /* an invalid byte */
			ht_buf_adds(out, "\xEF\xBF\xBD");
			if (dropped)
				++*dropped;
			i++;
		}
	}
}

static void catch_libxml_error(void *ctx, xmlErrorPtr e)
{
	((ht_xml_out *)ctx)->libxml_errors++;
}

ht_status ht_xml_out_open(ht_xml_out *o, FILE *fp, int indent, const char *what, ht_error *err)
{
	memset(o, 0, sizeof *o);
	o->fp = fp;
	o->saved_handler = xmlStructuredError;
	o->saved_ctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(o, catch_libxml_error);
	xmlOutputBufferPtr ob = xmlOutputBufferCreateFile(fp, NULL);
	if (ob && !(o->w = xmlNewTextWriter(ob))) /* the writer owns ob */
		xmlOutputBufferClose(ob);
	if (!o->w) {
		xmlSetStructuredErrorFunc(o->saved_ctx, o->saved_handler);
		return ht_error_set(err, HT_ERR_IO, "%s: cannot start the XML writer", what);
	}
	if (indent) {
		xmlTextWriterSetIndent(o->w, 1);
		xmlTextWriterSetIndentString(o->w, BAD_CAST "  ");
	}
	return HT_OK;
}

ht_status ht_xml_out_close(ht_xml_out *o, int failed, const char *what, ht_error *err)
{
	if (!failed && xmlTextWriterEndDocument(o->w) < 0)
		failed = 1;
	xmlFreeTextWriter(o->w); /* flushes into fp */
	o->w = NULL;
	xmlSetStructuredErrorFunc(o->saved_ctx, o->saved_handler);
	if (failed || o->libxml_errors || fflush(o->fp) != 0 || ferror(o->fp))
		return ht_error_set(err, HT_ERR_IO, "%s: write error", what);
	return HT_OK;
}

int ht_xml_element(xmlTextWriterPtr w, const char *name, const char *text, size_t len,
		   size_t *dropped)
{
	ht_buf b = HT_BUF_INIT;
	ht_xml_clean(text, len, &b, dropped);
	int rc = xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST b.s);
	ht_buf_release(&b);
	return rc;
}

int ht_xml_attribute(xmlTextWriterPtr w, const char *name, const char *text, size_t *dropped)
{
	ht_buf b = HT_BUF_INIT;
	ht_xml_clean(text, strlen(text), &b, dropped);
	int rc = xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST b.s);
	ht_buf_release(&b);
	return rc;
}

/* --------------------------------------------------------------- TMX writer */

static int valid_segtype(const char *s)
{
	return s && (strcmp(s, "sentence") == 0 || strcmp(s, "paragraph") == 0 ||
		     strcmp(s, "block") == 0 || strcmp(s, "phrase") == 0);
}

static int unit_has_seg(const ht_tm_unit *u)
{
	for (size_t i = 0; i < u->nsegs; i++)
		if (u->segs[i])
			return 1;
	return 0;
}

static int write_prop(xmlTextWriterPtr w, const char *type, const char *value, size_t *dropped)
{
	if (xmlTextWriterStartElement(w, BAD_CAST "prop") < 0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST type) < 0)
		return -1;
	ht_buf b = HT_BUF_INIT;
	ht_xml_clean(value, strlen(value), &b, dropped);
	int rc = xmlTextWriterWriteString(w, BAD_CAST b.s);
	ht_buf_release(&b);
	if (rc < 0)
		return -1;
	return xmlTextWriterEndElement(w);
}

static int write_header(xmlTextWriterPtr w, const ht_tm *tm, const char *segtype)
{
	if (xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElement(w, BAD_CAST "tmx") < 0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "version", BAD_CAST "1.4") < 0 ||
	    xmlTextWriterStartElement(w, BAD_CAST "header") < 0)
		return -1;
	const char *attrs[][2] = {
		{"creationtool", "hutong"}, {"creationtoolversion", ht_version()},
		{"segtype", segtype},       {"o-tmf", "hutong"},
		{"adminlang", "en"},        {"srclang", tm->langs[0]},
		{"datatype", "plaintext"},
	};
	for (size_t i = 0; i < sizeof attrs / sizeof *attrs; i++)
		if (xmlTextWriterWriteAttribute(w, BAD_CAST attrs[i][0], BAD_CAST attrs[i][1]) < 0)
			return -1;
	if (xmlTextWriterEndElement(w) < 0)
		return -1;
	return xmlTextWriterStartElement(w, BAD_CAST "body");
}

static int write_unit(xmlTextWriterPtr w, const ht_tm *tm, const ht_tm_unit *u, size_t *dropped)
{
	if (xmlTextWriterStartElement(w, BAD_CAST "tu") < 0)
		return -1;
	if (u->confidence >= 0) {
		char conf[32];
		snprintf(conf, sizeof conf, "%.3f", u->confidence);
		if (write_prop(w, "x-confidence", conf, dropped) < 0)
			return -1;
	}
	if (u->doc && write_prop(w, "x-doc", u->doc, dropped) < 0)
		return -1;
	if (u->id && write_prop(w, "x-unit", u->id, dropped) < 0)
		return -1;
	/* language index order: the source (index 0) comes first */
	for (size_t l = 0; l < u->nsegs; l++) {
		if (!u->segs[l])
			continue;
		if (xmlTextWriterStartElement(w, BAD_CAST "tuv") < 0 ||
		    xmlTextWriterWriteAttribute(w, BAD_CAST "xml:lang", BAD_CAST tm->langs[l]) < 0 ||
		    ht_xml_element(w, "seg", u->segs[l], u->lens[l], dropped) < 0 ||
		    xmlTextWriterEndElement(w) < 0)
			return -1;
	}
	return xmlTextWriterEndElement(w);
}

ht_status ht_tm_write_tmx(const ht_tm *tm, FILE *fp, const char *segtype, size_t *dropped,
			  ht_error *err)
{
	size_t n_dropped = 0;
	if (dropped)
		*dropped = 0;
	if (!valid_segtype(segtype))
		return ht_error_set(err, HT_ERR_USAGE,
				    "TMX segtype must be sentence, paragraph, block or phrase, not '%s'",
				    segtype ? segtype : "(null)");
	ht_xml_out out;
	ht_status st = ht_xml_out_open(&out, fp, 1, "TMX", err);
	if (st != HT_OK)
		return st;
	xmlTextWriterPtr w = out.w;
	int failed = write_header(w, tm, segtype) < 0;
	for (size_t i = 0; !failed && i < tm->nunits; i++)
		if (unit_has_seg(&tm->units[i]))
			failed = write_unit(w, tm, &tm->units[i], &n_dropped) < 0;
	st = ht_xml_out_close(&out, failed, "TMX", err);
	if (dropped)
		*dropped = n_dropped;
	return st;
}

/* --------------------------------------------------------------- TMX reader */

typedef struct tmx_reader {
	const char *path;
	ht_error *err;
	int has_error;       /* the first XML error is kept */
	char srclang[64];
	ht_tm *tm;
} tmx_reader;

static void on_xml_error(void *ctx, xmlErrorPtr e)
{
	tmx_reader *rd = ctx;
	if (rd->has_error || !e || e->level < XML_ERR_ERROR)
		return;
	rd->has_error = 1;
	char msg[512];
	snprintf(msg, sizeof msg, "%s", e->message ? e->message : "XML error");
	size_t n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	ht_error_set(rd->err, HT_ERR_DATA, "%s:%d: %s", rd->path, e->line, msg);
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

static void seg_text(const xmlNode *n, ht_buf *out)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				ht_buf_adds(out, (const char *)c->content);
		} else if (c->type == XML_ELEMENT_NODE && !is_inline_code(c)) {
			seg_text(c, out); /* hi, and unknown elements: keep their text */
		} else if (c->type == XML_ENTITY_REF_NODE) {
			/* An internal entity of plain text is text of the document.  One
			 * holding markup or other references is dropped rather than
			 * expanded (no "billion laughs"); external ones are never fetched. */
			xmlEntityPtr e = xmlGetDocEntity(c->doc, c->name);
			if (e && e->etype == XML_INTERNAL_GENERAL_ENTITY && e->content &&
			    !strpbrk((const char *)e->content, "&<"))
				ht_buf_adds(out, (const char *)e->content);
		}
	}
}

static char *node_text(const xmlNode *n)
{
	xmlChar *s = xmlNodeGetContent(n);
	char *r = ht_xstrdup(s ? (const char *)s : "");
	xmlFree(s);
	return r;
}

static char *tuv_lang(xmlNode *tuv)
{
	xmlChar *l = xmlGetNsProp(tuv, BAD_CAST "lang", XML_XML_NAMESPACE);
	if (!l)
		l = xmlGetNoNsProp(tuv, BAD_CAST "lang");
	if (!l)
		return NULL;
	char *r = ht_xstrdup((const char *)l);
	xmlFree(l);
	return r;
}

static ht_status read_tu(tmx_reader *rd, xmlNode *tu)
{
	char *doc = NULL, *id = NULL;
	double conf = -1.0;
	for (xmlNode *c = tu->children; c; c = c->next) {
		if (!is_name(c, "prop"))
			continue;
		xmlChar *type = xmlGetNoNsProp(c, BAD_CAST "type");
		if (type) {
			char *v = node_text(c);
			if (strcmp((char *)type, "x-doc") == 0 && !doc)
				doc = v, v = NULL;
			else if (strcmp((char *)type, "x-unit") == 0 && !id)
				id = v, v = NULL;
			else if (strcmp((char *)type, "x-confidence") == 0 &&
				 !parse_confidence(v, strlen(v), &conf))
				conf = -1.0;
			free(v);
			xmlFree(type);
		}
	}
	if (!id) {
		xmlChar *tuid = xmlGetNoNsProp(tu, BAD_CAST "tuid");
		if (tuid)
			id = ht_xstrdup((const char *)tuid);
		xmlFree(tuid);
	}
	ht_status st = HT_OK;
	size_t unit = (size_t)-1;
	ht_buf text = HT_BUF_INIT;
	for (xmlNode *c = tu->children; c && st == HT_OK; c = c->next) {
		if (!is_name(c, "tuv"))
			continue;
		char *lang = tuv_lang(c);
		if (!lang || !*lang) {
			st = ht_error_set(rd->err, HT_ERR_DATA, "%s:%ld: <tuv> without xml:lang",
					  rd->path, xmlGetLineNo(c));
			free(lang);
			break;
		}
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
				ht_buf_reset(&text);
				seg_text(seg, &text);
				ht_tm_set_seg(rd->tm, unit, l, text.s, text.len);
			}
		}
		free(lang);
	}
	ht_buf_release(&text);
	free(doc);
	free(id);
	return st;
}

static void read_header(tmx_reader *rd, xmlTextReaderPtr r)
{
	xmlChar *s = xmlTextReaderGetAttribute(r, BAD_CAST "srclang");
	if (s && strcmp((char *)s, "*all*") != 0 && *s)
		snprintf(rd->srclang, sizeof rd->srclang, "%s", (char *)s);
	xmlFree(s);
}

static ht_status read_tmx_stream(tmx_reader *rd, xmlTextReaderPtr r)
{
	int ret = xmlTextReaderRead(r);
	while (ret == 1) {
		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT) {
			const char *name = (const char *)xmlTextReaderConstLocalName(r);
			if (xmlTextReaderDepth(r) == 0 && strcmp(name, "tmx") != 0)
				return ht_error_set(rd->err, HT_ERR_DATA,
						    "%s:%ld: not a TMX file (root element <%s>)", rd->path,
						    xmlGetLineNo(xmlTextReaderCurrentNode(r)), name);
			if (strcmp(name, "header") == 0) {
				read_header(rd, r);
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

/* No XML_PARSE_NOENT, no DTD loading: entities stay unexpanded, nothing is
 * fetched.  XML_PARSE_HUGE lifts the 10 MB limit on one text node, so that a
 * paragraph-long segment written by hutong reads back. */
#define TMX_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_HUGE)

static ht_status read_tmx(const char *path, xmlTextReaderPtr r, ht_tm **out, ht_error *err);

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
	xmlTextReaderPtr r = xmlReaderForFd(fileno(fp), path, NULL, TMX_PARSE_OPTIONS);
	ht_status st = read_tmx(path, r, out, err);
	fclose(fp);
	return st;
}

ht_status ht_tm_parse_tmx(const char *name, const char *data, size_t len, ht_tm **out, ht_error *err)
{
	*out = NULL;
	if (len > INT_MAX)
		return ht_error_set(err, HT_ERR_DATA, "%s: a TMX of more than 2 GB in memory", name);
	xmlTextReaderPtr r = xmlReaderForMemory(data, (int)len, name, NULL, TMX_PARSE_OPTIONS);
	return read_tmx(name, r, out, err);
}

/* Read the TMX that r (NULL when it could not be made) reads, and free r. */
static ht_status read_tmx(const char *path, xmlTextReaderPtr r, ht_tm **out, ht_error *err)
{
	if (!r)
		return ht_error_set(err, HT_ERR_IO, "%s: cannot start the XML reader", path);
	tmx_reader rd = {.path = path, .err = err};
	xmlTextReaderSetStructuredErrorHandler(r, on_xml_error, &rd);
	ht_status st = read_tmx_stream(&rd, r);
	xmlFreeTextReader(r);
	if (st == HT_OK && !rd.tm)
		rd.tm = ht_tm_new(rd.srclang[0] ? rd.srclang : "und");
	if (st != HT_OK) {
		ht_tm_free(rd.tm);
		return st;
	}
	*out = rd.tm;
	return HT_OK;
}
