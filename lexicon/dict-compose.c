/* A dictionary composed through English, for pairs that no dictionary
 * serves (zh-fr, zh-ru, fr-ru, ...): a word's English glosses, each looked up
 * in English -> b.
 *
 * English is ambiguous: "bank" gives banque and rive.  Each candidate gets a
 * support, the sum over the glosses that reach it of 1 / (the number of
 * b words that gloss reaches), and a key keeps at most COMPOSE_KEEP
 * candidates, those with a support of at least COMPOSE_SHARE of the best: a
 * word reached through several glosses, or through an unambiguous one, wins
 * over the fan-out of one polysemous gloss. */
#include <stdlib.h>
#include <string.h>

#include "lexicon/dict-internal.h"

#define COMPOSE_KEEP 4     /* translations kept per key, at most */
#define COMPOSE_SHARE 0.5  /* ... with at least this share of the best support */

/* An English phrase as a lookup key: folded, without a leading "to ",
 * "the ", "a " or "an " (CEDICT's "to develop", FreeDict's "the Sahara"). */
static void english_key(const char *s, size_t n, ht_buf *key)
{
	ht_buf_reset(key);
	ht_key_fold(s, n, key);
	static const char *const lead[] = {"to ", "the ", "a ", "an "};
	for (size_t i = 0; i < sizeof lead / sizeof *lead; i++) {
		size_t k = strlen(lead[i]);
		if (key->len > k && memcmp(key->s, lead[i], k) == 0) {
			memmove(key->s, key->s + k, key->len - k);
			ht_buf_truncate(key, key->len - k);
			break;
		}
	}
}

/* A table being built from entries in any order. */
typedef struct table {
	ht_dict *d;
	dict_builder b;
	ht_buf key;
} table;

static void table_init(table *t, const char *from, const char *to, size_t entries)
{
	t->d = dict_new(from, to);
	dict_builder_init(&t->b, t->d, entries, 2 * entries, 16 * entries);
	ht_buf_init(&t->key);
}

static void table_add(table *t, const char *key, size_t keylen, const char *target, size_t tlen)
{
	dict_entry_key(&t->b, 0, key, keylen);
	dict_entry_target(&t->b, target, tlen);
	dict_entry_commit(&t->b, 0);
}

static ht_dict *table_finish(table *t)
{
	dict_builder_finish(&t->b);
	dict_builder_release(&t->b);
	ht_buf_release(&t->key);
	return t->d;
}

/* x -> en entries as they are (English targets normalised as keys). */
static void add_forward(const char *key, size_t keylen, const char *const *targets, size_t n, void *arg)
{
	table *t = arg;
	for (size_t i = 0; i < n; i++) {
		english_key(targets[i], strlen(targets[i]), &t->key);
		if (t->key.len)
			table_add(t, key, keylen, t->key.s, t->key.len);
	}
}

/* en -> x entries read backwards: x -> en. */
static void add_backward(const char *key, size_t keylen, const char *const *targets, size_t n, void *arg)
{
	table *t = arg;
	english_key(key, keylen, &t->key);
	for (size_t i = 0; i < n && t->key.len; i++)
		table_add(t, targets[i], strlen(targets[i]), t->key.s, t->key.len);
}

/* English key -> x words (x -> en read backwards). */
static void add_en_key_backward(const char *key, size_t keylen, const char *const *targets, size_t n,
				void *arg)
{
	table *t = arg;
	for (size_t i = 0; i < n; i++) {
		english_key(targets[i], strlen(targets[i]), &t->key);
		if (t->key.len)
			table_add(t, t->key.s, t->key.len, key, keylen);
	}
}

/* English key -> x words (en -> x as it is). */
static void add_en_key_forward(const char *key, size_t keylen, const char *const *targets, size_t n,
			       void *arg)
{
	table *t = arg;
	english_key(key, keylen, &t->key);
	for (size_t i = 0; i < n && t->key.len; i++)
		table_add(t, t->key.s, t->key.len, targets[i], strlen(targets[i]));
}

typedef struct candidate {
	const char *word;
	double support;
} candidate;

typedef struct composer {
	const ht_dict *e2b;
	table out;
	candidate *cand;
	size_t ncand, cap;
} composer;

static int by_support(const void *x, const void *y)
{
	const candidate *a = x, *b = y;
	if (a->support != b->support)
		return a->support < b->support ? 1 : -1;
	return strcmp(a->word, b->word);
}

static void compose_key(const char *key, size_t keylen, const char *const *glosses, size_t n, void *arg)
{
	composer *c = arg;
	c->ncand = 0;
	for (size_t g = 0; g < n; g++) {
		const char *const *words;
		size_t nw = ht_dict_lookup(c->e2b, glosses[g], strlen(glosses[g]), &words);
		for (size_t w = 0; w < nw; w++) {
			size_t k = 0;
			while (k < c->ncand && strcmp(c->cand[k].word, words[w]) != 0)
				k++;
			if (k == c->ncand) {
				HT_GROW(c->cand, c->ncand + 1, c->cap);
				c->cand[c->ncand++] = (candidate){words[w], 0};
			}
			c->cand[k].support += 1.0 / (double)nw;
		}
	}
	if (!c->ncand)
		return;
	qsort(c->cand, c->ncand, sizeof *c->cand, by_support);
	for (size_t k = 0; k < c->ncand && k < COMPOSE_KEEP; k++)
		if (c->cand[k].support >= COMPOSE_SHARE * c->cand[0].support)
			table_add(&c->out, key, keylen, c->cand[k].word, strlen(c->cand[k].word));
}

ht_dict *dict_compose_via_en(const ht_dict *a_en, const ht_dict *en_a, const ht_dict *en_b,
			     const ht_dict *b_en, const char *a, const char *b)
{
	size_t na = (a_en ? a_en->nkeys : 0) + (en_a ? en_a->nkeys : 0);
	size_t nb = (en_b ? en_b->nkeys : 0) + (b_en ? b_en->nkeys : 0);
	if (!na || !nb)
		return NULL;
	/* a -> English keys, English key -> b */
	table a2e, e2b;
	table_init(&a2e, a, "en", na);
	dict_each(a_en, add_forward, &a2e);
	dict_each(en_a, add_backward, &a2e);
	ht_dict *a2e_d = table_finish(&a2e);
	table_init(&e2b, "en", b, nb);
	dict_each(en_b, add_en_key_forward, &e2b);
	dict_each(b_en, add_en_key_backward, &e2b);
	ht_dict *e2b_d = table_finish(&e2b);

	composer c = {.e2b = e2b_d};
	table_init(&c.out, a, b, a2e_d->nkeys);
	dict_each(a2e_d, compose_key, &c);
	ht_dict *out = table_finish(&c.out);
	free(c.cand);
	ht_dict_free(a2e_d);
	ht_dict_free(e2b_d);
	if (!out->nkeys) {
		ht_dict_free(out);
		return NULL;
	}
	return out;
}
