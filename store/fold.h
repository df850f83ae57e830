/* Folding text for matching in the store (internal to store/).
 *
 * A folded string is NFKC-like (compatibility forms folded: full-width
 * letters, ligatures, Arabic presentation forms), case-folded, without
 * combining marks (accents, Arabic harakat) or tatweel, with ’ as ' and every
 * run of white space as one space.  It is what the lexicon stores and what
 * queries and texts are compared in; it is never shown.  Unlike ht_key_fold
 * (common/util.h) it removes Latin diacritics and keeps a map back to the
 * original text, so that a match can be highlighted where it is.
 */
#ifndef HT_STORE_FOLD_H
#define HT_STORE_FOLD_H

#include <stddef.h>
#include <stdint.h>

#include "common/util.h"

/* A folded text and where each of its bytes comes from. */
typedef struct ht_folded {
	ht_buf s;      /* the folded text */
	size_t *from;  /* from[k]: byte offset in the original of the character that gave s.s[k];
			  from[s.len] is the original's length */
	size_t cap;
} ht_folded;

void ht_folded_init(ht_folded *f);
void ht_folded_release(ht_folded *f);
/* Fold text[0..len) (valid UTF-8) into f, replacing what it held. */
void ht_fold(const char *text, size_t len, ht_folded *f);
/* Append the folded form of text[0..len) to out (no map). */
void ht_fold_into(const char *text, size_t len, ht_buf *out);

/* True for letters, digits and marks: what a word is made of. */
int ht_fold_is_word_cp(int32_t cp);
/* True when folded[start..end) starts and ends on word boundaries (Han text
 * always does: its words are not delimited). */
int ht_fold_on_word_bounds(const char *folded, size_t len, size_t start, size_t end);

/* One minus the edit distance of the two (folded) strings over the longer
 * length in code points: 1 for equal strings, 0 for nothing in common.
 * Strings past 200 code points are compared on their first 200. */
double ht_fold_similarity(const char *a, size_t alen, const char *b, size_t blen);

/* The number of code points of s[0..len). */
size_t ht_utf8_count(const char *s, size_t len);

#endif
