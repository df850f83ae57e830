/* Internals of bilingual pairing (lexicon/pairing*.c), shared with the unit
 * tests: the target-side word n-gram scanner and its match keys. */
#ifndef HT_PAIRING_INTERNAL_H
#define HT_PAIRING_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "common/util.h"

/* One word n-gram of a segment.  `key` points into the scanner's scratch
 * buffer and is valid only during the callback. */
typedef struct ht_ngram {
	size_t start, len;  /* surface span in the segment (first to last token) */
	size_t ntok;        /* tokens, hyphens included */
	size_t nwords;      /* word tokens */
	const char *key;    /* match key: token keys joined by single spaces */
	size_t keylen;
	uint64_t hash;      /* ht_hash_bytes(key, keylen), computed as the key grows */
	int initial;        /* begins a sentence: its first capital is not its own */
	double pos;         /* relative position of its start in the segment, in [0,1] */
} ht_ngram;

typedef void (*ht_ngram_fn)(const ht_ngram *g, void *ctx);

typedef struct ht_ngrammer ht_ngrammer;

/* A scanner for segments in `lang` yielding n-grams of 1..max_tokens tokens
 * that do not cross punctuation (hyphens excepted) and neither start nor end
 * with a function word, a number or a hyphen.  Free with ht_ngrammer_free. */
ht_ngrammer *ht_ngrammer_new(const char *lang, size_t max_tokens);
void ht_ngrammer_free(ht_ngrammer *ng);
void ht_ngrammer_scan(ht_ngrammer *ng, const char *s, size_t len, ht_ngram_fn fn, void *ctx);

/* Append the match key of one word to `out`: case folded unless keep_case,
 * then the language's light normalisation (plural, suffixes, Arabic
 * prefixes).  Exposed for tests and for the dictionary tie-breaker. */
void ht_pair_word_key(const char *lang, const char *w, size_t len, int keep_case, ht_buf *out);

/* True when the folded word w is a function word of `lang`. */
int ht_ngrammer_is_stopword(const ht_ngrammer *ng, const char *w, size_t len);

/* Append to `out` a word-by-word dictionary rendering of `term` (greedy
 * longest match, first sense of each piece, "to " and parentheses dropped);
 * returns 1 when the whole term is one dictionary entry, 0 when composed, -1
 * when some piece has no entry (out then holds nothing new). */
struct ht_dict;
int ht_pair_dict_render(const struct ht_dict *dict, const char *term, size_t len, ht_buf *out);

/* lexicon/citation.c: how much `form` looks like the citation form of a
 * term in `lang` (higher is better; 0 for languages without rules).
 * Thread-safe. */
int ht_citation_score(const char *lang, const char *form);

#endif
