/* Glossaries as TBX: v2 (martif, what OmegaT 3.6 reads) and v3 TBX-Basic
 * (ISO 30042:2019, DCA style, valid against TBXcoreStructV03.rng and meeting
 * the TBX-Basic Schematron: only <note> and <admin type="source">, at the
 * conceptEntry level). */
#include "lexicon/gloss-internal.h"

#include <stdlib.h>
#include <string.h>

#include "align/tm-internal.h"

static const char tbx3_ns[] = "urn:iso:std:iso:30042:ed-2";

/* The notes of an entry: the suggestion label, the statistics, the example. */
static int write_notes(xmlTextWriterPtr w, const ht_gloss_entry *e, int v3)
{
	ht_buf b = HT_BUF_INIT;
	int rc = 0;
	if (e->suggestion)
		rc = ht_xml_element(w, "note", ht_gloss_suggestion_note, strlen(ht_gloss_suggestion_note), NULL);
	ht_gloss_stats_note(e, &b);
	if (rc >= 0)
		rc = ht_xml_element(w, "note", b.s, b.len, NULL);
	if (rc >= 0 && (e->example_doc || e->example_unit)) {
		ht_buf_reset(&b);
		if (!v3)
			ht_buf_adds(&b, "example: ");
		ht_gloss_example(e, &b);
		if (v3) { /* TBX-Basic's data category for where a term was found */
			if (xmlTextWriterStartElement(w, BAD_CAST "admin") < 0 ||
			    xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST "source") < 0)
				rc = -1;
			ht_buf c = HT_BUF_INIT;
			ht_xml_clean(b.s, b.len, &c, NULL);
			if (rc >= 0 && (xmlTextWriterWriteString(w, BAD_CAST c.s) < 0 ||
					xmlTextWriterEndElement(w) < 0))
				rc = -1;
			ht_buf_release(&c);
		} else {
			rc = ht_xml_element(w, "note", b.s, b.len, NULL);
		}
	}
	ht_buf_release(&b);
	return rc;
}

/* <langSet xml:lang=L><tig><term>T</term></tig></langSet> (v2) or
 * <langSec xml:lang=L><termSec><term>T</term></termSec></langSec> (v3). */
static int write_lang(xmlTextWriterPtr w, const char *lang, const char *term, int v3)
{
	if (xmlTextWriterStartElement(w, BAD_CAST(v3 ? "langSec" : "langSet")) < 0 ||
	    ht_xml_attribute(w, "xml:lang", lang, NULL) < 0 ||
	    xmlTextWriterStartElement(w, BAD_CAST(v3 ? "termSec" : "tig")) < 0 ||
	    ht_xml_element(w, "term", term, strlen(term), NULL) < 0 ||
	    xmlTextWriterEndElement(w) < 0)
		return -1;
	return xmlTextWriterEndElement(w);
}

static int write_entry(xmlTextWriterPtr w, const ht_glossary *g, const ht_gloss_entry *e, size_t i,
		       int v3)
{
	char id[32];
	snprintf(id, sizeof id, "%s%zu", v3 ? "c" : "t", i + 1);
	if (xmlTextWriterStartElement(w, BAD_CAST(v3 ? "conceptEntry" : "termEntry")) < 0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST id) < 0 ||
	    write_notes(w, e, v3) < 0 || write_lang(w, g->from, e->source, v3) < 0 ||
	    write_lang(w, g->to, e->target, v3) < 0)
		return -1;
	return xmlTextWriterEndElement(w);
}

int ht_tbx_open(xmlTextWriterPtr w, int v3, const char *desc)
{
	int failed = xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0;
	if (!failed && v3)
		failed = xmlTextWriterStartElementNS(w, NULL, BAD_CAST "tbx", BAD_CAST tbx3_ns) < 0 ||
			 xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST "TBX-Basic") < 0 ||
			 xmlTextWriterWriteAttribute(w, BAD_CAST "style", BAD_CAST "dca") < 0;
	else if (!failed)
		failed = xmlTextWriterStartElement(w, BAD_CAST "martif") < 0 ||
			 xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST "TBX") < 0;
	/* the language of the notes and the header */
	failed = failed || xmlTextWriterWriteAttribute(w, BAD_CAST "xml:lang", BAD_CAST "en") < 0 ||
		 xmlTextWriterStartElement(w, BAD_CAST(v3 ? "tbxHeader" : "martifHeader")) < 0 ||
		 xmlTextWriterStartElement(w, BAD_CAST "fileDesc") < 0 ||
		 xmlTextWriterStartElement(w, BAD_CAST "sourceDesc") < 0 ||
		 ht_xml_element(w, "p", desc, strlen(desc), NULL) < 0 || xmlTextWriterEndElement(w) < 0 ||
		 xmlTextWriterEndElement(w) < 0 || xmlTextWriterEndElement(w) < 0 ||
		 xmlTextWriterStartElement(w, BAD_CAST "text") < 0;
	return failed ? -1 : 0;
}

static ht_status write_tbx(const ht_glossary *g, FILE *fp, int v3, ht_error *err)
{
	ht_xml_out out;
	ht_status st = ht_xml_out_open(&out, fp, 1, "TBX", err);
	if (st != HT_OK)
		return st;
	xmlTextWriterPtr w = out.w;
	ht_buf p = HT_BUF_INIT;
	ht_buf_addf(&p, "Bilingual glossary %s-%s made by hutong %s from aligned text", g->from, g->to,
		    ht_version());
	int failed = ht_tbx_open(w, v3, p.s) < 0;
	ht_buf_release(&p);
	/* TBX v3 wants at least one conceptEntry in a <body>; an empty glossary has none */
	if (!failed && (g->n > 0 || !v3)) {
		const ht_gloss_entry **v = ht_gloss_ordered(g);
		failed = xmlTextWriterStartElement(w, BAD_CAST "body") < 0;
		for (size_t i = 0; !failed && i < g->n; i++)
			failed = write_entry(w, g, v[i], i, v3) < 0;
		failed = failed || xmlTextWriterEndElement(w) < 0;
		free(v);
	}
	return ht_xml_out_close(&out, failed, "TBX", err);
}

ht_status ht_gloss_write_tbx2(const ht_glossary *g, FILE *fp, ht_error *err)
{
	return write_tbx(g, fp, 0, err);
}

ht_status ht_gloss_write_tbx3(const ht_glossary *g, FILE *fp, ht_error *err)
{
	return write_tbx(g, fp, 1, err);
}
