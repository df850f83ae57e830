/* The dictionary table: folded source keys -> translations, and the one
 * builder every reader fills it through (see dict-internal.h).
 *
 * Filling builds the open-addressing table as it reads: a key gets a dense
 * id (and its proper prefixes their slots) when it gets its first
 * translation, and each translation becomes a (key id, target) pair.  A
 * counting sort by key id then makes the targets of one key one contiguous
 * run of pointers, in input order, which is what ht_dict_lookup hands out.
 * Pointers into the arenas are made only after the last append, so the
 * arenas never move under them.
 *
 * Linear whatever the input: a slot keeps its key's hash, so growing the
 * table hashes no key again (a headword of n code points has n prefixes);
 * duplicate translations of a key are found with a hash set, not by
 * comparing each with all the others, and a key keeps all of them. */
#include "lexicon/dict-internal.h"

#include <stdlib.h>
#include <string.h>

static inline uint32_t slot_hash(uint64_t hash) { return (uint32_t)hash; }

/* The slot of key s (whose ht_hash_bytes is `hash`), or the empty slot where
 * it would go when `add`, else NULL. */
static dict_slot *find_slot_hashed(const ht_dict *d, const char *s, size_t len, uint64_t hash, int add)
{
	size_t mask = d->nslots - 1;
	uint32_t h32 = slot_hash(hash);
	for (size_t h = h32 & mask;; h = (h + 1) & mask) {
		dict_slot *slot = &d->slots[h];
		if (!slot->keylen) {
			if (!add)
				return NULL;
			slot->hash = h32;
			return slot;
		}
		if (slot->hash == h32 && slot->keylen == len && memcmp(d->keys.s + slot->key, s, len) == 0)
			return slot;
	}
}

static dict_slot *find_slot(const ht_dict *d, const char *s, size_t len, int add)
{
	return find_slot_hashed(d, s, len, ht_hash_bytes(s, len), add);
}

/* An empty table kept at most two thirds full for `entries` keys and prefixes. */
static void alloc_table(ht_dict *d, size_t entries)
{
	d->nslots = 16;
	while (d->nslots < entries * 3 / 2)
		d->nslots *= 2;
	d->slots = ht_xcalloc_table(d->nslots, sizeof *d->slots);
}

/* Twice the slots, each placed by the hash it keeps.  The old table is read
 * in order, so the entries land in two nearly sequential streams of the new
 * one. */
static void grow_table(ht_dict *d)
{
	dict_slot *old = d->slots;
	size_t n = d->nslots;
	d->nslots = 2 * n;
	d->slots = ht_xcalloc_table(d->nslots, sizeof *d->slots);
	size_t mask = d->nslots - 1;
	for (size_t i = 0; i < n; i++)
		if (old[i].keylen) {
			size_t h = old[i].hash & mask;
			while (d->slots[h].keylen)
				h = (h + 1) & mask;
			d->slots[h] = old[i];
		}
	free(old);
}

/* The slot of s[0..len) for the caller to fill when empty (keylen 0). */
static dict_slot *claim_slot(dict_builder *b, const char *s, size_t len, uint64_t hash)
{
	if ((b->nused + 1) * 3 > b->d->nslots * 2)
		grow_table(b->d);
	dict_slot *slot = find_slot_hashed(b->d, s, len, hash, 1);
	b->nused += !slot->keylen;
	return slot;
}

ht_dict *dict_new(const char *from, const char *to)
{
	ht_dict *d = ht_xcalloc(1, sizeof *d);
	d->from = ht_xstrdup(from);
	d->to = ht_xstrdup(to);
	ht_buf_init(&d->keys);
	ht_buf_init(&d->targets);
	return d;
}

void dict_set_source(ht_dict *d, const char *name, const char *path)
{
	ht_buf b = HT_BUF_INIT;
	if (name) {
		ht_buf_adds(&b, name);
		ht_buf_adds(&b, " (");
	}
	ht_buf_adds(&b, path);
	if (name)
		ht_buf_addc(&b, ')');
	free(d->source);
	d->source = ht_buf_detach(&b, NULL);
}

void dict_set_name(ht_dict *d, const char *name)
{
	free(d->name);
	d->name = ht_xstrdup(name);
}

const char *dict_name(const ht_dict *d) { return d->name ? d->name : ht_dict_source(d); }

void dict_builder_init(dict_builder *b, ht_dict *d, size_t entries, size_t pairs, size_t bytes)
{
	memset(b, 0, sizeof *b);
	b->d = d;
	for (size_t i = 0; i < 2; i++) {
		ht_buf_init(&b->sides[i].raw);
		ht_buf_init(&b->sides[i].fold);
		b->sides[i].id = NO_KEY;
	}
	/* room for the headwords, which most often covers their prefixes too:
	 * the table seldom has to grow; the arrays come in huge pages, and
	 * pages never written cost nothing */
	alloc_table(d, entries);
	b->cap = pairs + 1;
	b->pairs = ht_xmalloc_table(b->cap * sizeof *b->pairs);
	b->runs_cap = pairs + 1; /* a key has a pair at least: pairs bounds the keys too */
	b->runs = ht_xmalloc_table(b->runs_cap * sizeof *b->runs);
	ht_buf_reserve_table(&d->targets, bytes + 1);
	ht_buf_reserve_table(&d->keys, bytes / 2 + 1);
}

void dict_builder_release(dict_builder *b)
{
	free(b->pairs);
	free(b->runs);
	free(b->entry_tgts);
	for (size_t i = 0; i < 2; i++) {
		ht_buf_release(&b->sides[i].raw);
		ht_buf_release(&b->sides[i].fold);
		free(b->sides[i].bounds);
	}
	memset(b, 0, sizeof *b);
}

void dict_entry_key(dict_builder *b, int side, const char *raw, size_t rawlen)
{
	key_side *k = &b->sides[side];
	if (side == 0)
		b->nentry_tgts = 0;
	/* the word seen last is folded and hashed once */
	if (k->have_raw && rawlen == k->raw.len && memcmp(raw, k->raw.s, rawlen) == 0)
		return;
	ht_buf_reset(&k->raw);
	ht_buf_add(&k->raw, raw, rawlen);
	k->have_raw = 1;
	k->id = NO_KEY;
	k->nbounds = 0;
	ht_buf_reset(&k->fold);
	ht_key_fold(raw, rawlen, &k->fold);
	const char *s = k->fold.s;
	size_t len = k->fold.len;
	if (!len || len >= UINT32_MAX / 2)
		return;
	/* the hash of each prefix, extended code point by code point; their
	 * slots are fetched now, while the translations are read */
	uint64_t hash = HT_HASH_SEED;
	for (size_t at = 0; at < len;) {
		size_t from = at;
		do
			at++;
		while (at < len && (s[at] & 0xC0) == 0x80);
		hash = ht_hash_more(hash, s + from, at - from);
		HT_GROW(k->bounds, k->nbounds + 1, k->cap);
		k->bounds[k->nbounds++] = (key_bound){at, hash};
		__builtin_prefetch(&b->d->slots[hash & (b->d->nslots - 1)]);
	}
}

/* Every proper prefix of the key at `off` in the keys arena gets a slot with
 * `longer` set, longest first.  A prefix that has `longer` already has all
 * of its own prefixes in (the key that set it put them there): stop. */
static void add_prefixes(dict_builder *b, const key_side *k, uint32_t off)
{
	for (size_t i = k->nbounds - 1; i-- > 0;) {
		size_t len = k->bounds[i].len;
		dict_slot *slot = claim_slot(b, k->fold.s, len, k->bounds[i].hash);
		if (!slot->keylen) {
			slot->key = off;
			slot->keylen = (uint32_t)len;
		} else if (slot->longer)
			return;
		slot->longer = 1;
	}
}

/* A new key id for the side's folded key, or the one it has. */
static uint32_t insert_key(dict_builder *b, const key_side *k)
{
	ht_dict *d = b->d;
	/* keys arena offsets are 32 bits */
	if (!k->nbounds || d->nkeys >= NO_KEY - 1 || d->keys.len + k->fold.len >= UINT32_MAX)
		return NO_KEY;
	const char *s = k->fold.s;
	size_t len = k->fold.len;
	dict_slot *slot = claim_slot(b, s, len, k->bounds[k->nbounds - 1].hash);
	if (slot->count)
		return slot->first;
	int is_new = !slot->keylen; /* else a prefix so far, whose prefixes are in */
	if (is_new) {
		slot->key = (uint32_t)d->keys.len;
		slot->keylen = (uint32_t)len;
		ht_buf_add(&d->keys, s, len);
	}
	uint32_t id = (uint32_t)d->nkeys++;
	slot->first = id;
	slot->count = 1;
	if (is_new)
		add_prefixes(b, k, slot->key); /* may move the table: slot is done with */
	HT_GROW(b->runs, d->nkeys, b->runs_cap);
	b->runs[id].count = 0;
	return id;
}

uint32_t dict_side_key_id(dict_builder *b, int side)
{
	key_side *k = &b->sides[side];
	if (k->id == NO_KEY)
		k->id = insert_key(b, k);
	return k->id;
}

char *dict_entry_target_room(dict_builder *b, size_t n)
{
	ht_buf *t = &b->d->targets;
	ht_buf_grow(t, n + 1);
	return t->s + t->len;
}

/* Close the target written at the end of the targets arena (len bytes, not
 * empty) and count it as a translation of the entry being read, unless the
 * arena is past what the pairs' 32-bit offsets reach. */
void dict_entry_target_end(dict_builder *b, size_t len)
{
	ht_buf *t = &b->d->targets;
	if (!len || t->len + len >= UINT32_MAX) {
		t->s[t->len] = '\0';
		return;
	}
	HT_GROW(b->entry_tgts, b->nentry_tgts + 1, b->entry_tgts_cap);
	b->entry_tgts[b->nentry_tgts++] = (uint32_t)t->len;
	t->s[t->len + len] = '\0';
	t->len += len + 1;
	t->s[t->len] = '\0';
}

void dict_entry_target(dict_builder *b, const char *s, size_t len)
{
	memcpy(dict_entry_target_room(b, len), s, len);
	dict_entry_target_end(b, len);
}

uint32_t dict_entry_commit(dict_builder *b, int side)
{
	if (!b->nentry_tgts)
		return NO_KEY;
	uint32_t id = dict_side_key_id(b, side);
	if (id == NO_KEY)
		return NO_KEY;
	HT_GROW(b->pairs, b->npairs + b->nentry_tgts, b->cap);
	for (size_t i = 0; i < b->nentry_tgts; i++)
		b->pairs[b->npairs++] = (dict_pair){id, b->entry_tgts[i]};
	b->runs[id].count += (uint32_t)b->nentry_tgts;
	return id;
}

/* ---- grouping by key ---- */

/* Runs this short are de-duplicated by comparing each target with those
 * kept; longer ones through a hash set of the kept targets. */
#define DEDUP_SCAN 16

static size_t dedup_scan(const char **ptrs, size_t to, size_t from, size_t n)
{
	size_t kept = 0;
	for (size_t j = from; j < from + n; j++) {
		int seen = 0;
		for (size_t k = to; k < to + kept && !seen; k++)
			seen = strcmp(ptrs[k], ptrs[j]) == 0;
		if (!seen)
			ptrs[to + kept++] = ptrs[j];
	}
	return kept;
}

static size_t dedup_hashed(const char **ptrs, size_t to, size_t from, size_t n)
{
	size_t nslots = 16;
	while (nslots < 2 * n)
		nslots *= 2;
	const char **set = ht_xcalloc(nslots, sizeof *set);
	size_t kept = 0, mask = nslots - 1;
	for (size_t j = from; j < from + n; j++) {
		const char *s = ptrs[j];
		size_t h = ht_hash_bytes(s, strlen(s)) & mask;
		while (set[h] && strcmp(set[h], s) != 0)
			h = (h + 1) & mask;
		if (set[h])
			continue;
		set[h] = s;
		ptrs[to + kept++] = s;
	}
	free(set);
	return kept;
}

/* The same translation under one key once (trad = simp entries, repeated
 * senses).  Runs are compacted towards the front of ptrs, in input order. */
static uint32_t dedup_run(const char **ptrs, size_t to, size_t from, size_t n)
{
	return (uint32_t)(n <= DEDUP_SCAN ? dedup_scan(ptrs, to, from, n) : dedup_hashed(ptrs, to, from, n));
}

/* Group the pairs by key into runs of ptrs (a counting sort: the pairs are
 * placed from the last, each at the end of its key's run, which keeps input
 * order within a run), then give each key slot its run. */
void dict_builder_finish(dict_builder *b)
{
	ht_dict *d = b->d;
	d->ptrs = ht_xmalloc_table((b->npairs ? b->npairs : 1) * sizeof *d->ptrs);
	size_t end = 0;
	for (size_t id = 0; id < d->nkeys; id++)
		b->runs[id].first = (uint32_t)(end += b->runs[id].count);
	for (size_t i = b->npairs; i-- > 0;) {
		const dict_pair *p = &b->pairs[i];
		d->ptrs[--b->runs[p->key].first] = d->targets.s + p->tgt;
	}
	size_t kept = 0;
	for (size_t id = 0; id < d->nkeys; id++) {
		key_run *r = &b->runs[id];
		size_t from = r->first;
		r->first = (uint32_t)kept;
		r->count = dedup_run(d->ptrs, kept, from, r->count);
		kept += r->count;
	}
	for (size_t i = 0; i < d->nslots; i++) {
		dict_slot *slot = &d->slots[i];
		if (slot->count) {
			const key_run *r = &b->runs[slot->first];
			slot->first = r->first;
			slot->count = r->count;
		}
	}
}

/* ---- the public calls ---- */

void ht_dict_free(ht_dict *d)
{
	if (!d)
		return;
	if (d->owns_rev)
		ht_dict_free(d->rev);
	free(d->from);
	free(d->to);
	free(d->source);
	free(d->name);
	ht_buf_release(&d->keys);
	ht_buf_release(&d->targets);
	free(d->ptrs);
	free(d->slots);
	free(d);
}

const char *ht_dict_from(const ht_dict *d) { return d->from; }
const char *ht_dict_source(const ht_dict *d) { return d->source ? d->source : ""; }
const char *ht_dict_to(const ht_dict *d) { return d->to; }
size_t ht_dict_entry_count(const ht_dict *d) { return d->nkeys; }
const ht_dict *ht_dict_reverse(const ht_dict *d) { return d ? d->rev : NULL; }

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

void dict_each(const ht_dict *d, void (*fn)(const char *key, size_t keylen, const char *const *targets,
					      size_t n, void *arg),
	       void *arg)
{
	for (size_t i = 0; d && i < d->nslots; i++) {
		const dict_slot *slot = &d->slots[i];
		if (slot->count)
			fn(d->keys.s + slot->key, slot->keylen, d->ptrs + slot->first, slot->count, arg);
	}
}

/* Prefixes hashed and their slots fetched ahead of the walk: each probe of
 * the large table is a cache miss, and this way they overlap. */
#define PREFETCH_PREFIXES 3

/* The slot of prefix s[0..len), knowing that s[0..known) equals the keys
 * arena at `off`: a slot there compares only the bytes past `known`, so a
 * walk over a long key compares each byte once, not each prefix whole. */
static const dict_slot *find_prefix_slot(const ht_dict *d, const char *s, size_t len, uint64_t hash,
					 uint32_t off, size_t known)
{
	size_t mask = d->nslots - 1;
	uint32_t h32 = slot_hash(hash);
	for (size_t h = h32 & mask;; h = (h + 1) & mask) {
		const dict_slot *slot = &d->slots[h];
		if (!slot->keylen)
			return NULL;
		if (slot->hash != h32 || slot->keylen != len)
			continue;
		size_t from = slot->key == off ? known : 0;
		if (memcmp(d->keys.s + slot->key + from, s + from, len - from) == 0)
			return slot;
	}
}

size_t ht_dict_longest_prefix(const ht_dict *d, const char *s, size_t len)
{
	if (!d || !d->slots)
		return 0;
	size_t ends[PREFETCH_PREFIXES];
	uint64_t hashes[PREFETCH_PREFIXES];
	size_t best = 0, i = 0, known = 0;
	uint32_t off = UINT32_MAX; /* s[0 .. known) is the keys arena at off */
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
			__builtin_prefetch(&d->slots[slot_hash(hash) & (d->nslots - 1)]);
		}
		for (size_t k = 0; k < np; k++) {
			i = ends[k];
			const dict_slot *slot = find_prefix_slot(d, s, i, hashes[k], off, known);
			if (!slot)
				return best;
			off = slot->key;
			known = i;
			if (slot->count)
				best = i;
			if (!slot->longer)
				return best;
		}
	}
	return best;
}
