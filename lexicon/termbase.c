/* Multilingual termbases (see include/hutong/termbase.h): the concept table,
 * building it through a pivot language, and per-pair glossaries.
 *
 * A termbase is concept-oriented (ISO 30042): one entry per concept, one
 * language section per language.  hutong finds concepts through the pivot
 * (the original's language): every pair pivot -> X is a bilingual glossary,
 * and the entries of all pairs that share a pivot term are one concept.  The
 * pivot term is the key because every pair was paired from it: two pairs
 * that agree on it describe the same concept as far as aligned text can
 * tell.  Concepts keep the termhood order of the pivot terms, taken
 * round-robin over the pairs (each glossary lists its entries best first). */
#include "lexicon/tb-internal.h"

#include <stdlib.h>
#include <string.h>

#include "hutong/bilingual.h"
#include "hutong/dict.h"
#include "lexicon/terms-internal.h"

/* Per language: folded term -> first concept having it. */
struct tb_index {
	ht_strmap keys;
	uint32_t *concept;
	size_t cap;
};

static char *dup_or_null(const char *s) { return s ? ht_xstrdup(s) : NULL; }

static int same_primary(const char *a, const char *b)
{
	size_t na = strcspn(a, "-_"), nb = strcspn(b, "-_");
	if (na != nb)
		return 0;
	for (size_t i = 0; i < na; i++)
		if ((a[i] | 32) != (b[i] | 32))
			return 0;
	return 1;
}

static char *dup_tag(const char *lang)
{
	char *t = ht_xstrdup(lang && *lang ? lang : "und");
	for (char *p = t; *p; p++)
		if (*p == '_')
			*p = '-';
	return t;
}

static ht_tb_term *slot(const ht_termbase *tb, size_t c, size_t lang)
{
	return &tb->terms[c * tb->cap_langs + lang];
}

static void term_release(ht_tb_term *t)
{
	free((char *)t->term);
	free((char *)t->example_doc);
	free((char *)t->example_unit);
	free((char *)t->alt);
	free((char *)t->note);
	memset(t, 0, sizeof *t);
}

ht_termbase *ht_termbase_new(const char *const *langs, size_t n)
{
	ht_termbase *tb = ht_xcalloc(1, sizeof *tb);
	for (size_t i = 0; i < n; i++)
		ht_termbase_add_lang(tb, langs[i]);
	return tb;
}

void ht_termbase_free(ht_termbase *tb)
{
	if (!tb)
		return;
	for (size_t c = 0; c < tb->nconcepts; c++)
		for (size_t l = 0; l < tb->nlangs; l++)
			term_release(slot(tb, c, l));
	for (size_t l = 0; l < tb->nlangs; l++) {
		free(tb->langs[l]);
		ht_strmap_release(&tb->index[l].keys);
		free(tb->index[l].concept);
	}
	free(tb->index);
	free(tb->langs);
	free(tb->terms);
	free(tb);
}

size_t ht_termbase_lang_count(const ht_termbase *tb) { return tb->nlangs; }
const char *ht_termbase_lang(const ht_termbase *tb, size_t i) { return i < tb->nlangs ? tb->langs[i] : NULL; }
size_t ht_termbase_count(const ht_termbase *tb) { return tb->nconcepts; }

int ht_termbase_lang_index(const ht_termbase *tb, const char *lang)
{
	for (size_t i = 0; lang && i < tb->nlangs; i++)
		if (same_primary(tb->langs[i], lang))
			return (int)i;
	return -1;
}

size_t ht_termbase_add_lang(ht_termbase *tb, const char *lang)
{
	int have = ht_termbase_lang_index(tb, lang ? lang : "und");
	if (have >= 0)
		return (size_t)have;
	if (tb->nlangs == tb->cap_langs) {
		/* widen every concept's row */
		size_t cap = tb->cap_langs ? tb->cap_langs * 2 : 8;
		ht_tb_term *t = ht_xcalloc((tb->cap_concepts ? tb->cap_concepts : 1) * cap, sizeof *t);
		for (size_t c = 0; c < tb->nconcepts; c++)
			memcpy(&t[c * cap], &tb->terms[c * tb->cap_langs], tb->nlangs * sizeof *t);
		free(tb->terms);
		tb->terms = t;
		tb->langs = ht_xrealloc(tb->langs, cap * sizeof *tb->langs);
		tb->index = ht_xrealloc(tb->index, cap * sizeof *tb->index);
		tb->cap_langs = cap;
	}
	tb->langs[tb->nlangs] = dup_tag(lang);
	memset(&tb->index[tb->nlangs], 0, sizeof *tb->index);
	ht_strmap_init(&tb->index[tb->nlangs].keys);
	return tb->nlangs++;
}

size_t ht_termbase_add_concept(ht_termbase *tb)
{
	if (tb->nconcepts == tb->cap_concepts) {
		size_t cap = tb->cap_concepts ? tb->cap_concepts * 2 : 64;
		size_t row = tb->cap_langs ? tb->cap_langs : 1;
		tb->terms = ht_xrealloc(tb->terms, cap * row * sizeof *tb->terms);
		memset(&tb->terms[tb->cap_concepts * row], 0, (cap - tb->cap_concepts) * row * sizeof *tb->terms);
		tb->cap_concepts = cap;
	}
	return tb->nconcepts++;
}

static void fold(const char *s, ht_buf *out)
{
	ht_buf_reset(out);
	ht_key_fold(s, strlen(s), out);
}

void ht_termbase_set_term(ht_termbase *tb, size_t c, size_t lang, const ht_tb_term *t)
{
	if (c >= tb->nconcepts || lang >= tb->nlangs)
		return;
	ht_tb_term *s = slot(tb, c, lang);
	term_release(s);
	if (!t || !t->term)
		return;
	*s = *t;
	s->term = ht_xstrdup(t->term);
	s->example_doc = dup_or_null(t->example_doc);
	s->example_unit = dup_or_null(t->example_unit);
	s->alt = dup_or_null(t->alt);
	s->note = dup_or_null(t->note);
	struct tb_index *ix = &tb->index[lang];
	ht_buf key = HT_BUF_INIT;
	fold(t->term, &key);
	int added;
	uint32_t id = ht_strmap_intern(&ix->keys, key.s, key.len, &added);
	HT_GROW(ix->concept, ix->keys.n, ix->cap);
	if (added)
		ix->concept[id] = (uint32_t)c;
	ht_buf_release(&key);
}

const ht_tb_term *ht_termbase_term(const ht_termbase *tb, size_t c, size_t lang)
{
	if (c >= tb->nconcepts || lang >= tb->nlangs)
		return NULL;
	const ht_tb_term *t = slot(tb, c, lang);
	return t->term ? t : NULL;
}

size_t ht_termbase_find(const ht_termbase *tb, size_t lang, const char *term)
{
	if (lang >= tb->nlangs || !term)
		return SIZE_MAX;
	ht_buf key = HT_BUF_INIT, now = HT_BUF_INIT;
	fold(term, &key);
	const struct tb_index *ix = &tb->index[lang];
	uint32_t id = ht_strmap_find(&ix->keys, key.s, key.len);
	size_t c = SIZE_MAX;
	if (id != UINT32_MAX) {
		/* a replaced term may have left its key behind */
		const ht_tb_term *t = ht_termbase_term(tb, ix->concept[id], lang);
		if (t) {
			fold(t->term, &now);
			if (now.len == key.len && memcmp(now.s, key.s, key.len) == 0)
				c = ix->concept[id];
		}
	}
	ht_buf_release(&key);
	ht_buf_release(&now);
	return c;
}

/* ---- merging glossaries on the pivot term ---- */

static ht_tb_term entry_term(const ht_gloss_entry *e, int pivot)
{
	ht_tb_term t = {
		.term = pivot ? e->source : e->target,
		.freq = e->freq,
		.score = pivot ? 0 : e->score,
		.confidence = pivot ? 1 : e->confidence,
		.example_doc = e->example_doc,
		.example_unit = e->example_unit,
		.origin = e->in_termbase ? HT_TB_TERMBASE : e->suggestion ? HT_TB_DICTIONARY : HT_TB_CORPUS,
		.attested = !e->suggestion && e->freq > 0,
		.alt = pivot ? NULL : e->alt,
	};
	return t;
}

static void merge_entry(ht_termbase *tb, size_t lang, const ht_gloss_entry *e)
{
	size_t c = ht_termbase_find(tb, 0, e->source);
	if (c == SIZE_MAX) {
		c = ht_termbase_add_concept(tb);
		ht_tb_term p = entry_term(e, 1);
		ht_termbase_set_term(tb, c, 0, &p);
	} else {
		ht_tb_term *p = slot(tb, c, 0);
		/* the pivot's evidence is its best pairing; a suggestion becomes
		 * attested when another pair found it in aligned text */
		if (e->freq > p->freq)
			p->freq = e->freq;
		if (!e->suggestion && e->freq > 0 && !p->attested) {
			p->attested = 1;
			p->origin = e->in_termbase ? HT_TB_TERMBASE : HT_TB_CORPUS;
		}
	}
	if (!ht_termbase_term(tb, c, lang)) {
		ht_tb_term t = entry_term(e, 0);
		ht_termbase_set_term(tb, c, lang, &t);
	}
}

ht_status ht_termbase_merge(const ht_glossary *const *g, size_t n, ht_termbase **out, ht_error *err)
{
	*out = NULL;
	if (n == 0)
		return ht_error_set(err, HT_ERR_USAGE, "termbase: no glossary to merge");
	const char *pivot = ht_glossary_from(g[0]);
	for (size_t k = 1; k < n; k++)
		if (!same_primary(ht_glossary_from(g[k]), pivot))
			return ht_error_set(err, HT_ERR_USAGE,
					    "termbase: glossaries from '%s' and from '%s' share no pivot",
					    pivot, ht_glossary_from(g[k]));
	ht_termbase *tb = ht_termbase_new(&pivot, 1);
	size_t *lang = ht_xmalloc(n * sizeof *lang), longest = 0;
	for (size_t k = 0; k < n; k++) {
		lang[k] = ht_termbase_add_lang(tb, ht_glossary_to(g[k]));
		if (ht_glossary_count(g[k]) > longest)
			longest = ht_glossary_count(g[k]);
	}
	/* attested entries first, suggestions after, each round-robin in rank order */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < longest; i++)
			for (size_t k = 0; k < n; k++) {
				const ht_gloss_entry *e = ht_glossary_entry(g[k], i);
				if (e && (e->suggestion != 0) == pass && lang[k] != 0)
					merge_entry(tb, lang[k], e);
			}
	free(lang);
	*out = tb;
	return HT_OK;
}

/* Units of tm with a segment in both language indices. */
static size_t shared_units(const ht_tm *tm, size_t a, size_t b)
{
	size_t n = 0;
	for (size_t u = 0; u < ht_tm_unit_count(tm); u++) {
		size_t la, lb;
		const char *sa = ht_tm_seg(tm, u, a, &la), *sb = ht_tm_seg(tm, u, b, &lb);
		n += sa && sb && la && lb;
	}
	return n;
}

ht_status ht_termbase_build(const ht_tm *tm, const char *pivot, const ht_gloss_opts *opts,
			    ht_termbase **out, ht_error *err)
{
	*out = NULL;
	int p = pivot ? ht_tm_lang_index(tm, pivot) : 0;
	if (p < 0)
		return ht_error_set(err, HT_ERR_DATA, "the aligned text has no '%s' segments", pivot);
	const char *plang = ht_tm_lang(tm, (size_t)p);
	size_t nl = ht_tm_lang_count(tm), ng = 0;
	ht_glossary **g = ht_xcalloc(nl ? nl : 1, sizeof *g);
	ht_status st = HT_OK;
	ht_gloss_opts pair;
	if (opts)
		pair = *opts;
	else
		ht_gloss_opts_init(&pair);
	for (size_t l = 0; l < nl && st == HT_OK; l++) {
		if (l == (size_t)p || shared_units(tm, (size_t)p, l) == 0)
			continue;
		const char *lang = ht_tm_lang(tm, l);
		/* a dictionary or termbase serves some pairs only: elsewhere none */
		pair.dict = opts && opts->dict && ht_dict_serves(opts->dict, plang, lang) ? opts->dict : NULL;
		pair.suggest = opts && opts->suggest && pair.dict;
		pair.termbase = opts && opts->termbase && ht_termbase_lang_index(opts->termbase, plang) >= 0 &&
					ht_termbase_lang_index(opts->termbase, lang) >= 0
				? opts->termbase
				: NULL;
		st = ht_glossary_build(tm, plang, lang, &pair, &g[ng], err);
		if (st == HT_OK)
			ng++;
	}
	if (st == HT_OK && ng == 0)
		st = ht_error_set(err, HT_ERR_DATA, "no aligned unit has a '%s' segment and another language",
				  plang);
	if (st == HT_OK)
		st = ht_termbase_merge((const ht_glossary *const *)g, ng, out, err);
	for (size_t k = 0; k < ng; k++)
		ht_glossary_free(g[k]);
	free(g);
	return st;
}

ht_glossary *ht_termbase_pair(const ht_termbase *tb, const char *from, const char *to)
{
	int f = ht_termbase_lang_index(tb, from), t = ht_termbase_lang_index(tb, to);
	if (f < 0 || t < 0)
		return NULL;
	ht_glossary *g = ht_glossary_new(tb->langs[f], tb->langs[t]);
	for (size_t c = 0; c < tb->nconcepts; c++) {
		const ht_tb_term *a = ht_termbase_term(tb, c, (size_t)f), *b = ht_termbase_term(tb, c, (size_t)t);
		if (!a || !b)
			continue;
		/* the statistics of the pair are those of the non-pivot side */
		const ht_tb_term *s = f == 0 ? b : a;
		ht_gloss_entry e = {
			.source = a->term,
			.target = b->term,
			.freq = s->freq,
			.score = s->score,
			.confidence = s->confidence,
			.example_doc = s->example_doc,
			.example_unit = s->example_unit,
			.suggestion = s->origin == HT_TB_DICTIONARY,
			.in_termbase = s->origin == HT_TB_TERMBASE,
			.alt = f == 0 ? b->alt : NULL,
		};
		ht_glossary_add(g, &e);
	}
	return g;
}
