/* Bilingual dictionaries: CC-CEDICT (cedict_ts.u8) and plain "source<TAB>target"
 * lists, indexed by the folded source key (ht_key_fold).
 *
 * Loading builds the open-addressing table as it reads: a key gets a dense id
 * (and its proper prefixes their slots) when it gets its first translation,
 * and each translation becomes a (key id, target) pair.  A counting sort by
 * key id then makes the targets of one key one contiguous run of pointers, in
 * input order, which is what ht_dict_lookup hands out.  Pointers into the
 * arenas are made only after the last append, so the arenas never move under
 * them. */
#include "hutong/dict.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/util.h"

typedef struct dict_slot { /* 16 bytes: the table holds every key prefix too */
	uint32_t key, first;     /* offset in keys arena; start of the run in ptrs
				    (while loading: the key id) */
	uint16_t keylen, count;  /* keylen 0 = empty slot; count 0 = only a prefix
				    (while loading: 1 = a key) */
	uint8_t longer;          /* some longer key starts with this one */
	uint8_t tag;             /* top byte of the key's hash: most other keys fail on it
				    without a look at the keys arena */
} dict_slot;

struct ht_dict {
	char *from, *to;
	char *source; /* what ht_dict_source says */
	ht_buf keys, targets;
	const char **ptrs;
	dict_slot *slots;
	size_t nslots, nkeys;
};

typedef struct dict_pair {
	uint32_t key; /* key id */
	uint32_t tgt; /* offset of the NUL-terminated target in targets arena */
} dict_pair;

#define NO_KEY UINT32_MAX

/* A key's translations: while reading, how many pairs it has; then where its
 * run of ptrs starts and how long it is. */
typedef struct key_run {
	uint32_t first, count;
} key_run;

/* A code point boundary of a folded key: its prefix's length and hash. */
typedef struct key_bound {
	size_t len;
	uint64_t hash;
} key_bound;

/* One column of headwords (CEDICT: simplified, traditional; TSV: the source).
 * It keeps the word seen last, because CEDICT gives the readings of one word
 * on consecutive lines: the same word is folded and looked up once. */
typedef struct key_side {
	const char *raw; /* the word as in the text, NULL before the first */
	size_t rawlen;
	ht_buf fold;
	key_bound *bounds; /* of each prefix that ends a code point, the key last */
	size_t nbounds, cap;
	uint32_t id; /* NO_KEY until the key has a translation (or when it cannot be one) */
} key_side;

typedef struct loader {
	ht_dict *d;
	size_t lines; /* in the text */
	size_t nused; /* occupied slots */
	dict_pair *pairs;
	size_t npairs, cap;
	key_run *runs; /* by key id */
	size_t runs_cap;
	key_side sides[2];
	uint32_t *line_tgts; /* the translations of the entry being read */
	size_t nline_tgts, line_tgts_cap;
} loader;

static inline uint8_t hash_tag(uint64_t hash) { return (uint8_t)(hash >> 56); }

/* The slot of key s (whose ht_hash_bytes is `hash`), or the empty slot where
 * it would go when `add`, else NULL. */
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

/* An empty table kept at most two thirds full for `entries` keys and prefixes. */
static void alloc_table(ht_dict *d, size_t entries)
{
	d->nslots = 16;
	while (d->nslots < entries * 3 / 2)
		d->nslots *= 2;
	d->slots = ht_xcalloc_table(d->nslots, sizeof *d->slots);
}

/* Twice the slots.  The old table is read in order, so the entries land in
 * two nearly sequential streams of the new one. */
static void grow_table(ht_dict *d)
{
	dict_slot *old = d->slots;
	size_t n = d->nslots;
	d->nslots = 2 * n;
	d->slots = ht_xcalloc_table(d->nslots, sizeof *d->slots);
	for (size_t i = 0; i < n; i++)
		if (old[i].keylen) {
			const char *key = d->keys.s + old[i].key;
			*find_slot(d, key, old[i].keylen, 1) = old[i];
		}
	free(old);
}

/* The slot of s[0..len) for the caller to fill when empty (keylen 0). */
static dict_slot *claim_slot(loader *ld, const char *s, size_t len, uint64_t hash)
{
	if ((ld->nused + 1) * 3 > ld->d->nslots * 2)
		grow_table(ld->d);
	dict_slot *slot = find_slot_hashed(ld->d, s, len, hash, 1);
	ld->nused += !slot->keylen;
	return slot;
}

/* Fold a headword (unless it is the one this side saw last) and hash its
 * prefixes; their slots are fetched now, while the glosses are read. */
static void fold_key(loader *ld, key_side *k, const char *raw, size_t rawlen)
{
	if (k->raw && rawlen == k->rawlen && memcmp(raw, k->raw, rawlen) == 0)
		return;
	k->raw = raw;
	k->rawlen = rawlen;
	k->id = NO_KEY;
	k->nbounds = 0;
	ht_buf_reset(&k->fold);
	ht_key_fold(raw, rawlen, &k->fold);
	const char *s = k->fold.s;
	size_t len = k->fold.len;
	if (!len || len >= UINT16_MAX)
		return;
	uint64_t hash = HT_HASH_SEED;
	for (size_t at = 0; at < len;) {
		size_t from = at;
		do
			at++;
		while (at < len && (s[at] & 0xC0) == 0x80);
		hash = ht_hash_more(hash, s + from, at - from);
		HT_GROW(k->bounds, k->nbounds + 1, k->cap);
		k->bounds[k->nbounds++] = (key_bound){at, hash};
		__builtin_prefetch(&ld->d->slots[hash & (ld->d->nslots - 1)]);
	}
}

/* Every proper prefix of the key at `off` in the keys arena gets a slot with
 * `longer` set, longest first.  A prefix that has `longer` already has all
 * of its own prefixes in (the key that set it put them there): stop. */
static void add_prefixes(loader *ld, const key_side *k, uint32_t off)
{
	for (size_t b = k->nbounds - 1; b-- > 0;) {
		size_t len = k->bounds[b].len;
		dict_slot *slot = claim_slot(ld, k->fold.s, len, k->bounds[b].hash);
		if (!slot->keylen) {
			slot->key = off;
			slot->keylen = (uint16_t)len;
		} else if (slot->longer)
			return;
		slot->longer = 1;
	}
}

/* A new key id for the side's folded key, or the one it has. */
static uint32_t insert_key(loader *ld, const key_side *k)
{
	ht_dict *d = ld->d;
	/* keys arena offsets are 32 bits */
	if (!k->nbounds || d->nkeys >= NO_KEY || d->keys.len >= UINT32_MAX / 2)
		return NO_KEY;
	const char *s = k->fold.s;
	size_t len = k->fold.len;
	dict_slot *slot = claim_slot(ld, s, len, k->bounds[k->nbounds - 1].hash);
	if (slot->count)
		return slot->first;
	int is_new = !slot->keylen; /* else a prefix so far, whose prefixes are in */
	if (is_new) {
		slot->key = (uint32_t)d->keys.len;
		slot->keylen = (uint16_t)len;
		ht_buf_add(&d->keys, s, len);
	}
	uint32_t id = (uint32_t)d->nkeys++;
	slot->first = id;
	slot->count = 1;
	if (is_new)
		add_prefixes(ld, k, slot->key); /* may move the table: slot is done with */
	HT_GROW(ld->runs, d->nkeys, ld->runs_cap);
	ld->runs[id].count = 0;
	return id;
}

static uint32_t key_id(loader *ld, key_side *k)
{
	if (k->id == NO_KEY)
		k->id = insert_key(ld, k);
	return k->id;
}

/* The translations of the entry read last, under the side's key. */
static void add_pairs(loader *ld, uint32_t id)
{
	if (id == NO_KEY)
		return;
	HT_GROW(ld->pairs, ld->npairs + ld->nline_tgts, ld->cap);
	for (size_t i = 0; i < ld->nline_tgts; i++)
		ld->pairs[ld->npairs++] = (dict_pair){id, ld->line_tgts[i]};
	ld->runs[id].count += (uint32_t)ld->nline_tgts;
}

/* Close the target being written at the end of the targets arena (len bytes,
 * not empty) and count it as a translation of the entry being read, unless
 * the arena is past what the pairs' 32-bit offsets reach. */
static void end_target(loader *ld, size_t len)
{
	ht_buf *t = &ld->d->targets;
	if (t->len + len >= UINT32_MAX) {
		t->s[t->len] = '\0';
		return;
	}
	HT_GROW(ld->line_tgts, ld->nline_tgts + 1, ld->line_tgts_cap);
	ld->line_tgts[ld->nline_tgts++] = (uint32_t)t->len;
	t->s[t->len + len] = '\0';
	t->len += len + 1;
	t->s[t->len] = '\0';
}

/* The same translation under one key once (trad = simp entries); at most
 * 65535 of them.  Runs are compacted towards the front of ptrs. */
static uint32_t dedup_run(const char **ptrs, size_t to, size_t from, size_t n)
{
	size_t kept = 0;
	for (size_t j = from; j < from + n && kept < UINT16_MAX; j++) {
		int seen = 0;
		for (size_t k = to; k < to + kept && !seen; k++)
			seen = strcmp(ptrs[k], ptrs[j]) == 0;
		if (!seen)
			ptrs[to + kept++] = ptrs[j];
	}
	return (uint32_t)kept;
}

/* Group the pairs by key into runs of ptrs (a counting sort: the pairs are
 * placed from the last, each at the end of its key's run, which keeps input
 * order within a run), then give each key slot its run. */
static void build_index(loader *ld)
{
	ht_dict *d = ld->d;
	/* as large as the pairs' bound, for the huge pages of a large block:
	 * the first touch of a 4 KB page costs more than what is written to it */
	d->ptrs = ht_xmalloc_table((ld->cap ? ld->cap : 1) * sizeof *d->ptrs);
	size_t end = 0;
	for (size_t id = 0; id < d->nkeys; id++)
		ld->runs[id].first = (uint32_t)(end += ld->runs[id].count);
	for (size_t i = ld->npairs; i-- > 0;) {
		const dict_pair *p = &ld->pairs[i];
		d->ptrs[--ld->runs[p->key].first] = d->targets.s + p->tgt;
	}
	size_t kept = 0;
	for (size_t id = 0; id < d->nkeys; id++) {
		key_run *r = &ld->runs[id];
		size_t from = r->first;
		r->first = (uint32_t)kept;
		r->count = dedup_run(d->ptrs, kept, from, r->count);
		kept += r->count;
	}
	for (size_t i = 0; i < d->nslots; i++) {
		dict_slot *slot = &d->slots[i];
		if (slot->count) {
			const key_run *r = &ld->runs[slot->first];
			slot->first = r->first;
			slot->count = (uint16_t)r->count;
		}
	}
}

static int starts_with(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	return n >= k && memcmp(s, prefix, k) == 0;
}

/* A CEDICT gloss as a translation of the entry: parenthesised notes
 * dropped, spaces squeezed; cross-references and classifiers are not
 * translations.  The cleaned gloss is never longer than the gloss, so it is
 * written straight into the targets arena. */
static void add_gloss(loader *ld, const char *g, size_t n)
{
	if (starts_with(g, n, "CL:") || starts_with(g, n, "variant of") ||
	    starts_with(g, n, "old variant of") || starts_with(g, n, "see ") ||
	    starts_with(g, n, "used in ") || starts_with(g, n, "surname "))
		return;
	ht_buf *t = &ld->d->targets;
	ht_buf_grow(t, n + 1);
	char *out = t->s + t->len;
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
	if (len)
		end_target(ld, len);
}

/* "TRAD SIMP [PIN1 YIN1] /gloss/gloss/": the glosses are cleaned once, for
 * both headwords. */
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
	fold_key(ld, &ld->sides[0], simp, simplen);
	if (!same)
		fold_key(ld, &ld->sides[1], trad, tradlen);
	ld->nline_tgts = 0;
	for (const char *g = sl + 1; g < end;) {
		const char *e = memchr(g, '/', (size_t)(end - g));
		if (!e)
			e = end;
		add_gloss(ld, g, (size_t)(e - g));
		g = e + 1;
	}
	if (!ld->nline_tgts)
		return HT_OK;
	uint32_t simp_id = key_id(ld, &ld->sides[0]);
	add_pairs(ld, simp_id);
	/* a traditional form that folds to the simplified key would only
	 * repeat its translations */
	if (!same && key_id(ld, &ld->sides[1]) != simp_id)
		add_pairs(ld, ld->sides[1].id);
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
	fold_key(ld, &ld->sides[0], s, (size_t)(tab - s));
	size_t len = (size_t)(tend - t);
	ht_buf_grow(&ld->d->targets, len + 1);
	memcpy(ld->d->targets.s + ld->d->targets.len, t, len);
	ld->nline_tgts = 0;
	end_target(ld, len);
	add_pairs(ld, key_id(ld, &ld->sides[0]));
	return HT_OK;
}

/* "CC-CEDICT (path)", or the path of a plain list. */
static void set_source(ht_dict *d, const char *format_name, const char *path)
{
	ht_buf b = HT_BUF_INIT;
	if (format_name) {
		ht_buf_adds(&b, format_name);
		ht_buf_adds(&b, " (");
	}
	ht_buf_adds(&b, path);
	if (format_name)
		ht_buf_addc(&b, ')');
	d->source = ht_buf_detach(&b, NULL);
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
		if (!format) {
			format = memchr(s, '\t', n) ? 2 : 1;
			/* room for the headwords of every line (two on a CEDICT
			 * line), which most often covers their prefixes too:
			 * the table seldom has to grow */
			alloc_table(ld->d, format == 1 ? 2 * ld->lines : ld->lines);
		}
		if (!ld->d->source)
			set_source(ld->d, format == 1 ? "CC-CEDICT" : NULL, path);
		ht_status st = format == 1 ? parse_cedict_line(ld, path, lineno, s, n, err)
					   : parse_tsv_line(ld, path, lineno, s, n, err);
		if (st != HT_OK)
			return st;
	}
	return HT_OK;
}

/* How many of the bytes of s[0..n) are '/' and how many '\n': in blocks of
 * 64 with a byte-wide count each, which the compiler makes vector compares
 * (ten times as fast as the plain loop on a 9 MB dictionary). */
static void count_slashes_lines(const char *s, size_t n, size_t *slashes, size_t *lines)
{
	size_t i = 0;
	*slashes = *lines = 0;
	for (; i + 64 <= n; i += 64) {
		unsigned char block_slashes = 0, block_lines = 0;
		for (size_t k = 0; k < 64; k++) {
			block_slashes += s[i + k] == '/';
			block_lines += s[i + k] == '\n';
		}
		*slashes += block_slashes;
		*lines += block_lines;
	}
	for (; i < n; i++) {
		*slashes += s[i] == '/';
		*lines += s[i] == '\n';
	}
}

/* Room for every pair the text can give (a CEDICT gloss ends at a '/' and
 * gives at most two pairs; a TSV line one) and for its translations (each
 * with its NUL no longer than its gloss with the '/' or TAB after it), so
 * that the arrays are not copied as they grow and come in huge pages: pages
 * never written cost nothing. */
static void reserve(loader *ld, const ht_buf *text)
{
	size_t slashes, newlines;
	count_slashes_lines(text->s, text->len, &slashes, &newlines);
	ld->lines = newlines + 1;
	ld->cap = 2 * slashes + ld->lines;
	ld->pairs = ht_xmalloc_table(ld->cap * sizeof *ld->pairs);
	ld->runs_cap = ld->cap; /* a key has a pair at least: cap bounds the keys too */
	ld->runs = ht_xmalloc_table(ld->runs_cap * sizeof *ld->runs);
	ht_buf_reserve_table(&ld->d->targets, text->len + 1);
	ht_buf_reserve_table(&ld->d->keys, text->len / 2);
}

static void loader_release(loader *ld)
{
	free(ld->pairs);
	free(ld->runs);
	free(ld->line_tgts);
	for (size_t i = 0; i < 2; i++) {
		ht_buf_release(&ld->sides[i].fold);
		free(ld->sides[i].bounds);
	}
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
	loader ld = {.d = d};
	for (size_t i = 0; i < 2; i++) {
		ht_buf_init(&ld.sides[i].fold);
		ld.sides[i].id = NO_KEY;
	}
	reserve(&ld, &text);
	st = parse_lines(&ld, path, &text, err);
	ht_buf_release(&text);
	if (st == HT_OK)
		build_index(&ld);
	loader_release(&ld);
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
	free(d->source);
	ht_buf_release(&d->keys);
	ht_buf_release(&d->targets);
	free(d->ptrs);
	free(d->slots);
	free(d);
}

const char *ht_dict_from(const ht_dict *d) { return d->from; }
const char *ht_dict_source(const ht_dict *d) { return d->source; }
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
