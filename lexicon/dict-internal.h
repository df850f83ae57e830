/* Internals of the dictionaries (lexicon/dict*.c).
 *
 * A dictionary is one direction of translation: folded source keys
 * (ht_key_fold) -> target strings, in an open-addressing table that also
 * holds every proper prefix of every key (for longest-match segmentation).
 * A dictionary opened for a pair may carry the other direction as a second
 * dictionary (`rev`), e.g. FreeDict's eng-fra with fra-eng.
 *
 * Every reader (CC-CEDICT, TSV, dictd, a composition) fills a dictionary
 * through one builder: for each entry, dict_entry_key sets the headword,
 * dict_entry_target adds translations, dict_entry_commit files them under
 * the key; dict_builder_finish then groups them by key.  Loading is linear
 * in the input, whatever the length of a headword or the number of
 * translations of one key.
 */
#ifndef HT_DICT_INTERNAL_H
#define HT_DICT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "common/util.h"
#include "hutong/dict.h"

typedef struct dict_slot {
	uint32_t key, keylen; /* offset in the keys arena and length; keylen 0 = empty slot */
	uint32_t first, count; /* run in ptrs (while loading: first is the key id, count 1 for
				  a key); count 0 = only a prefix of longer keys */
	uint32_t hash;         /* low 32 bits of the key's hash: its place, a first test before
				  the bytes are compared, and no key is hashed again when the
				  table grows */
	uint32_t longer;       /* some longer key starts with this one */
} dict_slot;

struct ht_dict {
	char *from, *to;
	char *source; /* what ht_dict_source says */
	char *name;   /* short: "CC-CEDICT", "FreeDict eng-fra", the file (descriptions of
			 what is made of it) */
	ht_buf keys, targets;
	const char **ptrs;
	dict_slot *slots;
	size_t nslots, nkeys;
	ht_dict *rev;  /* the other direction (to -> from), or NULL */
	int owns_rev;  /* rev is freed with this one (rev->rev points back, unowned) */
};

/* A code point boundary of a folded key: its prefix's length and hash. */
typedef struct key_bound {
	size_t len;
	uint64_t hash;
} key_bound;

/* One column of headwords (CEDICT: simplified, traditional; others: the
 * source).  It keeps the word seen last, because dictionaries give the
 * readings or senses of one word on consecutive lines: the same word is
 * folded and looked up once. */
typedef struct key_side {
	ht_buf raw;      /* the word as given last (a copy: callers reuse their buffers) */
	int have_raw;
	ht_buf fold;
	key_bound *bounds; /* of each prefix that ends a code point, the key last */
	size_t nbounds, cap;
	uint32_t id; /* NO_KEY until the key has a translation (or when it cannot be one) */
} key_side;

typedef struct dict_pair {
	uint32_t key; /* key id */
	uint32_t tgt; /* offset of the NUL-terminated target in the targets arena */
} dict_pair;

/* A key's translations: while reading, how many pairs it has; then where its
 * run of ptrs starts and how long it is. */
typedef struct key_run {
	uint32_t first, count;
} key_run;

typedef struct dict_builder {
	ht_dict *d;
	size_t nused; /* occupied slots */
	dict_pair *pairs;
	size_t npairs, cap;
	key_run *runs; /* by key id */
	size_t runs_cap;
	key_side sides[2];
	uint32_t *entry_tgts; /* the translations of the entry being read */
	size_t nentry_tgts, entry_tgts_cap;
} dict_builder;

#define NO_KEY UINT32_MAX

/* A new, empty dictionary from -> to (its source description NULL). */
ht_dict *dict_new(const char *from, const char *to);
/* Start filling d: room for about `entries` headwords, `pairs` translations
 * and `bytes` of translation text (hints: everything grows as needed). */
void dict_builder_init(dict_builder *b, ht_dict *d, size_t entries, size_t pairs, size_t bytes);
/* Headword raw[0..rawlen) of the entry being read, in column `side` (0 or 1);
 * the entry's list of translations starts empty. */
void dict_entry_key(dict_builder *b, int side, const char *raw, size_t rawlen);
/* Room for a translation of up to n bytes at the end of the targets arena:
 * write it there, then call dict_entry_target_end with its length. */
char *dict_entry_target_room(dict_builder *b, size_t n);
void dict_entry_target_end(dict_builder *b, size_t len);
/* A translation copied as is (not empty). */
void dict_entry_target(dict_builder *b, const char *s, size_t len);
/* File the entry's translations under the key of `side`; returns its key id
 * (NO_KEY when the key is empty or the arenas are full). */
uint32_t dict_entry_commit(dict_builder *b, int side);
/* The key id of `side`'s headword, made when it has none yet. */
uint32_t dict_side_key_id(dict_builder *b, int side);
/* Group the translations by key (each once, in input order). */
void dict_builder_finish(dict_builder *b);
void dict_builder_release(dict_builder *b);

/* "NAME (path)", or the path alone when name is NULL. */
void dict_set_source(ht_dict *d, const char *name, const char *path);
void dict_set_name(ht_dict *d, const char *name);
/* The short name ("" when none). */
const char *dict_name(const ht_dict *d);

/* Each key of d with its translations, in key order of insertion:
 * fn(key, keylen, targets, n, arg). */
void dict_each(const ht_dict *d, void (*fn)(const char *key, size_t keylen, const char *const *targets,
					      size_t n, void *arg),
	       void *arg);

/* Replace the languages of d. */
void dict_set_langs(ht_dict *d, const char *from, const char *to);
/* True when BCP 47 tags a and b have the same primary subtag ("zh-Hans" = "zh"). */
int dict_lang_same(const char *a, const char *b);
/* The BCP 47 tags of a FreeDict file's languages from its name
 * (".../freedict-eng-fra.index" gives "en", "fr"): 1, or 0 when the name is
 * not of that shape.  from and to have room for 8 bytes. */
int dict_freedict_langs(const char *path, char *from, char *to);

/* Load a dictd dictionary (FreeDict): `index` is the .index file, the data
 * is next to it (.dict.dz, dictzip = gzip, or .dict).  Headwords and
 * translations as `from` -> `to`. */
ht_status dict_load_dictd(const char *index, const char *from, const char *to, ht_dict **out,
			  ht_error *err);

/* a -> b through English, for a pair no dictionary serves directly: what
 * a's words mean in English (a -> en, or en -> a read backwards) composed
 * with what English words are in b (en -> b, or b -> en read backwards);
 * any of the four may be NULL.  A translation reached through ambiguous
 * English words is kept only when it is among the best supported of its
 * key (see dict-compose.c).  NULL when nothing composes.  The caller frees
 * the result. */
ht_dict *dict_compose_via_en(const ht_dict *a_en, const ht_dict *en_a, const ht_dict *en_b,
			     const ht_dict *b_en, const char *a, const char *b);

#endif
