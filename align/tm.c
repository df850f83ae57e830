/* Translation memories: storage, the TSV reader, the TMX 1.4 writer and reader. */
#include "align/tm-internal.h"

#include <ctype.h>
#include <errno.h>
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
		free(u->segs[i].text);
	free(u->segs);
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
	free(tm->lang_slots);
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

/* ---- languages: a hash of primary subtags (a TMX may hold thousands) ---- */

static uint64_t primary_hash(const char *tag)
{
	uint64_t h = HT_HASH_SEED;
	for (size_t i = 0, n = primary_len(tag); i < n; i++) {
		char c = (char)tolower((unsigned char)tag[i]);
		h = ht_hash_more(h, &c, 1);
	}
	return h;
}

/* The slot of `lang` in the open-addressing table: holds its index + 1, or 0. */
static size_t lang_slot(const ht_tm *tm, const char *lang)
{
	size_t mask = tm->nslots - 1, i = (size_t)primary_hash(lang) & mask;
	while (tm->lang_slots[i] && !same_primary(tm->langs[tm->lang_slots[i] - 1], lang))
		i = (i + 1) & mask;
	return i;
}

static void rehash_langs(ht_tm *tm)
{
	free(tm->lang_slots);
	tm->nslots = tm->nslots ? tm->nslots * 2 : 16;
	tm->lang_slots = ht_xcalloc(tm->nslots, sizeof *tm->lang_slots);
	for (size_t l = 0; l < tm->nlangs; l++)
		tm->lang_slots[lang_slot(tm, tm->langs[l])] = l + 1;
}

int ht_tm_lang_index(const ht_tm *tm, const char *lang)
{
	if (!lang || !tm->nslots)
		return -1;
	size_t k = tm->lang_slots[lang_slot(tm, lang)];
	return k ? (int)(k - 1) : -1;
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
	tm->langs[tm->nlangs++] = tag;
	if (2 * tm->nlangs > tm->nslots)
		rehash_langs(tm);
	else
		tm->lang_slots[lang_slot(tm, tag)] = tm->nlangs;
	return tm->nlangs - 1;
}

size_t ht_tm_lang_count(const ht_tm *tm) { return tm->nlangs; }
const char *ht_tm_lang(const ht_tm *tm, size_t i) { return i < tm->nlangs ? tm->langs[i] : NULL; }

/* ---- units: each holds only the segments it has, sorted by language ---- */

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

/* The place of language `lang` among u's segments (where it is or would go). */
static size_t seg_place(const ht_tm_unit *u, size_t lang)
{
	size_t lo = 0, hi = u->nsegs;
	if (hi && u->segs[hi - 1].lang < lang) /* the usual case: languages come in order */
		return hi;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (u->segs[mid].lang < lang)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void ht_tm_set_seg(ht_tm *tm, size_t unit, size_t lang, const char *text, size_t len)
{
	if (unit >= tm->nunits || lang >= tm->nlangs)
		return;
	ht_tm_unit *u = &tm->units[unit];
	size_t k = seg_place(u, lang);
	int present = k < u->nsegs && u->segs[k].lang == lang;
	if (present) {
		free(u->segs[k].text);
		if (!text) {
			memmove(u->segs + k, u->segs + k + 1, (u->nsegs - k - 1) * sizeof *u->segs);
			u->nsegs--;
			return;
		}
	} else {
		if (!text)
			return;
		if (u->nsegs == u->segs_cap) { /* most units have two segments */
			u->segs_cap = u->segs_cap ? 2 * u->segs_cap : 2;
			u->segs = ht_xreallocarray(u->segs, u->segs_cap, sizeof *u->segs);
		}
		memmove(u->segs + k + 1, u->segs + k, (u->nsegs - k) * sizeof *u->segs);
		u->nsegs++;
	}
	u->segs[k] = (ht_tm_segment){lang, ht_xstrndup(text, len), len};
}

size_t ht_tm_unit_count(const ht_tm *tm) { return tm->nunits; }

const char *ht_tm_seg(const ht_tm *tm, size_t unit, size_t lang, size_t *len)
{
	const ht_tm_unit *u = unit < tm->nunits ? &tm->units[unit] : NULL;
	size_t k = u ? seg_place(u, lang) : 0;
	if (!u || k >= u->nsegs || u->segs[k].lang != lang) {
		if (len)
			*len = 0;
		return NULL;
	}
	if (len)
		*len = u->segs[k].len;
	return u->segs[k].text;
}

double ht_tm_confidence(const ht_tm *tm, size_t unit)
{
	return unit < tm->nunits ? tm->units[unit].confidence : -1.0;
}
const char *ht_tm_doc(const ht_tm *tm, size_t unit) { return unit < tm->nunits ? tm->units[unit].doc : NULL; }
const char *ht_tm_unit_id(const ht_tm *tm, size_t unit) { return unit < tm->nunits ? tm->units[unit].id : NULL; }

/* --------------------------------------------------------------- TSV reader */

/* Parse a confidence column; empty is unknown (-1). */
int ht_tm_parse_confidence(const char *s, size_t len, double *out)
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
				if (!ht_tm_parse_confidence(c, clen, &conf)) {
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

static int unit_has_seg(const ht_tm_unit *u) { return u->nsegs > 0; }

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
	for (size_t k = 0; k < u->nsegs; k++) {
		const ht_tm_segment *g = &u->segs[k];
		if (xmlTextWriterStartElement(w, BAD_CAST "tuv") < 0 ||
		    xmlTextWriterWriteAttribute(w, BAD_CAST "xml:lang", BAD_CAST tm->langs[g->lang]) < 0 ||
		    ht_xml_element(w, "seg", g->text, g->len, dropped) < 0 ||
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

