/* The arena and the two hash maps the term candidates are counted with.
 * Open addressing with linear probing; capacities are powers of two and
 * the load stays under 1/2. */
#include "lexicon/terms-internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- arena ---- */

struct ht_arena_block {
	struct ht_arena_block *next;
	size_t used, cap;
	max_align_t data[];
};

void *ht_arena_alloc(ht_arena *a, size_t n)
{
	n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
	struct ht_arena_block *b = a->head;
	if (!b || b->cap - b->used < n) {
		size_t cap = n > 60000 ? n : 60000;
		b = ht_xmalloc(sizeof *b + cap);
		b->used = 0;
		b->cap = cap;
		b->next = a->head;
		a->head = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

char *ht_arena_strndup(ht_arena *a, const char *s, size_t n)
{
	char *p = ht_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void ht_arena_release(ht_arena *a)
{
	struct ht_arena_block *b = a->head;
	while (b) {
		struct ht_arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
}

/* ---- string map ---- */

static uint32_t hash_bytes(const char *s, size_t len)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

void ht_strmap_init(ht_strmap *m) { memset(m, 0, sizeof *m); }

void ht_strmap_release(ht_strmap *m)
{
	free(m->slots);
	free(m->strs);
	free(m->lens);
	free(m->hashes);
	ht_arena_release(&m->arena);
	ht_strmap_init(m);
}

static void strmap_rehash(ht_strmap *m, size_t cap)
{
	free(m->slots);
	m->slots = ht_xcalloc(cap, sizeof *m->slots);
	m->cap = cap;
	for (size_t id = 0; id < m->n; id++) {
		size_t k = m->hashes[id] & (cap - 1);
		while (m->slots[k])
			k = (k + 1) & (cap - 1);
		m->slots[k] = (uint32_t)id + 1;
	}
}

uint32_t ht_strmap_find(const ht_strmap *m, const char *s, size_t len)
{
	if (!m->cap)
		return UINT32_MAX;
	uint32_t h = hash_bytes(s, len);
	for (size_t k = h & (m->cap - 1);; k = (k + 1) & (m->cap - 1)) {
		uint32_t v = m->slots[k];
		if (!v)
			return UINT32_MAX;
		v--;
		if (m->hashes[v] == h && m->lens[v] == len && memcmp(m->strs[v], s, len) == 0)
			return v;
	}
}

uint32_t ht_strmap_intern(ht_strmap *m, const char *s, size_t len, int *added)
{
	if (added)
		*added = 0;
	if (2 * (m->n + 1) > m->cap)
		strmap_rehash(m, m->cap ? m->cap * 2 : 64);
	uint32_t h = hash_bytes(s, len);
	size_t k = h & (m->cap - 1);
	for (;; k = (k + 1) & (m->cap - 1)) {
		uint32_t v = m->slots[k];
		if (!v)
			break;
		v--;
		if (m->hashes[v] == h && m->lens[v] == len && memcmp(m->strs[v], s, len) == 0)
			return v;
	}
	size_t cap = m->cap_strs;
	HT_GROW(m->strs, m->n + 1, m->cap_strs);
	if (cap != m->cap_strs) {
		m->lens = ht_xrealloc(m->lens, m->cap_strs * sizeof *m->lens);
		m->hashes = ht_xrealloc(m->hashes, m->cap_strs * sizeof *m->hashes);
	}
	uint32_t id = (uint32_t)m->n++;
	m->strs[id] = ht_arena_strndup(&m->arena, s, len);
	m->lens[id] = (uint32_t)len;
	m->hashes[id] = h;
	m->slots[k] = id + 1;
	if (added)
		*added = 1;
	return id;
}

/* ---- pair map ---- */

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

void ht_pairmap_init(ht_pairmap *m) { memset(m, 0, sizeof *m); }

void ht_pairmap_release(ht_pairmap *m)
{
	free(m->slots);
	ht_pairmap_init(m);
}

void ht_pairmap_clear(ht_pairmap *m)
{
	if (m->slots)
		memset(m->slots, 0, m->cap * sizeof *m->slots);
	m->n = 0;
}

static void pairmap_rehash(ht_pairmap *m, size_t cap)
{
	ht_pairmap_slot *old = m->slots;
	size_t old_cap = m->cap;
	m->slots = ht_xcalloc(cap, sizeof *m->slots);
	m->cap = cap;
	for (size_t i = 0; i < old_cap; i++) {
		if (!old[i].key)
			continue;
		size_t k = mix64(old[i].key) & (cap - 1);
		while (m->slots[k].key)
			k = (k + 1) & (cap - 1);
		m->slots[k] = old[i];
	}
	free(old);
}

ht_pairmap_slot *ht_pairmap_get(ht_pairmap *m, uint32_t a, uint32_t b)
{
	if (2 * (m->n + 1) > m->cap)
		pairmap_rehash(m, m->cap ? m->cap * 2 : 1024);
	uint64_t key = ((uint64_t)a << 32 | b) + 1;
	size_t k = mix64(key) & (m->cap - 1);
	while (m->slots[k].key && m->slots[k].key != key)
		k = (k + 1) & (m->cap - 1);
	if (!m->slots[k].key) {
		m->slots[k].key = key;
		m->slots[k].value = 0;
		m->slots[k].count = 0;
		m->slots[k].extra = 0;
		m->n++;
	}
	return &m->slots[k];
}

const ht_pairmap_slot *ht_pairmap_find(const ht_pairmap *m, uint32_t a, uint32_t b)
{
	if (!m->cap)
		return NULL;
	uint64_t key = ((uint64_t)a << 32 | b) + 1;
	size_t k = mix64(key) & (m->cap - 1);
	while (m->slots[k].key) {
		if (m->slots[k].key == key)
			return &m->slots[k];
		k = (k + 1) & (m->cap - 1);
	}
	return NULL;
}
