/* hutong — monolingual term candidates.
 *
 * An ht_termset collects the term candidates of texts in one language:
 * Chinese character n-grams and word n-grams in the other languages, bounded
 * by punctuation and function words, never starting or ending inside a word;
 * then ranks them for termhood (frequency, C-value for nested terms, a
 * closedness filter against fragments such as 联互通, branching).
 *
 * Usage: ht_termset_new, ht_termset_add_text for every unit of text,
 * ht_termset_rank once, then read the ranked candidates.  Adding text after
 * ht_termset_rank discards the ranking (rank again).  The caller frees the
 * set with ht_termset_free; strings returned belong to the set.
 */
#ifndef HUTONG_TERMS_H
#define HUTONG_TERMS_H

#include <stddef.h>
#include <stdint.h>

#include "hutong/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ht_termset ht_termset;

ht_termset *ht_termset_new(const char *lang);
void ht_termset_free(ht_termset *ts);

/* Optional: a dictionary whose source words (CC-CEDICT for Chinese) are
 * known words.  A Chinese candidate may then start or end with a function
 * character when the two characters at that edge make a dictionary word
 * (不等, 对话), beyond the built-in list.  The set keeps the pointer: the
 * dictionary must outlive it.  Terms work without one. */
struct ht_dict;
void ht_termset_set_dict(ht_termset *ts, const struct ht_dict *dict);

/* Count the candidates of one unit of text; doc and unit (may be NULL) are
 * kept as the example location of candidates first seen there.  Returns the
 * unit's index (0, 1, ...) in the set. */
size_t ht_termset_add_text(ht_termset *ts, const char *text, size_t len, const char *doc,
			   const char *unit);

/* Score and sort the candidates; drops those below min_freq occurrences. */
ht_status ht_termset_rank(ht_termset *ts, size_t min_freq, ht_error *err);

/* Ranked candidates, best first (after ht_termset_rank). */
size_t ht_termset_count(const ht_termset *ts);
const char *ht_termset_term(const ht_termset *ts, size_t i);
size_t ht_termset_freq(const ht_termset *ts, size_t i);
double ht_termset_score(const ht_termset *ts, size_t i);
const char *ht_termset_example_doc(const ht_termset *ts, size_t i);
const char *ht_termset_example_unit(const ht_termset *ts, size_t i);

/* The match key of ranked candidate i: the keys of its tokens (case-folded
 * unless the word is mostly capitalised in running text, like "States";
 * plural-merged in en/fr/es; light-stemmed in ru and ar, where Arabic keys
 * also ignore diacritics and tatweel), joined by spaces; Chinese keys have no
 * spaces.  Inflected forms of one term share a key; ht_termset_term shows
 * the most frequent surface form. */
const char *ht_termset_key(const ht_termset *ts, size_t i);
/* Length of ranked candidate i in tokens (Han characters or words). */
size_t ht_termset_length(const ht_termset *ts, size_t i);
/* The rank of the candidate whose key is `key`, or SIZE_MAX. */
size_t ht_termset_find(const ht_termset *ts, const char *key);
/* The language given to ht_termset_new, and the number of units added. */
const char *ht_termset_lang(const ht_termset *ts);
size_t ht_termset_unit_count(const ht_termset *ts);

/* Units (indices from ht_termset_add_text) in which ranked candidate i
 * occurs, ascending; *n receives the count.  Valid until ht_termset_free. */
const size_t *ht_termset_units(const ht_termset *ts, size_t i, size_t *n);

#ifdef __cplusplus
}
#endif
#endif
