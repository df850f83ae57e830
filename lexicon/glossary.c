/* Glossaries: storage, and the text formats (OmegaT TSV, RFC 4180 CSV, JSONL). */
#include "lexicon/gloss-internal.h"
#include "lexicon/tb-internal.h"

#include "align/tm-internal.h" /* ht_xml_clean */

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char ht_gloss_suggestion_note[] = "suggestion: dictionary-based, not attested in aligned text";

static char *dup_or_null(const char *s) { return s ? ht_xstrdup(s) : NULL; }

/* A BCP 47 tag: CAT tools and TBX's xml:lang reject "zh_CN". */
static char *dup_lang(const char *lang)
{
	char *t = ht_xstrdup(lang && *lang ? lang : "und");
	for (char *p = t; *p; p++)
		if (*p == '_')
			*p = '-';
	return t;
}

ht_glossary *ht_glossary_new(const char *from, const char *to)
{
	ht_glossary *g = ht_xcalloc(1, sizeof *g);
	g->from = dup_lang(from);
	g->to = dup_lang(to);
	return g;
}

void ht_glossary_free(ht_glossary *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->n; i++) {
		ht_gloss_entry *e = &g->entries[i];
		free((char *)e->source);
		free((char *)e->target);
		free((char *)e->example_doc);
		free((char *)e->example_unit);
		free((char *)e->alt);
	}
	free(g->entries);
	free(g->from);
	free(g->to);
	free(g);
}

void ht_glossary_add(ht_glossary *g, const ht_gloss_entry *e)
{
	HT_GROW(g->entries, g->n + 1, g->cap);
	ht_gloss_entry *c = &g->entries[g->n++];
	*c = *e;
	c->source = ht_xstrdup(e->source ? e->source : "");
	c->target = ht_xstrdup(e->target ? e->target : "");
	c->example_doc = dup_or_null(e->example_doc);
	c->example_unit = dup_or_null(e->example_unit);
	c->alt = dup_or_null(e->alt);
}

size_t ht_glossary_count(const ht_glossary *g) { return g->n; }
const ht_gloss_entry *ht_glossary_entry(const ht_glossary *g, size_t i) { return i < g->n ? &g->entries[i] : NULL; }
const char *ht_glossary_from(const ht_glossary *g) { return g->from; }
const char *ht_glossary_to(const ht_glossary *g) { return g->to; }

int ht_gloss_format_parse(const char *name)
{
	static const struct {
		const char *name;
		ht_gloss_format f;
	} names[] = {{"tsv", HT_GLOSS_TSV}, {"csv", HT_GLOSS_CSV}, {"tbx", HT_GLOSS_TBX},
		     {"tbx2", HT_GLOSS_TBX}, {"tbx3", HT_GLOSS_TBX3}, {"jsonl", HT_GLOSS_JSONL}};
	for (size_t i = 0; name && i < sizeof names / sizeof *names; i++)
		if (strcmp(name, names[i].name) == 0)
			return (int)names[i].f;
	return -1;
}

const ht_gloss_entry **ht_gloss_ordered(const ht_glossary *g)
{
	const ht_gloss_entry **v = ht_xmalloc((g->n ? g->n : 1) * sizeof *v);
	size_t k = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < g->n; i++)
			if ((g->entries[i].suggestion != 0) == pass)
				v[k++] = &g->entries[i];
	return v;
}

/* %.3f, or "n/a" for a value that is not a number */
static void add_number(ht_buf *out, double v)
{
	if (isfinite(v))
		ht_buf_addf(out, "%.3f", v);
	else
		ht_buf_adds(out, "n/a");
}

void ht_gloss_stats_note(const ht_gloss_entry *e, ht_buf *out)
{
	ht_buf_addf(out, "frequency %zu; Dice ", e->freq);
	add_number(out, e->score);
	ht_buf_adds(out, "; confidence ");
	add_number(out, e->confidence);
}

void ht_gloss_example(const ht_gloss_entry *e, ht_buf *out)
{
	if (e->example_doc)
		ht_buf_adds(out, e->example_doc);
	if (e->example_unit) {
		if (e->example_doc)
			ht_buf_addc(out, ' ');
		ht_buf_adds(out, e->example_unit);
	}
}

/* ------------------------------------------------------------------- TSV */

/* Text for a CAT tool: without the control characters that XML forbids too. */
static const char *clean(const char *s, ht_buf *tmp)
{
	ht_buf_reset(tmp);
	ht_xml_clean(s, strlen(s), tmp, NULL);
	return tmp->s;
}

/* A TSV field cannot hold a tab or a line break: they become spaces. */
static void tsv_field(FILE *fp, const char *s)
{
	ht_buf tmp = HT_BUF_INIT;
	for (s = clean(s, &tmp); *s; s++)
		putc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, fp);
	ht_buf_release(&tmp);
}

static void tsv_comment(const ht_gloss_entry *e, ht_buf *c)
{
	ht_buf_reset(c);
	if (e->suggestion)
		ht_buf_addf(c, "%s; ", ht_gloss_suggestion_note);
	if (e->in_termbase)
		ht_buf_adds(c, e->freq ? "termbase, attested; " : "termbase; ");
	if (e->alt)
		ht_buf_addf(c, "statistical equivalent: %s; ", e->alt);
	ht_gloss_stats_note(e, c);
	if (e->example_doc || e->example_unit) {
		ht_buf_adds(c, "; e.g. ");
		ht_gloss_example(e, c);
	}
}

static void write_tsv(const ht_glossary *g, FILE *fp)
{
	const ht_gloss_entry **v = ht_gloss_ordered(g);
	ht_buf c = HT_BUF_INIT;
	for (size_t i = 0; i < g->n; i++) {
		tsv_field(fp, v[i]->source);
		putc('\t', fp);
		tsv_field(fp, v[i]->target);
		putc('\t', fp);
		tsv_comment(v[i], &c);
		tsv_field(fp, c.s);
		putc('\n', fp);
	}
	ht_buf_release(&c);
	free(v);
}

/* ------------------------------------------------------------------- CSV */

static void csv_field(ht_buf *b, const char *s, int last)
{
	ht_csv_cell(b, s);
	ht_buf_adds(b, last ? "\r\n" : ",");
}

static const char *entry_status(const ht_gloss_entry *e)
{
	if (e->suggestion)
		return "suggestion";
	if (e->in_termbase)
		return e->freq ? "termbase, attested" : "termbase";
	return "attested";
}

static void write_csv(const ht_glossary *g, unsigned flags, FILE *fp)
{
	ht_buf b = HT_BUF_INIT, num = HT_BUF_INIT;
	if (flags & HT_WRITE_BOM)
		ht_buf_adds(&b, "\xEF\xBB\xBF");
	csv_field(&b, g->from, 0);
	csv_field(&b, g->to, 0);
	ht_buf_adds(&b, "frequency,dice,confidence,example_doc,example_unit,status,statistical\r\n");
	fwrite(b.s, 1, b.len, fp);
	const ht_gloss_entry **v = ht_gloss_ordered(g);
	for (size_t i = 0; i < g->n; i++) {
		const ht_gloss_entry *e = v[i];
		ht_buf_reset(&b);
		csv_field(&b, e->source, 0);
		csv_field(&b, e->target, 0);
		ht_buf_addf(&b, "%zu,", e->freq);
		ht_buf_reset(&num);
		if (isfinite(e->score))
			add_number(&num, e->score);
		csv_field(&b, num.s, 0);
		ht_buf_reset(&num);
		if (isfinite(e->confidence))
			add_number(&num, e->confidence);
		csv_field(&b, num.s, 0);
		csv_field(&b, e->example_doc ? e->example_doc : "", 0);
		csv_field(&b, e->example_unit ? e->example_unit : "", 0);
		csv_field(&b, entry_status(e), 0);
		csv_field(&b, e->alt ? e->alt : "", 1);
		fwrite(b.s, 1, b.len, fp);
	}
	ht_buf_release(&b);
	ht_buf_release(&num);
	free(v);
}

/* ----------------------------------------------------------------- JSONL */

static void json_key_str(ht_buf *b, const char *key, const char *s)
{
	ht_buf_addf(b, ",\"%s\":", key);
	if (s)
		ht_json_add_str(b, s, strlen(s));
	else
		ht_buf_adds(b, "null");
}

static void json_key_num(ht_buf *b, const char *key, double v)
{
	if (isfinite(v))
		ht_buf_addf(b, ",\"%s\":%.6g", key, v);
	else
		ht_buf_addf(b, ",\"%s\":null", key);
}

static void write_jsonl(const ht_glossary *g, FILE *fp)
{
	const ht_gloss_entry **v = ht_gloss_ordered(g);
	ht_buf b = HT_BUF_INIT;
	for (size_t i = 0; i < g->n; i++) {
		const ht_gloss_entry *e = v[i];
		ht_buf_reset(&b);
		ht_buf_adds(&b, "{\"source\":");
		ht_json_add_str(&b, e->source, strlen(e->source));
		json_key_str(&b, "target", e->target);
		json_key_str(&b, "from", g->from);
		json_key_str(&b, "to", g->to);
		ht_buf_addf(&b, ",\"freq\":%zu", e->freq);
		json_key_num(&b, "score", e->score);
		json_key_num(&b, "confidence", e->confidence);
		json_key_str(&b, "example_doc", e->example_doc);
		json_key_str(&b, "example_unit", e->example_unit);
		ht_buf_addf(&b, ",\"suggestion\":%s,\"termbase\":%s", e->suggestion ? "true" : "false",
			    e->in_termbase ? "true" : "false");
		json_key_str(&b, "statistical", e->alt);
		ht_buf_adds(&b, "}\n");
		fwrite(b.s, 1, b.len, fp);
	}
	ht_buf_release(&b);
	free(v);
}

ht_status ht_glossary_write(const ht_glossary *g, ht_gloss_format format, FILE *fp, ht_error *err)
{
	return ht_glossary_write_flags(g, format, 0, fp, err);
}

ht_status ht_glossary_write_flags(const ht_glossary *g, ht_gloss_format format, unsigned flags,
				  FILE *fp, ht_error *err)
{
	switch (format) {
	case HT_GLOSS_TSV:
		write_tsv(g, fp);
		break;
	case HT_GLOSS_CSV:
		write_csv(g, flags, fp);
		break;
	case HT_GLOSS_JSONL:
		write_jsonl(g, fp);
		break;
	case HT_GLOSS_TBX:
		return ht_gloss_write_tbx2(g, fp, err);
	case HT_GLOSS_TBX3:
		return ht_gloss_write_tbx3(g, fp, err);
	default:
		return ht_error_set(err, HT_ERR_USAGE, "unknown glossary format %d", (int)format);
	}
	if (fflush(fp) != 0 || ferror(fp))
		return ht_error_set(err, HT_ERR_IO, "glossary: write error");
	return HT_OK;
}
