/* The body of ht_docalign and the pieces of docalign.c that tests reach. */
#ifndef HT_DOCALIGN_INTERNAL_H
#define HT_DOCALIGN_INTERNAL_H

#include "common/util.h"
#include "hutong/docalign.h"

/* One unit: a paragraph or a sentence; text points into its document. */
struct ht_da_unit {
	const char *id;      /* owned (sentence ids "p3.s2"), or NULL */
	const char *para_id; /* borrowed from the paragraph when id is NULL */
	const char *text;    /* into the document, or own_text */
	size_t len;
	char *own_text;      /* owned: a line of --input lines with its label put back */
};

struct ht_da_side {
	const ht_doc *doc;
	struct ht_da_unit *units;
	size_t n, cap;
};

struct ht_docalign {
	ht_align_level level;
	int lines;               /* both documents are lines: units are the lines */
	int side_is_para;        /* side[] are copies of para[] (paragraph level) */
	struct ht_da_side para[2]; /* paragraph units: body paragraphs, then footnotes */
	struct ht_da_side side[2]; /* the units the beads count: paragraphs or sentences */
	ht_bead *beads;
	size_t n_beads;
	size_t anchors;
};

const char *ht_da_unit_id(const struct ht_da_unit *u);

/* Append the match key of a paragraph or footnote label: digits of any
 * script as ASCII, Chinese numerals and Roman numerals as numbers, Cyrillic
 * and Arabic enumeration letters as the Latin letter of the same rank,
 * brackets and final dots dropped: "三." "3." "III." give "3"; "(b)" "б)" "(ب)" give "b". */
void ht_da_label_key(const char *label, ht_buf *key);

/* The anchor key of a paragraph (malloc'd, caller frees): "L:" and its label
 * key; else "N:" and the keys of the footnotes it cites; else "H:" and the one
 * number of a short heading ("Article 12", "第十二条", "Chapter IV"); else "". */
char *ht_da_para_key(const ht_para *p);

/* The best monotone chain of equal, non-empty keys ka[i] == kb[j] whose
 * relative positions i/na and j/nb stay close.  Writes the chain to out_a /
 * out_b (room for min(na, nb) entries each) and returns its length. */
size_t ht_da_find_anchors(char *const *ka, size_t na, char *const *kb, size_t nb, size_t *out_a,
			  size_t *out_b);

/* Append text to out, after a space unless both sides of the join are CJK;
 * tabs and line breaks become spaces. */
void ht_da_join_text(ht_buf *out, const char *text, size_t len);

#endif
