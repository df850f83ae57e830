/* hutong — monolingual term candidates.
 *
 * An ht_termset collects the term candidates of texts in one language
 * (zh en fr es ru ar; other tags get the English word lists) and ranks them
 * for termhood.
 *
 * Candidates are Chinese character n-grams (2 to 12 characters) and word
 * n-grams of the other languages (1 to 6 words).  They never cross
 * punctuation, numbers, dates and ordinals (2015年, 第七十六届), 的, month
 * names, or stop words (that, which, is, qui, что, التي ...); they never start
 * or end with a function word (的 和 与 及 在 对 是 等 ..., "the", "of", "and")
 * unless the two characters at that edge make a word (平等, 和平, 原则: a
 * built-in list, plus the dictionary of ht_termset_set_dict); Chinese ones
 * start and end on ICU dictionary word boundaries in at least half of their
 * occurrences (国政府 starts inside 各国).
 *
 * A candidate ranks when it is closed (no single-token extension carries
 * 75 % of its occurrences: 联互通 and 可持续发 do not rank), when it is not a
 * short coordination (中亚和南亚, "peace and security"), not opened by a
 * resolution's clause verb (加强…, 促进…, Reaffirms…) nor closed by a frame
 * (…方面, …之间, …的重要性).  Its score is C-value (the frequency less the
 * mean frequency of the longer candidates that contain it, times log2 of
 * 1 + its length in words, two Han characters counting as one word; a single
 * word weighs a fifth), times 1 + its branching diversity (the weaker side's
 * entropy of neighbours over log frequency); inner coordinations weigh 3/4.
 * Nested terms both survive when both are used alone (可持续发展 and
 * 可持续发展目标).
 *
 * Keys group forms: case is folded unless the word is mostly capitalised in
 * running text (States, Member); plurals merge in en/fr/es (Spanish keys also
 * ignore accents); Russian and Arabic are light-stemmed (suffixes; Arabic
 * also the article and clitics, diacritics and tatweel).  A candidate shows
 * its most frequent surface form.
 *
 * Usage: ht_termset_new, ht_termset_add_text for every unit of text,
 * ht_termset_rank once, then read the ranked candidates.  Adding text after
 * ht_termset_rank discards the ranking (rank again).  The caller frees the
 * set with ht_termset_free; strings returned belong to the set.  Memory
 * follows the frequent n-grams (counted level by level, an n-gram only when
 * its two (n-1)-grams are frequent) and is freed at once.
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

/* Known terms (a termbase's, see hutong/termbase.h): each that occurs in
 * the text is ranked even when it occurs once and whatever the termhood
 * filters say, at least as high as its plain C-value; ht_termset_known tells
 * which ranked candidates are known, with the caller's id.  The term is
 * matched on the keys of its tokens (case, plurals and endings as for the
 * text).  Call before ht_termset_rank; the string is copied. */
void ht_termset_add_known(ht_termset *ts, const char *term, size_t id);
/* The id given to ht_termset_add_known for ranked candidate i, or SIZE_MAX. */
size_t ht_termset_known(const ht_termset *ts, size_t i);

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
