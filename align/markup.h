/* A guard for markup given to libxml2 (HTML and TMX): libxml2 2.9 checks an
 * element's attributes for duplicates pair by pair, in quadratic time (100k
 * attributes on one element: 30-40 s).  ht_markup_scan counts the attributes
 * of every tag of a text, fed in chunks, so that the readers can refuse an
 * element with more than HT_MARKUP_MAX_ATTRS before parsing.  Comments,
 * CDATA sections, processing instructions and the raw text of <script> and
 * <style> are skipped; attribute-like markup inside a quoted value (an
 * entity declaration holding an element) counts too.  Not installed. */
#ifndef HT_MARKUP_H
#define HT_MARKUP_H

#include <stddef.h>

#define HT_MARKUP_MAX_ATTRS 1000

typedef struct ht_markup_scan {
	int state;
	char quote;         /* the quote that opened the value being read */
	char name[8];       /* the first characters after '<' */
	size_t name_len;
	int in_name;        /* still reading the tag's name */
	size_t attrs;       /* '=' seen in the current tag */
	int prev, prev2;    /* the two bytes before, for "-->", "]]>", "?>" */
	size_t fed;         /* bytes fed before this chunk */
	size_t bad;         /* 1 + offset of the first '=' over the limit, 0 when none */
} ht_markup_scan;

void ht_markup_scan_init(ht_markup_scan *sc);
/* Feed s[0..n); returns 1 while every tag is within the limit, 0 from the
 * first one over it (sc->bad - 1 is the offset where it was seen). */
int ht_markup_scan_feed(ht_markup_scan *sc, const char *s, size_t n);
/* The 1-based line of offset `upto` in s (for the message). */
long ht_markup_line(const char *s, size_t upto);

#endif
