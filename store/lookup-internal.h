/* Internal to store/: the parts of a lookup (lookup.c: the queries;
 * lookup-marks.c: where a term is in a text; lookup-json.c: the JSON form). */
#ifndef HT_STORE_LOOKUP_INTERNAL_H
#define HT_STORE_LOOKUP_INTERNAL_H

#include "hutong/lookup.h"
#include "store/fold.h"
#include "store/store-internal.h"

struct ht_lookup_result {
	char *query, *lang, *effective;
	ht_match_kind match;
	double similarity;
	ht_lookup_entry *entries;
	long long *concepts; /* the termbase concept of each entry */
	size_t nentries, ecap;
	ht_lookup_hit *hits;
	size_t nhits, hcap, total;
	ht_lookup_near *near;
	size_t nnear, ncap;
	void **owned; /* every block the result's strings and arrays live in */
	size_t nowned, ocap;
};

/* Copy s[0..n) into the result (NUL-terminated); freed with it. */
char *ht_lookup_keep(ht_lookup_result *r, const char *s, size_t n);
/* Hand a malloc'd block to the result. */
void *ht_lookup_own(ht_lookup_result *r, void *block);

/* Byte spans of text[0..len) where a folded term occurs: exactly (on word
 * boundaries outside Han text) or, when `tolerant` and there is no exact
 * occurrence, word by word on a shared stem (Совет Безопасности in
 * "Совета Безопасности").  Spans are added to *marks (HT_GROW; *n, *cap). */
void ht_lookup_mark(const ht_folded *text, const char *orig, const char *term, size_t term_len,
		    int tolerant, ht_span **marks, size_t *n, size_t *cap);
/* Sort marks by start and join overlapping ones. */
void ht_lookup_marks_normalize(ht_span *marks, size_t *n);

#endif
