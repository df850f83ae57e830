/* Words of one side of a pair: interned strings, the language's function
 * words and stems (Snowball, libstemmer), tokens of each unit (Chinese
 * segmented by a dictionary's headwords), IDF weights, and the coarse levels
 * of blocks of units. */
#include "align/aligner-internal.h"

#include <ctype.h>
#include <libstemmer.h>
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

int al_lang_is(const char *tag, const char *primary)
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

#define STEM_CHARS 6 /* code points kept of a stem */

void al_lang_init(al_lang *l, const char *tag)
{
	memset(l, 0, sizeof *l);
	l->english = al_lang_is(tag, "en");
	/* libstemmer knows ISO 639-1 codes: fr es ru ar de hu en and twenty
	 * more; none for zh (whose words need none) */
	char code[4] = "";
	size_t n = tag ? strcspn(tag, "-_") : 0;
	if (n == 2 || n == 3) {
		for (size_t i = 0; i < n; i++)
			code[i] = (char)tolower((unsigned char)tag[i]);
		l->stemmer = sb_stemmer_new(code, "UTF_8");
	}
}

void al_lang_release(al_lang *l)
{
	if (l->stemmer)
		sb_stemmer_delete(l->stemmer);
	memset(l, 0, sizeof *l);
}

int al_lang_stop(const al_lang *l, const char *s, size_t n) { return l->english && is_en_stop(s, n); }

/* A word's key: its Snowball stem where libstemmer has the language, cut to
 * its first STEM_CHARS code points (derivations and compounds share their
 * start: Entwicklung / Entwicklungsland); the cut alone elsewhere. */
void al_word_key(const al_lang *l, const char *s, size_t n, ht_buf *out)
{
	ht_buf_reset(out);
	if (l->stemmer && n < INT32_MAX) {
		const sb_symbol *st = sb_stemmer_stem(l->stemmer, (const sb_symbol *)s, (int)n);
		if (st) {
			s = (const char *)st;
			n = (size_t)sb_stemmer_length(l->stemmer);
		}
	}
	size_t i = 0, cps = 0;
	while (i < n && cps < STEM_CHARS) {
		ht_utf8_next(s, n, &i);
		cps++;
	}
	ht_buf_add(out, s, i);
}

/* Numbers match on their digits: 10,000 = 10000. */
void al_number_key(const char *s, size_t n, ht_buf *out)
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
	const al_lang *lang;
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
	if (al_lang_stop(b->lang, s, len))
		b->form_word[f] = FORM_STOP;
	else {
		al_word_key(b->lang, s, len, &b->key);
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
			al_number_key(s + t->start, t->len, &b->key);
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

static void build_units(side_builder *b, al_side *side, const ht_unit *units, size_t n)
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

void al_side_build(al_side *side, al_vocab *v, uint8_t **kinds, al_vocab *surface, uint32_t **surf_id,
		   const al_lang *lang, const ht_dict *seg, const ht_unit *units, size_t n)
{
	side_builder b = {.v = v, .kinds = kinds, .lang = lang, .seg = seg};
	if (surface) {
		b.surface = surface;
		b.surf_id = surf_id;
	}
	al_vocab_init(&b.forms);
	ht_buf_init(&b.fold);
	ht_buf_init(&b.key);
	build_units(&b, side, units, n);
	side->nvocab = v->n;
	ht_buf_release(&b.fold);
	ht_buf_release(&b.key);
	free(b.toks);
	free(b.stamp);
	al_vocab_release(&b.forms);
	free(b.form_word);
}

/* IDF: a word in every unit weighs little, a word in one unit weighs most. */
float *al_idf_weights(const al_side *s, size_t nvocab)
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

