/* Termbase writers: TBX v3 (TBX-Basic, DCA style: one conceptEntry per
 * concept, one langSec per language that has a term), TBX v2 (martif), CSV
 * with one column per language, JSONL. */
#include "lexicon/tb-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "align/tm-internal.h"
#include "lexicon/gloss-internal.h"


int ht_tb_format_parse(const char *name)
{
	static const struct {
		const char *name;
		ht_tb_format f;
	} names[] = {{"tbx", HT_TB_TBX3}, {"tbx3", HT_TB_TBX3}, {"csv", HT_TB_CSV},
		     {"tbx2", HT_TB_TBX2}, {"jsonl", HT_TB_JSONL}};
	for (size_t i = 0; name && i < sizeof names / sizeof *names; i++)
		if (strcmp(name, names[i].name) == 0)
			return (int)names[i].f;
	return -1;
}

static const char *origin_name(const ht_tb_term *t)
{
	switch (t->origin) {
	case HT_TB_TERMBASE: return t->attested ? "termbase, attested" : "termbase";
	case HT_TB_DICTIONARY: return "suggestion";
	default: return "attested";
	}
}

/* "attested; frequency 12; Dice 0.850; confidence 0.900" and the alternative. */
static void term_note(const ht_tb_term *t, int pivot, ht_buf *b)
{
	ht_buf_reset(b);
	ht_buf_adds(b, origin_name(t));
	if (t->origin == HT_TB_DICTIONARY)
		ht_buf_adds(b, " (dictionary-based, not attested in aligned text)");
	if (t->freq)
		ht_buf_addf(b, "; frequency %zu", t->freq);
	if (!pivot && isfinite(t->score) && t->score > 0)
		ht_buf_addf(b, "; Dice %.3f", t->score);
	if (!pivot && isfinite(t->confidence))
		ht_buf_addf(b, "; confidence %.3f", t->confidence);
	if (t->alt)
		ht_buf_addf(b, "; statistical equivalent: %s", t->alt);
}

/* ---- TBX ---- */

static int write_text_element(xmlTextWriterPtr w, const char *name, const char *type, const char *text)
{
	ht_buf c = HT_BUF_INIT;
	ht_xml_clean(text, strlen(text), &c, NULL);
	int rc = xmlTextWriterStartElement(w, BAD_CAST name) < 0 ||
			 (type && xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST type) < 0) ||
			 xmlTextWriterWriteString(w, BAD_CAST c.s) < 0 || xmlTextWriterEndElement(w) < 0
		 ? -1
		 : 0;
	ht_buf_release(&c);
	return rc;
}

/* v3: <langSec xml:lang><termSec><term/><note/><admin type="source"/></termSec></langSec>;
 * v2: <langSet xml:lang><tig><term/><note/>...</tig></langSet>. */
static int write_lang(xmlTextWriterPtr w, const char *lang, const ht_tb_term *t, int pivot, int v3,
		      ht_buf *b)
{
	if (xmlTextWriterStartElement(w, BAD_CAST(v3 ? "langSec" : "langSet")) < 0 ||
	    ht_xml_attribute(w, "xml:lang", lang, NULL) < 0 ||
	    xmlTextWriterStartElement(w, BAD_CAST(v3 ? "termSec" : "tig")) < 0 ||
	    ht_xml_element(w, "term", t->term, strlen(t->term), NULL) < 0)
		return -1;
	term_note(t, pivot, b);
	if (write_text_element(w, "note", NULL, b->s) < 0)
		return -1;
	if (t->note && write_text_element(w, "note", NULL, t->note) < 0)
		return -1;
	if (t->example_doc || t->example_unit) {
		ht_buf_reset(b);
		ht_buf_addf(b, "%s%s%s", t->example_doc ? t->example_doc : "",
			    t->example_doc && t->example_unit ? " " : "", t->example_unit ? t->example_unit : "");
		if (write_text_element(w, "admin", "source", b->s) < 0)
			return -1;
	}
	return xmlTextWriterEndElement(w) < 0 || xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

static int write_concept(xmlTextWriterPtr w, const ht_termbase *tb, size_t c, int v3, ht_buf *b)
{
	char id[32];
	snprintf(id, sizeof id, "c%zu", c + 1);
	if (xmlTextWriterStartElement(w, BAD_CAST(v3 ? "conceptEntry" : "termEntry")) < 0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST id) < 0)
		return -1;
	for (size_t l = 0; l < tb->nlangs; l++) {
		const ht_tb_term *t = ht_termbase_term(tb, c, l);
		if (t && write_lang(w, tb->langs[l], t, l == 0, v3, b) < 0)
			return -1;
	}
	return xmlTextWriterEndElement(w);
}

static ht_status write_tbx(const ht_termbase *tb, FILE *fp, int v3, ht_error *err)
{
	ht_xml_out out;
	ht_status st = ht_xml_out_open(&out, fp, 1, "TBX", err);
	if (st != HT_OK)
		return st;
	xmlTextWriterPtr w = out.w;
	ht_buf p = HT_BUF_INIT;
	ht_buf_addf(&p, "Termbase in %zu languages (", tb->nlangs);
	for (size_t l = 0; l < tb->nlangs; l++)
		ht_buf_addf(&p, "%s%s", l ? " " : "", tb->langs[l]);
	ht_buf_addf(&p, "; pivot %s) made by hutong %s", tb->nlangs ? tb->langs[0] : "none", ht_version());
	int failed = ht_tbx_open(w, v3, p.s) < 0;
	ht_buf_release(&p);
	/* TBX v3 wants at least one conceptEntry in a <body> */
	if (!failed && (tb->nconcepts > 0 || !v3)) {
		ht_buf b = HT_BUF_INIT;
		failed = xmlTextWriterStartElement(w, BAD_CAST "body") < 0;
		for (size_t c = 0; !failed && c < tb->nconcepts; c++)
			failed = write_concept(w, tb, c, v3, &b) < 0;
		failed = failed || xmlTextWriterEndElement(w) < 0;
		ht_buf_release(&b);
	}
	return ht_xml_out_close(&out, failed, "TBX", err);
}

/* ---- CSV ---- */

void ht_csv_cell(ht_buf *out, const char *s)
{
	ht_buf c = HT_BUF_INIT;
	ht_xml_clean(s, strlen(s), &c, NULL);
	/* a cell opening with = + - @ (or a tab or CR) is a formula to a spreadsheet */
	int formula = c.len && strchr("=+-@\t\r", c.s[0]) != NULL;
	if (formula || strpbrk(c.s, ",\"\r\n")) {
		ht_buf_addc(out, '"');
		if (formula)
			ht_buf_addc(out, '\'');
		for (const char *p = c.s; *p; p++) {
			if (*p == '"')
				ht_buf_addc(out, '"');
			ht_buf_addc(out, *p);
		}
		ht_buf_addc(out, '"');
	} else
		ht_buf_add(out, c.s, c.len);
	ht_buf_release(&c);
}

/* The concept's status: the pivot term's origin, "attested" when any
 * language is. */
static const ht_tb_term *concept_head(const ht_termbase *tb, size_t c)
{
	for (size_t l = 0; l < tb->nlangs; l++)
		if (ht_termbase_term(tb, c, l))
			return ht_termbase_term(tb, c, l);
	return NULL;
}

static void write_csv(const ht_termbase *tb, unsigned flags, FILE *fp)
{
	ht_buf b = HT_BUF_INIT;
	if (flags & HT_WRITE_BOM)
		ht_buf_adds(&b, "\xEF\xBB\xBF");
	for (size_t l = 0; l < tb->nlangs; l++) {
		ht_csv_cell(&b, tb->langs[l]);
		ht_buf_addc(&b, ',');
	}
	ht_buf_adds(&b, "status,frequency,example\r\n");
	fwrite(b.s, 1, b.len, fp);
	for (size_t c = 0; c < tb->nconcepts; c++) {
		ht_buf_reset(&b);
		for (size_t l = 0; l < tb->nlangs; l++) {
			const ht_tb_term *t = ht_termbase_term(tb, c, l);
			ht_csv_cell(&b, t ? t->term : "");
			ht_buf_addc(&b, ',');
		}
		const ht_tb_term *h = concept_head(tb, c);
		ht_csv_cell(&b, h ? origin_name(h) : "");
		ht_buf_addf(&b, ",%zu,", h ? h->freq : 0);
		if (h && (h->example_doc || h->example_unit)) {
			ht_buf ex = HT_BUF_INIT;
			ht_buf_addf(&ex, "%s%s%s", h->example_doc ? h->example_doc : "",
				    h->example_doc && h->example_unit ? " " : "", h->example_unit ? h->example_unit : "");
			ht_csv_cell(&b, ex.s);
			ht_buf_release(&ex);
		}
		ht_buf_adds(&b, "\r\n");
		fwrite(b.s, 1, b.len, fp);
	}
	ht_buf_release(&b);
}

/* ---- JSONL ---- */

static void json_str_or_null(ht_buf *b, const char *s)
{
	if (s)
		ht_json_add_str(b, s, strlen(s));
	else
		ht_buf_adds(b, "null");
}

static void write_jsonl(const ht_termbase *tb, FILE *fp)
{
	ht_buf b = HT_BUF_INIT;
	for (size_t c = 0; c < tb->nconcepts; c++) {
		ht_buf_reset(&b);
		ht_buf_addf(&b, "{\"id\":\"c%zu\",\"terms\":{", c + 1);
		int first = 1;
		for (size_t l = 0; l < tb->nlangs; l++) {
			const ht_tb_term *t = ht_termbase_term(tb, c, l);
			if (!t)
				continue;
			if (!first)
				ht_buf_addc(&b, ',');
			first = 0;
			ht_json_add_str(&b, tb->langs[l], strlen(tb->langs[l]));
			ht_buf_adds(&b, ":{\"term\":");
			ht_json_add_str(&b, t->term, strlen(t->term));
			ht_buf_addf(&b, ",\"status\":\"%s\",\"freq\":%zu", origin_name(t), t->freq);
			ht_buf_addf(&b, ",\"score\":%.4g,\"confidence\":%.4g",
				    isfinite(t->score) ? t->score : 0, isfinite(t->confidence) ? t->confidence : 0);
			ht_buf_adds(&b, ",\"alt\":");
			json_str_or_null(&b, t->alt);
			ht_buf_adds(&b, ",\"example_doc\":");
			json_str_or_null(&b, t->example_doc);
			ht_buf_adds(&b, ",\"example_unit\":");
			json_str_or_null(&b, t->example_unit);
			ht_buf_addc(&b, '}');
		}
		ht_buf_adds(&b, "}}\n");
		fwrite(b.s, 1, b.len, fp);
	}
	ht_buf_release(&b);
}

ht_status ht_termbase_write(const ht_termbase *tb, ht_tb_format format, unsigned flags, FILE *fp,
			    ht_error *err)
{
	switch (format) {
	case HT_TB_TBX3: return write_tbx(tb, fp, 1, err);
	case HT_TB_TBX2: return write_tbx(tb, fp, 0, err);
	case HT_TB_CSV: write_csv(tb, flags, fp); break;
	case HT_TB_JSONL: write_jsonl(tb, fp); break;
	default: return ht_error_set(err, HT_ERR_USAGE, "unknown termbase format %d", (int)format);
	}
	if (fflush(fp) != 0 || ferror(fp))
		return ht_error_set(err, HT_ERR_IO, "termbase: write error");
	return HT_OK;
}
