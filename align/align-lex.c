/* Lexical side of the aligner: word bags per unit, word weights, links
 * between the two sides (dictionary, identical tokens, cognates) and the
 * translation table learned from a first alignment (IBM Model 1). */
#include "align/aligner-internal.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- interned strings ---- */

void al_vocab_init(al_vocab *v)
{
	memset(v, 0, sizeof *v);
	ht_buf_init(&v->text);
	v->nslots = 1024;
	v->slots = ht_xcalloc(v->nslots, sizeof *v->slots);
}

void al_vocab_release(al_vocab *v)
{
	ht_buf_release(&v->text);
	free(v->off);
	free(v->len);
	free(v->slots);
	memset(v, 0, sizeof *v);
}

static int vocab_eq(const al_vocab *v, uint32_t id, const char *s, size_t len)
{
	return v->len[id] == len && memcmp(v->text.s + v->off[id], s, len) == 0;
}

uint32_t al_vocab_find(const al_vocab *v, const char *s, size_t len)
{
	size_t mask = v->nslots - 1;
	for (size_t h = ht_hash_bytes(s, len) & mask; v->slots[h]; h = (h + 1) & mask)
		if (vocab_eq(v, v->slots[h] - 1, s, len))
			return v->slots[h] - 1;
	return UINT32_MAX;
}

static void vocab_rehash(al_vocab *v)
{
	free(v->slots);
	v->nslots *= 2;
	v->slots = ht_xcalloc(v->nslots, sizeof *v->slots);
	size_t mask = v->nslots - 1;
	for (uint32_t id = 0; id < v->n; id++) {
		size_t h = ht_hash_bytes(v->text.s + v->off[id], v->len[id]) & mask;
		while (v->slots[h])
			h = (h + 1) & mask;
		v->slots[h] = id + 1;
	}
}

uint32_t al_vocab_intern(al_vocab *v, const char *s, size_t len)
{
	uint32_t id = al_vocab_find(v, s, len);
	if (id != UINT32_MAX)
		return id;
	if ((v->n + 1) * 2 > v->nslots)
		vocab_rehash(v);
	size_t lencap = v->cap; /* both arrays grow in step */
	HT_GROW(v->off, v->n + 1, v->cap);
	HT_GROW(v->len, v->n + 1, lencap);
	id = (uint32_t)v->n++;
	v->off[id] = v->text.len;
	v->len[id] = (uint32_t)len;
	ht_buf_add(&v->text, s, len);
	size_t mask = v->nslots - 1;
	size_t h = ht_hash_bytes(s, len) & mask;
	while (v->slots[h])
		h = (h + 1) & mask;
	v->slots[h] = id + 1;
	return id;
}

/* ---- languages, stopwords, stems ---- */

static int lang_is(const char *tag, const char *primary)
{
	if (!tag)
		return 0;
	size_t n = strlen(primary);
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)tag[i]) != primary[i])
			return 0;
	return tag[n] == '\0' || tag[n] == '-' || tag[n] == '_';
}

/* English function words: they carry no alignment evidence, and CEDICT
 * glosses are full of them ("to", "sb", "sth"). */
static const char *const en_stop[] = { /* sorted (bytes) for bsearch */
	"a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
	"been", "being", "but", "by", "can", "could", "did", "didn't", "do", "does", "don't",
	"etc", "for", "from", "had", "has", "have", "he", "he's", "her", "him", "his", "i", "i'm",
	"if", "in", "into", "is", "it", "it's", "its", "me", "my", "no", "not", "of", "on",
	"one's", "oneself", "or", "our", "s", "sb", "she", "she's", "so", "somebody", "someone",
	"something", "sth", "t", "than", "that", "that's", "the", "their", "them", "then",
	"there", "these", "they", "this", "those", "to", "up", "us", "was", "we", "were", "what",
	"when", "which", "who", "will", "with", "would", "you", "your", NULL};

static int stop_cmp(const void *key, const void *elem)
{
	const ht_buf *k = key;
	const unsigned char *w = *(const unsigned char *const *)elem;
	const unsigned char *s = (const unsigned char *)k->s;
	size_t i = 0; /* bytewise, shorter first: the order of memcmp, without a strlen */
	for (; i < k->len && w[i]; i++)
		if (s[i] != w[i])
			return s[i] < w[i] ? -1 : 1;
	return i < k->len ? 1 : w[i] ? -1 : 0;
}

static int is_en_stop(const char *s, size_t n)
{
	if (n > 9)
		return 0;
	ht_buf key = {(char *)s, n, 0};
	return bsearch(&key, en_stop, sizeof en_stop / sizeof *en_stop - 1, sizeof *en_stop, stop_cmp) != NULL;
}

#define STEM_CHARS 6 /* code points kept of a word: a cheap stemmer for any language */

static int ends_with(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n > k && memcmp(s + n - k, suf, k) == 0;
}

/* The stem of a folded word: English inflections stripped, then the first
 * STEM_CHARS code points. */
static void stem_word(const char *s, size_t n, int english, ht_buf *out)
{
	ht_buf_reset(out);
	if (english) {
		if (ends_with(s, n, "'s") || ends_with(s, n, "\xE2\x80\x99s"))
			n -= ends_with(s, n, "'s") ? 2 : 4;
		if (n > 4 && ends_with(s, n, "ies"))
			n -= 2; /* countries -> countri(e) */
		else if (n > 5 && ends_with(s, n, "ing"))
			n -= 3;
		else if (n > 4 && ends_with(s, n, "ed"))
			n -= 2;
		else if (n > 3 && ends_with(s, n, "s") && !ends_with(s, n, "ss"))
			n -= 1;
	}
	size_t i = 0, cps = 0;
	while (i < n && cps < STEM_CHARS) {
		ht_utf8_next(s, n, &i);
		cps++;
	}
	ht_buf_add(out, s, i);
}

/* Numbers match on their digits: 10,000 = 10000. */
static void number_key(const char *s, size_t n, ht_buf *out)
{
	ht_buf_reset(out);
	for (size_t i = 0; i < n; i++)
		if (s[i] != ',' && s[i] != ' ')
			ht_buf_addc(out, s[i]);
}

/* ---- one side ---- */

#define MAX_WORD_CHARS 6 /* longest dictionary word tried by the Chinese segmenter */

#define FORM_STOP UINT32_MAX /* a word form that adds no word: a function word */

typedef struct side_builder {
	al_vocab *v;
	uint8_t **kinds;
	size_t kinds_cap;
	al_vocab *surface; /* folded surface forms, when this side is looked up in the dictionary */
	uint32_t **surf_id;
	size_t surf_cap;
	const ht_dict *seg; /* dictionary whose headwords segment Han runs */
	int english;
	uint32_t *stamp;   /* per word: last unit + 1 it was added to */
	size_t stamp_cap;
	/* the word (or FORM_STOP) each folded form of a word token gave, so
	 * that a form met again costs one look-up, not a stop-word search, a
	 * stem and two interns: most tokens of a text are forms met before */
	al_vocab forms;
	uint32_t *form_word;
	size_t form_cap;
	ht_buf fold, key;
	ht_token *toks;
	size_t ntoks, tokcap;
} side_builder;

/* The id of word `key` (of the given kind), with its surface form recorded
 * when this side is looked up in the dictionary. */
static uint32_t intern_word(side_builder *b, const char *key, size_t len, enum al_kind kind,
			    const char *surf, size_t surflen)
{
	size_t before = b->v->n;
	uint32_t id = al_vocab_intern(b->v, key, len);
	if (b->v->n > before) {
		size_t kc = b->kinds_cap;
		HT_GROW(*b->kinds, b->v->n, kc);
		b->kinds_cap = kc;
		(*b->kinds)[id] = (uint8_t)kind;
		HT_GROW(b->stamp, b->v->n, b->stamp_cap);
		b->stamp[id] = 0;
	}
	/* a Han word is its own surface form, interned with it when it was new */
	int known_surface = b->v->n == before && surf == key && (*b->kinds)[id] == AL_HAN;
	if (b->surface && !known_surface) {
		size_t sb = b->surface->n;
		uint32_t sid = al_vocab_intern(b->surface, surf, surflen);
		if (b->surface->n > sb) {
			HT_GROW(*b->surf_id, b->surface->n, b->surf_cap);
			(*b->surf_id)[sid] = id;
		}
	}
	return id;
}

/* Word `id` into the bag of `unit` (once). */
static void add_to_unit(side_builder *b, al_side *side, size_t unit, size_t *cap, uint32_t id)
{
	if (b->stamp[id] == unit + 1)
		return;
	b->stamp[id] = (uint32_t)(unit + 1);
	size_t at = side->off[unit + 1];
	HT_GROW(side->words, at + 1, *cap);
	side->words[at] = id;
	side->off[unit + 1] = (uint32_t)(at + 1);
}

/* The word of a word token's folded form s (FORM_STOP for a function word). */
static uint32_t form_word(side_builder *b, const char *s, size_t len)
{
	size_t before = b->forms.n;
	uint32_t f = al_vocab_intern(&b->forms, s, len);
	if (b->forms.n == before)
		return b->form_word[f];
	HT_GROW(b->form_word, b->forms.n, b->form_cap);
	if (b->english && is_en_stop(s, len))
		b->form_word[f] = FORM_STOP;
	else {
		stem_word(s, len, b->english, &b->key);
		b->form_word[f] = intern_word(b, b->key.s, b->key.len, AL_WORD, s, len);
	}
	return b->form_word[f];
}

/* Greedy longest match of dictionary headwords over the Han tokens from k;
 * returns how many tokens the word spans. */
static size_t han_word(const side_builder *b, size_t k, const char *s)
{
	if (!b->seg)
		return 1;
	size_t run = 1;
	while (k + run < b->ntoks && run < MAX_WORD_CHARS && b->toks[k + run].type == HT_TOK_HAN &&
	       b->toks[k + run].start == b->toks[k + run - 1].start + b->toks[k + run - 1].len)
		run++;
	if (run == 1)
		return 1;
	const ht_token *last = &b->toks[k + run - 1];
	size_t start = b->toks[k].start;
	size_t bytes = ht_dict_longest_prefix(b->seg, s + start, last->start + last->len - start);
	size_t w = 0;
	while (w < run && b->toks[k + w].start + b->toks[k + w].len <= start + bytes)
		w++;
	return w ? w : 1;
}

static void tokenize_unit(side_builder *b, al_side *side, size_t u, size_t *cap, const ht_unit *unit)
{
	ht_buf_reset(&b->fold);
	ht_key_fold(unit->text, unit->len, &b->fold);
	const char *s = b->fold.s;
	ht_tokenize(s, b->fold.len, &b->toks, &b->ntoks, &b->tokcap);
	side->off[u + 1] = side->off[u];
	double chars = 0;
	for (size_t k = 0; k < b->ntoks; k++) {
		const ht_token *t = &b->toks[k];
		if (t->type == HT_TOK_HAN)
			chars++; /* ht_tokenize made it of one code point */
		else
			for (size_t i = t->start; i < t->start + t->len; chars++)
				ht_utf8_next(s, t->start + t->len, &i);
		if (t->type == HT_TOK_PUNCT)
			continue;
		if (t->type == HT_TOK_HAN) {
			size_t w = han_word(b, k, s);
			const ht_token *last = &b->toks[k + w - 1];
			size_t len = last->start + last->len - t->start;
			chars += (double)(w - 1); /* Han tokens too: one code point each */
			add_to_unit(b, side, u, cap, intern_word(b, s + t->start, len, AL_HAN, s + t->start, len));
			k += w - 1;
		} else if (t->type == HT_TOK_NUMBER) {
			number_key(s + t->start, t->len, &b->key);
			add_to_unit(b, side, u, cap,
				    intern_word(b, b->key.s, b->key.len, AL_NUMBER, s + t->start, t->len));
		} else {
			uint32_t id = form_word(b, s + t->start, t->len);
			if (id != FORM_STOP)
				add_to_unit(b, side, u, cap, id);
		}
	}
	side->cum_len[u + 1] = side->cum_len[u] + chars;
}

static void build_side(side_builder *b, al_side *side, const ht_unit *units, size_t n)
{
	memset(side, 0, sizeof *side);
	side->n = n;
	side->off = ht_xcalloc(n + 1, sizeof *side->off);
	side->cum_len = ht_xcalloc(n + 1, sizeof *side->cum_len);
	/* room for the words in one block (a word and what separates it from the
	 * next take 4 bytes or more in practice), so that they are seldom copied
	 * as they grow */
	size_t cap = n + 16;
	for (size_t u = 0; u < n; u++)
		cap += units[u].len / 4;
	side->words = ht_xmalloc_table(cap * sizeof *side->words);
	for (size_t u = 0; u < n; u++)
		tokenize_unit(b, side, u, &cap, &units[u]);
}

/* IDF: a word in every unit weighs little, a word in one unit weighs most. */
static float *idf_weights(const al_side *s, size_t nvocab)
{
	uint32_t *df = ht_xcalloc(nvocab ? nvocab : 1, sizeof *df);
	for (size_t k = 0; k < s->off[s->n]; k++)
		df[s->words[k]]++;
	float *w = ht_xmalloc((nvocab ? nvocab : 1) * sizeof *w);
	for (size_t id = 0; id < nvocab; id++) {
		double x = log((s->n + 1.0) / (df[id] + 0.5));
		w[id] = (float)(x < 0.1 ? 0.1 : x);
	}
	free(df);
	return w;
}

void al_side_index(al_side *s)
{
	s->cum_wt = ht_xcalloc(s->n + 1, sizeof *s->cum_wt);
	for (size_t u = 0; u < s->n; u++) {
		double w = 0;
		for (size_t k = s->off[u]; k < s->off[u + 1]; k++)
			w += s->weight[s->words[k]];
		s->cum_wt[u + 1] = s->cum_wt[u] + w;
	}
}

/* Words in more than one unit in COARSE_DF carry little evidence about where
 * blocks of units meet, and cost the most: coarse levels leave them out. */
#define COARSE_DF 16.0

void al_side_coarsen(const al_side *f, al_side *c)
{
	memset(c, 0, sizeof *c);
	c->n = (f->n + 1) / 2;
	c->nvocab = f->nvocab;
	c->weight = f->weight;
	c->off = ht_xcalloc(c->n + 1, sizeof *c->off);
	c->cum_len = ht_xcalloc(c->n + 1, sizeof *c->cum_len);
	c->words = ht_xmalloc_table((f->off[f->n] ? f->off[f->n] : 1) * sizeof *c->words);
	uint32_t *stamp = ht_xcalloc(f->nvocab ? f->nvocab : 1, sizeof *stamp);
	const float min_weight = (float)log(COARSE_DF);
	size_t at = 0;
	for (size_t u = 0; u < c->n; u++) {
		size_t a = 2 * u, b = 2 * u + 2 < f->n ? 2 * u + 2 : f->n;
		for (size_t k = f->off[a]; k < f->off[b]; k++) {
			uint32_t w = f->words[k];
			if (f->weight[w] < min_weight)
				continue;
			if (stamp[w] != u + 1) {
				stamp[w] = (uint32_t)(u + 1);
				c->words[at++] = w;
			}
		}
		c->off[u + 1] = (uint32_t)at;
		c->cum_len[u + 1] = f->cum_len[b];
	}
	/* the same test on the blocks: a word in more than 1 block in COARSE_DF
	 * is dropped at this level and above, so blocks do not fill up with
	 * words that are everywhere at that scale */
	uint32_t *df = stamp;
	memset(df, 0, f->nvocab * sizeof *df);
	for (size_t k = 0; k < at; k++)
		df[c->words[k]]++;
	double limit = c->n / COARSE_DF < 2 ? 2 : c->n / COARSE_DF;
	size_t keep = 0, from = 0;
	for (size_t u = 0; u < c->n; u++) {
		for (size_t k = from; k < c->off[u + 1]; k++)
			if (df[c->words[k]] <= limit)
				c->words[keep++] = c->words[k];
		from = c->off[u + 1];
		c->off[u + 1] = (uint32_t)keep;
	}
	free(stamp);
	al_side_index(c);
}

void al_side_release(al_side *s)
{
	free(s->off);
	free(s->words);
	free(s->cum_len);
	free(s->cum_wt);
	memset(s, 0, sizeof *s);
}

/* ---- links ---- */

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void csr(uint32_t **off, uint32_t **to, size_t nfrom, const uint64_t *pairs, size_t n, int swap)
{
	*off = ht_xcalloc(nfrom + 1, sizeof **off);
	*to = ht_xmalloc((n ? n : 1) * sizeof **to);
	for (size_t k = 0; k < n; k++)
		(*off)[(swap ? (uint32_t)pairs[k] : pairs[k] >> 32) + 1]++;
	for (size_t i = 0; i < nfrom; i++)
		(*off)[i + 1] += (*off)[i];
	uint32_t *fill = ht_xmalloc((nfrom + 1) * sizeof *fill);
	memcpy(fill, *off, (nfrom + 1) * sizeof *fill);
	for (size_t k = 0; k < n; k++) {
		uint32_t from = swap ? (uint32_t)pairs[k] : (uint32_t)(pairs[k] >> 32);
		uint32_t dst = swap ? (uint32_t)(pairs[k] >> 32) : (uint32_t)pairs[k];
		(*to)[fill[from]++] = dst;
	}
	free(fill);
}

void al_links_build(al_links *l, size_t nsrc, size_t ntgt, const uint64_t *pairs_in, size_t npairs)
{
	uint64_t *pairs = ht_xmalloc((npairs ? npairs : 1) * sizeof *pairs);
	if (npairs) {
		memcpy(pairs, pairs_in, npairs * sizeof *pairs);
		qsort(pairs, npairs, sizeof *pairs, cmp_u64);
	}
	size_t n = 0;
	for (size_t k = 0; k < npairs; k++)
		if (n == 0 || pairs[n - 1] != pairs[k])
			pairs[n++] = pairs[k];
	l->nsrc = nsrc;
	l->ntgt = ntgt;
	l->count = n;
	csr(&l->fwd_off, &l->fwd, nsrc, pairs, n, 0);
	csr(&l->rev_off, &l->rev, ntgt, pairs, n, 1);
	free(pairs);
}

void al_links_release(al_links *l)
{
	free(l->fwd_off);
	free(l->fwd);
	free(l->rev_off);
	free(l->rev);
	memset(l, 0, sizeof *l);
}

typedef struct pair_list {
	uint64_t *v;
	size_t n, cap;
} pair_list;

static void pair_add(pair_list *pl, uint32_t s, uint32_t t)
{
	HT_GROW(pl->v, pl->n + 1, pl->cap);
	pl->v[pl->n++] = (uint64_t)s << 32 | t;
}

static size_t count_cps(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

static size_t prefix_bytes(const char *s, size_t n, size_t cps)
{
	size_t i = 0;
	while (i < n && cps--)
		ht_utf8_next(s, n, &i);
	return i;
}

/* Identical keys (numbers, names) and words that share their first four
 * letters (cognates: Regierung/régime no, Kanton/canton no, Juli/juillet yes). */
static void link_identical_and_cognates(const al_pair *p, pair_list *pl)
{
	al_vocab pre;
	al_vocab_init(&pre);
	uint32_t *head = NULL, *next = NULL; /* per prefix id: first target word; chain */
	size_t headcap = 0;
	next = ht_xmalloc((p->vt.n ? p->vt.n : 1) * sizeof *next);
	for (uint32_t t = 0; t < p->vt.n; t++) {
		next[t] = UINT32_MAX;
		const char *s = al_vocab_str(&p->vt, t);
		size_t len = p->vt.len[t];
		if (p->kind_t[t] != AL_WORD || count_cps(s, len) < 4)
			continue;
		size_t before = pre.n;
		uint32_t id = al_vocab_intern(&pre, s, prefix_bytes(s, len, 4));
		if (pre.n > before) {
			HT_GROW(head, pre.n, headcap);
			head[id] = UINT32_MAX;
		}
		next[t] = head[id];
		head[id] = t;
	}
	for (uint32_t s = 0; s < p->vs.n; s++) {
		const char *str = al_vocab_str(&p->vs, s);
		size_t len = p->vs.len[s];
		uint32_t t = al_vocab_find(&p->vt, str, len);
		if (t != UINT32_MAX && (p->kind_s[s] != AL_WORD || count_cps(str, len) >= 2))
			pair_add(pl, s, t);
		if (p->kind_s[s] != AL_WORD || count_cps(str, len) < 4)
			continue;
		uint32_t id = al_vocab_find(&pre, str, prefix_bytes(str, len, 4));
		if (id == UINT32_MAX)
			continue;
		for (uint32_t c = head[id]; c != UINT32_MAX; c = next[c])
			pair_add(pl, s, c);
	}
	free(head);
	free(next);
	al_vocab_release(&pre);
}

/* Dictionary translations of the words of side `from` (looked up by their
 * folded surface forms), as words of the other side. */
typedef struct gloss_linker {
	const ht_dict *d;
	const al_vocab *other;
	int other_english, reverse;
	pair_list *pl;
	ht_buf fold, key;
	ht_token *toks;
	size_t ntoks, cap;
} gloss_linker;

/* Link word `id` to the words of the other side in the translations of key. */
static void link_glosses(gloss_linker *gl, const char *key, size_t keylen, uint32_t id)
{
	const char *const *tg;
	size_t nt = ht_dict_lookup(gl->d, key, keylen, &tg);
	for (size_t g = 0; g < nt; g++) {
		ht_buf_reset(&gl->fold);
		ht_key_fold(tg[g], strlen(tg[g]), &gl->fold);
		ht_tokenize(gl->fold.s, gl->fold.len, &gl->toks, &gl->ntoks, &gl->cap);
		for (size_t k = 0; k < gl->ntoks; k++) {
			const char *w = gl->fold.s + gl->toks[k].start;
			size_t wl = gl->toks[k].len;
			if (gl->toks[k].type == HT_TOK_PUNCT)
				continue;
			if (gl->toks[k].type == HT_TOK_NUMBER)
				number_key(w, wl, &gl->key);
			else if (gl->toks[k].type == HT_TOK_WORD) {
				if (gl->other_english && is_en_stop(w, wl))
					continue;
				stem_word(w, wl, gl->other_english, &gl->key);
			} else {
				ht_buf_reset(&gl->key);
				ht_buf_add(&gl->key, w, wl);
			}
			uint32_t o = al_vocab_find(gl->other, gl->key.s, gl->key.len);
			if (o == UINT32_MAX)
				continue;
			if (gl->reverse)
				pair_add(gl->pl, o, id);
			else
				pair_add(gl->pl, id, o);
		}
	}
}

/* Dictionary translations of the words of side `from` (looked up by their
 * folded surface forms), as words of the other side.  A Chinese word none of
 * whose translations occurs on the other side gets those of its characters
 * (per-character fallback: literary and official texts use many words whose
 * CEDICT glosses differ from the translator's choice). */
static void link_dictionary(const ht_dict *d, const al_vocab *surface, const uint32_t *surf_id,
			    const uint8_t *kinds, const al_vocab *other, int other_english, int reverse,
			    pair_list *pl)
{
	gloss_linker gl = {d, other, other_english, reverse, pl, HT_BUF_INIT, HT_BUF_INIT, NULL, 0, 0};
	for (uint32_t sid = 0; sid < surface->n; sid++) {
		const char *s = al_vocab_str(surface, sid);
		size_t len = surface->len[sid];
		size_t before = pl->n;
		link_glosses(&gl, s, len, surf_id[sid]);
		if (pl->n > before || kinds[surf_id[sid]] != AL_HAN || count_cps(s, len) < 2)
			continue;
		for (size_t i = 0; i < len;) {
			size_t start = i;
			ht_utf8_next(s, len, &i);
			link_glosses(&gl, s + start, i - start, surf_id[sid]);
		}
	}
	free(gl.toks);
	ht_buf_release(&gl.fold);
	ht_buf_release(&gl.key);
}

void al_pair_prepare(al_pair *p, const ht_align_opts *opts, const ht_unit *src, size_t nsrc,
		     const ht_unit *tgt, size_t ntgt)
{
	memset(p, 0, sizeof *p);
	al_vocab_init(&p->vs);
	al_vocab_init(&p->vt);
	const ht_dict *d = opts ? opts->dict : NULL;
	const char *from = opts ? opts->from : NULL, *to = opts ? opts->to : NULL;
	int forward = d && lang_is(from, ht_dict_from(d)) && lang_is(to, ht_dict_to(d));
	int backward = d && !forward && lang_is(to, ht_dict_from(d)) && lang_is(from, ht_dict_to(d));
	al_vocab surface;
	uint32_t *surf_id = NULL;
	al_vocab_init(&surface);

	side_builder bs = {.v = &p->vs, .kinds = &p->kind_s, .english = lang_is(from, "en")};
	side_builder bt = {.v = &p->vt, .kinds = &p->kind_t, .english = lang_is(to, "en")};
	side_builder *dict_side = forward ? &bs : backward ? &bt : NULL;
	if (dict_side) {
		dict_side->surface = &surface;
		dict_side->surf_id = &surf_id;
		dict_side->seg = d;
	}
	al_vocab_init(&bs.forms);
	al_vocab_init(&bt.forms);
	ht_buf_init(&bs.fold);
	ht_buf_init(&bs.key);
	ht_buf_init(&bt.fold);
	ht_buf_init(&bt.key);
	build_side(&bs, &p->s, src, nsrc);
	build_side(&bt, &p->t, tgt, ntgt);
	p->s.nvocab = p->vs.n;
	p->t.nvocab = p->vt.n;
	p->ws = idf_weights(&p->s, p->vs.n);
	p->wt = idf_weights(&p->t, p->vt.n);
	p->s.weight = p->ws;
	p->t.weight = p->wt;
	al_side_index(&p->s);
	al_side_index(&p->t);

	pair_list pl = {0};
	link_identical_and_cognates(p, &pl);
	if (forward)
		link_dictionary(d, &surface, surf_id, p->kind_s, &p->vt, bt.english, 0, &pl);
	else if (backward)
		link_dictionary(d, &surface, surf_id, p->kind_t, &p->vs, bs.english, 1, &pl);
	al_links_build(&p->links, p->vs.n, p->vt.n, pl.v, pl.n);
	free(pl.v);

	for (side_builder *b = &bs; b; b = b == &bs ? &bt : NULL) {
		ht_buf_release(&b->fold);
		ht_buf_release(&b->key);
		free(b->toks);
		free(b->stamp);
		al_vocab_release(&b->forms);
		free(b->form_word);
	}
	free(surf_id);
	al_vocab_release(&surface);
}

void al_pair_release(al_pair *p)
{
	al_vocab_release(&p->vs);
	al_vocab_release(&p->vt);
	al_side_release(&p->s);
	al_side_release(&p->t);
	free(p->ws);
	free(p->wt);
	free(p->kind_s);
	free(p->kind_t);
	al_links_release(&p->links);
	memset(p, 0, sizeof *p);
}
