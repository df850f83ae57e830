/* Bilingual dictionaries: CC-CEDICT (cedict_ts.u8) and plain "source<TAB>target"
 * lists, indexed by the folded source key (ht_key_fold).
 *
 * Loading collects (key, target) pairs in two arenas, then sorts them by key so
 * that the targets of one key form one contiguous run of pointers, which is what
 * ht_dict_lookup hands out.  Pointers into the arenas are made only after the
 * last append, so the arenas never move under them. */
#include "hutong/dict.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/util.h"

typedef struct dict_pair {
	uint64_t prefix;    /* the key's first 8 bytes, big-endian, zero-padded: most
			       comparisons of the sort end here, without the arena */
	size_t key, keylen; /* offset and length in keys arena */
	size_t tgt;         /* offset of the NUL-terminated target in targets arena */
	size_t seq;         /* input order, keeps the sort stable */
} dict_pair;

typedef struct dict_slot { /* 16 bytes: the table holds every key prefix too */
	uint32_t key, first;     /* offset in keys arena; start of the run in ptrs */
	uint16_t keylen, count;  /* keylen 0 = empty slot; count 0 = only a prefix */
	uint8_t longer;          /* some longer key starts with this one */
	uint8_t tag;             /* top byte of the key's hash: most other keys fail on it
				    without a look at the keys arena */
} dict_slot;

struct ht_dict {
	char *from, *to;
	ht_buf keys, targets;
	const char **ptrs;
	dict_slot *slots;
	size_t nslots, nkeys;
};


typedef struct loader {
	ht_dict *d;
	dict_pair *pairs;
	size_t npairs, cap;
	ht_buf fold;
	ht_buf clean; /* the gloss being cleaned, reused from one gloss to the next */
	const char *last; /* the key folded last, and where its folded form is */
	size_t last_len, last_key;
} loader;

/* Add (key, target); the key is folded unless it is the one folded last. */
static void add_pair(loader *ld, const char *key, size_t keylen, const char *tgt, size_t tgtlen)
{
	if (keylen != ld->last_len || memcmp(key, ld->last, keylen) != 0) {
		ht_buf_reset(&ld->fold);
		ht_key_fold(key, keylen, &ld->fold);
		ld->last = key;
		ld->last_len = keylen;
		ld->last_key = SIZE_MAX;
	}
	if (!ld->fold.len || ld->fold.len >= UINT16_MAX || !tgtlen || ld->d->keys.len >= UINT32_MAX / 2)
		return;
	HT_GROW(ld->pairs, ld->npairs + 1, ld->cap);
	dict_pair *p = &ld->pairs[ld->npairs];
	if (ld->last_key == SIZE_MAX) {
		ld->last_key = ld->d->keys.len;
		ht_buf_add(&ld->d->keys, ld->fold.s, ld->fold.len);
	}
	p->key = ld->last_key;
	p->keylen = ld->fold.len;
	p->prefix = 0;
	for (size_t k = 0; k < 8; k++)
		p->prefix = p->prefix << 8 | (k < ld->fold.len ? (unsigned char)ld->fold.s[k] : 0);
	p->tgt = ld->d->targets.len;
	ht_buf_add(&ld->d->targets, tgt, tgtlen);
	ht_buf_addc(&ld->d->targets, '\0');
	p->seq = ld->npairs++;
}

static const char *sort_keys; /* qsort has no context argument */

static int pair_cmp(const void *a, const void *b)
{
	const dict_pair *x = a, *y = b;
	if (x->prefix != y->prefix) /* the order of memcmp, shorter first */
		return x->prefix < y->prefix ? -1 : 1;
	size_t n = x->keylen < y->keylen ? x->keylen : y->keylen;
	int c = memcmp(sort_keys + x->key, sort_keys + y->key, n);
	if (c)
		return c;
	if (x->keylen != y->keylen)
		return x->keylen < y->keylen ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The slot of key s (whose ht_hash_bytes is `hash`), or the empty slot where
 * it would go when `add`, else NULL. */
static inline uint8_t hash_tag(uint64_t hash) { return (uint8_t)(hash >> 56); }

static dict_slot *find_slot_hashed(const ht_dict *d, const char *s, size_t len, uint64_t hash, int add)
{
	size_t mask = d->nslots - 1;
	uint8_t tag = hash_tag(hash);
	for (size_t h = hash & mask;; h = (h + 1) & mask) {
		dict_slot *slot = &d->slots[h];
		if (!slot->keylen) {
			if (!add)
				return NULL;
			slot->tag = tag;
			return slot;
		}
		if (slot->tag == tag && slot->keylen == len && memcmp(d->keys.s + slot->key, s, len) == 0)
			return slot;
	}
}

static dict_slot *find_slot(const ht_dict *d, const char *s, size_t len, int add)
{
	return find_slot_hashed(d, s, len, ht_hash_bytes(s, len), add);
}

static int same_key(const ht_dict *d, const dict_pair *a, const dict_pair *b)
{
	return a->keylen == b->keylen && memcmp(d->keys.s + a->key, d->keys.s + b->key, a->keylen) == 0;
}

/* Group the sorted pairs by key into the open-addressing table. */
static void build_index(loader *ld)
{
	ht_dict *d = ld->d;
	sort_keys = d->keys.s;
	if (ld->npairs)
		qsort(ld->pairs, ld->npairs, sizeof *ld->pairs, pair_cmp);
	d->ptrs = ht_xmalloc((ld->npairs ? ld->npairs : 1) * sizeof *d->ptrs);
	size_t distinct = 0;
	for (size_t i = 0; i < ld->npairs; i++)
		if (i == 0 || !same_key(d, &ld->pairs[i - 1], &ld->pairs[i]))
			distinct++;
	/* distinct proper prefixes (at code point boundaries): keys with a
	 * common prefix are neighbours once sorted, so a key brings those longer
	 * than what it shares with the key before it (some are keys too: an
	 * upper bound) */
	size_t prefixes = 0;
	const dict_pair *before = NULL;
	for (size_t i = 0; i < ld->npairs; i++) {
		const dict_pair *p = &ld->pairs[i];
		if (before && same_key(d, before, p))
			continue;
		const char *key = d->keys.s + p->key;
		size_t shared = 0;
		if (before) {
			const char *b = d->keys.s + before->key;
			while (shared < p->keylen && shared < before->keylen && key[shared] == b[shared])
				shared++;
		}
		for (size_t k = shared + 1; k < p->keylen; k++)
			prefixes += (key[k] & 0xC0) != 0x80;
		before = p;
	}
	d->nslots = 16; /* at most two thirds full */
	while (d->nslots < (distinct + prefixes) * 3 / 2)
		d->nslots *= 2;
	d->slots = ht_xcalloc_table(d->nslots, sizeof *d->slots);
	size_t i = 0, ndup = 0;
	while (i < ld->npairs) {
		size_t j = i;
		const dict_pair *p = &ld->pairs[i];
		size_t first = ndup;
		while (j < ld->npairs && same_key(d, p, &ld->pairs[j]) && ndup - first < UINT16_MAX) {
			const char *t = d->targets.s + ld->pairs[j].tgt;
			/* the same translation under one key once (trad = simp entries) */
			int seen = 0;
			for (size_t k = first; k < ndup && !seen; k++)
				seen = strcmp(d->ptrs[k], t) == 0;
			if (!seen)
				d->ptrs[ndup++] = t;
			j++;
		}
		while (j < ld->npairs && same_key(d, p, &ld->pairs[j]))
			j++; /* beyond 65535 translations of one key */
		dict_slot *slot = find_slot(d, d->keys.s + p->key, p->keylen, 1);
		slot->key = (uint32_t)p->key;
		slot->keylen = (uint16_t)p->keylen;
		slot->first = (uint32_t)first;
		slot->count = (uint16_t)(ndup - first);
		d->nkeys++;
		i = j;
	}
	/* every proper prefix of a key, so that longest matches can stop early */
	for (size_t i = 0; i < ld->npairs; i++) {
		const dict_pair *p = &ld->pairs[i];
		if (i && same_key(d, &ld->pairs[i - 1], p))
			continue;
		for (size_t k = 1; k < p->keylen; k++) {
			if ((d->keys.s[p->key + k] & 0xC0) == 0x80)
				continue;
			dict_slot *slot = find_slot(d, d->keys.s + p->key, k, 1);
			if (!slot->keylen) {
				slot->key = (uint32_t)p->key;
				slot->keylen = (uint16_t)k;
			}
			slot->longer = 1;
		}
	}
}

static int starts_with(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	return n >= k && memcmp(s, prefix, k) == 0;
}

/* A CEDICT gloss as a translation: parenthesised notes dropped, spaces
 * squeezed; cross-references and classifiers are not translations. */
static void add_gloss(loader *ld, const char *key, size_t keylen, const char *g, size_t n)
{
	if (starts_with(g, n, "CL:") || starts_with(g, n, "variant of") ||
	    starts_with(g, n, "old variant of") || starts_with(g, n, "see ") ||
	    starts_with(g, n, "used in ") || starts_with(g, n, "surname "))
		return;
	/* one allocation per dictionary, not per gloss: the cleaned gloss is
	 * never longer than the gloss, so it is written straight into the buffer */
	ht_buf *clean = &ld->clean;
	ht_buf_reset(clean);
	ht_buf_grow(clean, n + 1);
	char *out = clean->s;
	size_t len = 0;
	int depth = 0;
	for (size_t i = 0; i < n; i++) {
		char c = g[i];
		if (c == '(' || c == '[')
			depth++;
		else if ((c == ')' || c == ']') && depth > 0)
			depth--;
		else if (!depth) {
			if (c == ' ' && (!len || out[len - 1] == ' '))
				continue;
			out[len++] = c;
		}
	}
	while (len && out[len - 1] == ' ')
		len--;
	add_pair(ld, key, keylen, out, len);
}

/* "TRAD SIMP [PIN1 YIN1] /gloss/gloss/" */
static ht_status parse_cedict_line(loader *ld, const char *path, size_t lineno, const char *s,
				   size_t n, ht_error *err)
{
	const char *end = s + n;
	const char *sp1 = memchr(s, ' ', n);
	const char *sp2 = sp1 ? memchr(sp1 + 1, ' ', (size_t)(end - sp1 - 1)) : NULL;
	const char *lb = sp2 ? memchr(sp2, '[', (size_t)(end - sp2)) : NULL;
	const char *rb = lb ? memchr(lb, ']', (size_t)(end - lb)) : NULL;
	const char *sl = rb ? memchr(rb, '/', (size_t)(end - rb)) : NULL;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (!sp1 || sp1 == s || !sp2 || sp2 == sp1 + 1 || !lb || !rb || !sl || end[-1] != '/' ||
	    end - sl < 2)
		return ht_error_set(err, HT_ERR_DATA,
				    "%s:%zu: not a CC-CEDICT entry (TRAD SIMP [pinyin] /gloss/)", path,
				    lineno);
	const char *trad = s, *simp = sp1 + 1;
	size_t tradlen = (size_t)(sp1 - s), simplen = (size_t)(sp2 - simp);
	int same = tradlen == simplen && memcmp(trad, simp, tradlen) == 0;
	for (int pass = 0; pass < (same ? 1 : 2); pass++)
		for (const char *g = sl + 1; g < end;) {
			const char *e = memchr(g, '/', (size_t)(end - g));
			if (!e)
				e = end;
			if (pass == 0)
				add_gloss(ld, simp, simplen, g, (size_t)(e - g));
			else
				add_gloss(ld, trad, tradlen, g, (size_t)(e - g));
			g = e + 1;
		}
	return HT_OK;
}

/* "source<TAB>target[<TAB>anything]" */
static ht_status parse_tsv_line(loader *ld, const char *path, size_t lineno, const char *s, size_t n,
				ht_error *err)
{
	const char *tab = memchr(s, '\t', n);
	if (!tab)
		return ht_error_set(err, HT_ERR_DATA, "%s:%zu: no TAB between source and target", path,
				    lineno);
	const char *t = tab + 1;
	const char *tend = memchr(t, '\t', (size_t)(s + n - t));
	if (!tend)
		tend = s + n;
	if (tab == s || tend == t)
		return ht_error_set(err, HT_ERR_DATA, "%s:%zu: empty %s", path, lineno,
				    tab == s ? "source" : "target");
	add_pair(ld, s, (size_t)(tab - s), t, (size_t)(tend - t));
	return HT_OK;
}

static ht_status parse_lines(loader *ld, const char *path, const ht_buf *text, ht_error *err)
{
	int format = 0; /* 0 unknown, 1 CEDICT, 2 TSV: fixed by the first entry line */
	size_t lineno = 0;
	for (size_t at = 0; at < text->len;) {
		const char *s = text->s + at;
		const char *nl = memchr(s, '\n', text->len - at);
		size_t n = nl ? (size_t)(nl - s) : text->len - at;
		at += n + 1;
		lineno++;
		if (n == 0 || (format != 2 && s[0] == '#'))
			continue;
		if (!format)
			format = memchr(s, '\t', n) ? 2 : 1;
		ht_status st = format == 1 ? parse_cedict_line(ld, path, lineno, s, n, err)
					   : parse_tsv_line(ld, path, lineno, s, n, err);
		if (st != HT_OK)
			return st;
	}
	return HT_OK;
}

/* Room for every pair the text can give (a CEDICT gloss ends at a '/' and
 * gives at most two pairs; a TSV line one) and for its glosses, so that the
 * arrays are not copied as they grow: pages never written cost nothing. */
static void reserve(loader *ld, const ht_buf *text)
{
	size_t bound = 1;
	for (size_t i = 0; i < text->len; i++)
		bound += text->s[i] == '/' ? 2 : text->s[i] == '\n';
	ld->cap = bound;
	ld->pairs = ht_xmalloc_table(bound * sizeof *ld->pairs);
	ht_buf_reserve_table(&ld->d->targets, 2 * text->len);
	ht_buf_reserve_table(&ld->d->keys, text->len / 2);
}

ht_status ht_dict_load(const char *path, const char *from, const char *to, ht_dict **out,
		       ht_error *err)
{
	*out = NULL;
	ht_buf text = HT_BUF_INIT;
	ht_status st = ht_text_read(path, &text, NULL, err);
	if (st != HT_OK) {
		ht_buf_release(&text);
		return st;
	}
	ht_dict *d = ht_xcalloc(1, sizeof *d);
	d->from = ht_xstrdup(from ? from : "zh");
	d->to = ht_xstrdup(to ? to : "en");
	ht_buf_init(&d->keys);
	ht_buf_init(&d->targets);
	loader ld = {d, NULL, 0, 0, HT_BUF_INIT, HT_BUF_INIT, NULL, 0, SIZE_MAX};
	reserve(&ld, &text);
	st = parse_lines(&ld, path, &text, err);
	ht_buf_release(&text);
	if (st == HT_OK)
		build_index(&ld);
	free(ld.pairs);
	ht_buf_release(&ld.fold);
	ht_buf_release(&ld.clean);
	if (st != HT_OK) {
		ht_dict_free(d);
		return st;
	}
	*out = d;
	return HT_OK;
}

void ht_dict_free(ht_dict *d)
{
	if (!d)
		return;
	free(d->from);
	free(d->to);
	ht_buf_release(&d->keys);
	ht_buf_release(&d->targets);
	free(d->ptrs);
	free(d->slots);
	free(d);
}

const char *ht_dict_from(const ht_dict *d) { return d->from; }
const char *ht_dict_to(const ht_dict *d) { return d->to; }
size_t ht_dict_entry_count(const ht_dict *d) { return d->nkeys; }

size_t ht_dict_lookup(const ht_dict *d, const char *key, size_t len, const char *const **targets)
{
	*targets = NULL;
	if (!d || !d->slots || !len)
		return 0;
	const dict_slot *slot = find_slot(d, key, len, 0);
	if (!slot || !slot->count)
		return 0;
	*targets = d->ptrs + slot->first;
	return slot->count;
}

/* Prefixes hashed and their slots fetched ahead of the walk: each probe of
 * the large table is a cache miss, and this way they overlap. */
#define PREFETCH_PREFIXES 3

size_t ht_dict_longest_prefix(const ht_dict *d, const char *s, size_t len)
{
	if (!d || !d->slots)
		return 0;
	size_t ends[PREFETCH_PREFIXES];
	uint64_t hashes[PREFETCH_PREFIXES];
	size_t best = 0, i = 0;
	uint64_t hash = HT_HASH_SEED; /* of s[0 .. i), extended code point by code point */
	while (i < len) {
		size_t np = 0;
		for (size_t at = i; at < len && np < PREFETCH_PREFIXES; np++) {
			size_t from = at;
			do
				at++;
			while (at < len && ((unsigned char)s[at] & 0xC0) == 0x80);
			hash = ht_hash_more(hash, s + from, at - from);
			ends[np] = at;
			hashes[np] = hash;
			__builtin_prefetch(&d->slots[hash & (d->nslots - 1)]);
		}
		for (size_t k = 0; k < np; k++) {
			i = ends[k];
			const dict_slot *slot = find_slot_hashed(d, s, i, hashes[k], 0);
			if (!slot)
				return best;
			if (slot->count)
				best = i;
			if (!slot->longer)
				return best;
		}
	}
	return best;
}
