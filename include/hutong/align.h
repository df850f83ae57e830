/* hutong — alignment of units (sentences or paragraphs) between two versions.
 *
 * A bead joins nsrc consecutive source units starting at `src` with ntgt
 * consecutive target units starting at `tgt`; an empty side (0) is an
 * insertion or deletion.  Beads come in document order and cover every unit
 * of both sides exactly once.  Confidence is in [0,1].
 *
 * The aligner owns no input: it reads the units it is given and returns a
 * bead array the caller frees with free().
 *
 * Method: it maximises the sum of bead similarities (the weighted share of a
 * bead's words that have a translation on the other side, times a length
 * factor whose ratio and spread come from the pair itself) in O(n · band) time
 * and memory, with beads up to 1-4, 4-1, 2-3 and 3-2, so 1,000,000 units a
 * side are fine.  Translations come from the dictionary (used when its
 * languages are from -> to or to -> from), identical tokens and numbers,
 * 4-letter cognates, and a table learned from the pair itself; no dictionary
 * is needed for de-fr, hu-en or fr-ru.  Confidence is the bead's similarity
 * (0 for an insertion or a deletion).
 */
#ifndef HUTONG_ALIGN_H
#define HUTONG_ALIGN_H

#include <stddef.h>

#include "hutong/common.h"
#include "hutong/dict.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ht_bead {
	size_t src, nsrc, tgt, ntgt;
	double confidence;
} ht_bead;

typedef struct ht_unit {
	const char *text;
	size_t len;
} ht_unit;

typedef struct ht_align_opts {
	const char *from, *to;  /* BCP 47 tags of the two sides */
	const ht_dict *dict;    /* optional seed dictionary from -> to; NULL for none */
} ht_align_opts;

/* Align two sequences of units.  On success *beads (malloc'd, caller frees)
 * holds *nbeads beads. */
ht_status ht_align_units(const ht_align_opts *opts, const ht_unit *src, size_t nsrc,
			 const ht_unit *tgt, size_t ntgt, ht_bead **beads, size_t *nbeads,
			 ht_error *err);

#ifdef __cplusplus
}
#endif
#endif
