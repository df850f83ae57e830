/* hutong — looking a term up in a store (hutong/store.h).
 *
 * ht_lookup_query answers one query with
 *   1. entries: the glossary and termbase entries whose term in some
 *      language is the query (case and diacritics folded), then those that
 *      contain it; each entry is one concept with its term in every language
 *      the store has (the original's term first);
 *   2. the concordance: units whose text in the query's language contains
 *      the query (FTS5: trigram for Chinese, words with case and diacritics
 *      folded for the others), each with the document, the unit id, the
 *      query's place in it, the unit in the other languages with the
 *      equivalent's place when an entry gives it, and the alignment
 *      confidence;
 *   3. near matches, when nothing matched exactly: terms of the store that
 *      look like the query (a typo, another inflection: "sustainable
 *      developmnet" -> "sustainable development", "Совета Безопасности" ->
 *      "Совет Безопасности"), with a similarity in [0,1] (one minus the
 *      edit distance over the longer length, on folded characters, as CAT
 *      tools rate fuzzy matches).  The entries and concordance of the best
 *      one are given, marked HT_MATCH_NEAR.
 * A query is language-neutral: Han text is looked up in Chinese (and
 * Japanese), other text in the other languages, unless opts->from says.
 *
 * Results are plain data the caller reads through the structs below and
 * frees with ht_lookup_result_free; ht_lookup_result_json serialises one as
 * the JSON object that `hutong lookup --format json` prints and the HTTP API
 * sends (fields documented in README.md, "hutong lookup --format json").
 * An ht_lookup keeps prepared statements: use one per thread.
 */
#ifndef HUTONG_LOOKUP_H
#define HUTONG_LOOKUP_H

#include <stddef.h>

#include "hutong/common.h"
#include "hutong/sentence.h" /* ht_span */

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ht_lookup ht_lookup;

/* Open the store at `path` read-only for lookups (errors as ht_store_open). */
ht_status ht_lookup_open(const char *path, ht_lookup **out, ht_error *err);
void ht_lookup_close(ht_lookup *lk);

typedef struct ht_lookup_opts {
	const char *from; /* language of the query; NULL: from its script */
	const char *to;   /* only this language beside the query's; NULL: every language */
	size_t limit;     /* concordance units at most (default 10; at most 1000) */
} ht_lookup_opts;

void ht_lookup_opts_init(ht_lookup_opts *opts);

typedef enum ht_match_kind {
	HT_MATCH_NONE,     /* nothing found */
	HT_MATCH_EXACT,    /* the query itself (folded) */
	HT_MATCH_CONTAINS, /* an entry whose term contains the query */
	HT_MATCH_NEAR      /* a term like the query (see similarity) */
} ht_match_kind;

/* "none", "exact", "contains", "near". Static storage. */
const char *ht_match_kind_name(ht_match_kind kind);

/* Text with marked places: byte spans of text[0..len). */
typedef struct ht_lookup_text {
	const char *lang;
	const char *text;
	size_t len;
	const ht_span *marks;
	size_t nmarks;
	double confidence; /* of the alignment of this text with the original; negative when
			      none (the original itself, a given unit) */
} ht_lookup_text;

typedef struct ht_lookup_term {
	const char *lang, *term;
	size_t freq;      /* aligned units where it and the original's term occur (0 for the original) */
	double score;     /* association (Dice), 0 for the original */
	int suggestion;   /* 1: a dictionary suggestion, not attested */
} ht_lookup_term;

typedef struct ht_lookup_entry {
	ht_match_kind match;
	double similarity;      /* of the matched term to the query, in [0,1] */
	const char *matched_lang, *matched; /* the term that matched */
	const ht_lookup_term *terms;        /* the original's term first, then each language */
	size_t nterms;
} ht_lookup_entry;

typedef struct ht_lookup_hit {
	const char *doc;        /* document NAME */
	const char *unit;       /* the unit's id in its document ("p12.s3", "L17", "1-1-title") */
	const char *source;     /* where the unit comes from inside a collection, or NULL */
	double confidence;      /* weakest alignment confidence; negative when given */
	ht_lookup_text text;    /* the unit in the query's language, the query marked */
	const ht_lookup_text *aligned; /* the unit in the other languages, the equivalents marked */
	size_t naligned;
} ht_lookup_hit;

typedef struct ht_lookup_near {
	const char *lang, *term;
	double similarity;
} ht_lookup_near;

typedef struct ht_lookup_result ht_lookup_result;

/* Look query[0..len) (UTF-8; invalid bytes are an HT_ERR_DATA error) up.
 * opts may be NULL (defaults).  *out is always set on HT_OK, also when
 * nothing is found (match HT_MATCH_NONE). */
ht_status ht_lookup_query(ht_lookup *lk, const char *query, size_t len, const ht_lookup_opts *opts,
			  ht_lookup_result **out, ht_error *err);
void ht_lookup_result_free(ht_lookup_result *r);

const char *ht_lookup_result_query(const ht_lookup_result *r);
/* The language searched ("zh", or "*" for every language but Chinese and Japanese). */
const char *ht_lookup_result_lang(const ht_lookup_result *r);
/* How the concordance and entries were found: exact, near (the query was
 * replaced by the best near match, ht_lookup_result_effective), or none. */
ht_match_kind ht_lookup_result_match(const ht_lookup_result *r);
const char *ht_lookup_result_effective(const ht_lookup_result *r);
/* The similarity of the effective query to the query (1 unless near). */
double ht_lookup_result_similarity(const ht_lookup_result *r);

size_t ht_lookup_entry_count(const ht_lookup_result *r);
const ht_lookup_entry *ht_lookup_entry_at(const ht_lookup_result *r, size_t i);
size_t ht_lookup_hit_count(const ht_lookup_result *r);
const ht_lookup_hit *ht_lookup_hit_at(const ht_lookup_result *r, size_t i);
/* All units that matched, of which the hits are the first `limit`. */
size_t ht_lookup_hit_total(const ht_lookup_result *r);
size_t ht_lookup_near_count(const ht_lookup_result *r);
const ht_lookup_near *ht_lookup_near_at(const ht_lookup_result *r, size_t i);

/* The result as one JSON object (no newline), malloc'd: the caller frees it.
 * *len (may be NULL) receives its length. */
char *ht_lookup_result_json(const ht_lookup_result *r, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
