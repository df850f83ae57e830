/* The JSON form of a lookup result: what `hutong lookup --format json`
 * prints and the HTTP API sends.  The fields are documented in README.md;
 * marks are [start, end) offsets in Unicode code points of the text. */
#include "store/lookup-internal.h"

#include <string.h>

static void add_str(ht_buf *b, const char *s) { ht_json_add_str(b, s, strlen(s)); }

static void add_key(ht_buf *b, const char *key, int first)
{
	if (!first)
		ht_buf_addc(b, ',');
	add_str(b, key);
	ht_buf_addc(b, ':');
}

static void add_num(ht_buf *b, double v) { ht_buf_addf(b, "%.3f", v); }

static void add_text(ht_buf *b, const ht_lookup_text *t)
{
	ht_buf_addc(b, '{');
	add_key(b, "lang", 1);
	add_str(b, t->lang);
	add_key(b, "text", 0);
	ht_json_add_str(b, t->text, t->len);
	add_key(b, "marks", 0);
	ht_buf_addc(b, '[');
	for (size_t i = 0; i < t->nmarks; i++) {
		size_t s = ht_utf8_count(t->text, t->marks[i].start);
		size_t e = s + ht_utf8_count(t->text + t->marks[i].start, t->marks[i].len);
		ht_buf_addf(b, "%s[%zu,%zu]", i ? "," : "", s, e);
	}
	ht_buf_adds(b, "],\"confidence\":");
	if (t->confidence >= 0)
		add_num(b, t->confidence);
	else
		ht_buf_adds(b, "null");
	ht_buf_addc(b, '}');
}

static void add_entry(ht_buf *b, const ht_lookup_entry *e)
{
	ht_buf_addc(b, '{');
	add_key(b, "match", 1);
	add_str(b, ht_match_kind_name(e->match));
	add_key(b, "similarity", 0);
	add_num(b, e->similarity);
	add_key(b, "matched", 0);
	ht_buf_adds(b, "{\"lang\":");
	add_str(b, e->matched_lang);
	ht_buf_adds(b, ",\"term\":");
	add_str(b, e->matched);
	ht_buf_adds(b, "},\"terms\":[");
	for (size_t k = 0; k < e->nterms; k++) {
		const ht_lookup_term *t = &e->terms[k];
		ht_buf_adds(b, k ? ",{" : "{");
		add_key(b, "lang", 1);
		add_str(b, t->lang);
		add_key(b, "term", 0);
		add_str(b, t->term);
		if (k) {
			add_key(b, "freq", 0);
			ht_buf_addf(b, "%zu", t->freq);
			add_key(b, "dice", 0);
			add_num(b, t->score);
			add_key(b, "suggestion", 0);
			ht_buf_adds(b, t->suggestion ? "true" : "false");
		}
		ht_buf_addc(b, '}');
	}
	ht_buf_adds(b, "]}");
}

static void add_hit(ht_buf *b, const ht_lookup_hit *h)
{
	ht_buf_addc(b, '{');
	add_key(b, "doc", 1);
	add_str(b, h->doc ? h->doc : "");
	add_key(b, "unit", 0);
	add_str(b, h->unit ? h->unit : "");
	add_key(b, "source", 0);
	if (h->source)
		add_str(b, h->source);
	else
		ht_buf_adds(b, "null");
	add_key(b, "confidence", 0);
	if (h->confidence >= 0)
		add_num(b, h->confidence);
	else
		ht_buf_adds(b, "null");
	add_key(b, "text", 0);
	add_text(b, &h->text);
	add_key(b, "aligned", 0);
	ht_buf_addc(b, '[');
	for (size_t i = 0; i < h->naligned; i++) {
		if (i)
			ht_buf_addc(b, ',');
		add_text(b, &h->aligned[i]);
	}
	ht_buf_adds(b, "]}");
}

char *ht_lookup_result_json(const ht_lookup_result *r, size_t *len)
{
	ht_buf b = HT_BUF_INIT;
	ht_buf_addc(&b, '{');
	add_key(&b, "query", 1);
	add_str(&b, r->query);
	add_key(&b, "lang", 0);
	add_str(&b, r->lang);
	add_key(&b, "match", 0);
	add_str(&b, ht_match_kind_name(r->match));
	add_key(&b, "effective", 0);
	add_str(&b, r->effective);
	add_key(&b, "similarity", 0);
	add_num(&b, r->similarity);
	add_key(&b, "entries", 0);
	ht_buf_addc(&b, '[');
	for (size_t i = 0; i < r->nentries; i++) {
		if (i)
			ht_buf_addc(&b, ',');
		add_entry(&b, &r->entries[i]);
	}
	ht_buf_adds(&b, "],\"near\":[");
	for (size_t i = 0; i < r->nnear; i++) {
		ht_buf_adds(&b, i ? ",{" : "{");
		add_key(&b, "lang", 1);
		add_str(&b, r->near[i].lang);
		add_key(&b, "term", 0);
		add_str(&b, r->near[i].term);
		add_key(&b, "similarity", 0);
		add_num(&b, r->near[i].similarity);
		ht_buf_addc(&b, '}');
	}
	ht_buf_addf(&b, "],\"total\":%zu,\"concordance\":[", r->total);
	for (size_t i = 0; i < r->nhits; i++) {
		if (i)
			ht_buf_addc(&b, ',');
		add_hit(&b, &r->hits[i]);
	}
	ht_buf_adds(&b, "]}");
	return ht_buf_detach(&b, len);
}
