/* Scoring alignments against gold (align/align-eval.c).  Not installed.
 *
 * Strict and lax precision and recall of Sennrich & Volk (2010), as vecalign's
 * score.py computes them: precision over all distinct predicted beads, recall
 * over gold beads with both sides; a lax hit shares a source unit and a target
 * unit with one bead of the other alignment.  Counts add up over files.
 *
 * Time and memory stay near linear in the size of the files whatever they
 * hold: a bead side is kept as runs of consecutive unit numbers (a ladder
 * rung far ahead is one run, not a billion numbers), lax hits come from one
 * sweep over the runs sorted by position, and a file whose unit lies in more
 * than AL_MAX_SHARING distinct beads (an alignment gives each unit one) is
 * refused when it is read. */
#ifndef HT_ALIGN_EVAL_H
#define HT_ALIGN_EVAL_H

#include <stddef.h>

#include "hutong/align.h"

#define AL_MAX_SHARING 16

typedef struct al_counts {
	size_t test, test_strict, test_lax; /* predicted beads, and how many hit */
	size_t gold, gold_strict, gold_lax; /* gold beads with both sides, and how many were found */
} al_counts;

typedef struct al_scores {
	double p_strict, r_strict, f_strict, p_lax, r_lax, f_lax;
} al_scores;

/* Unit numbers first..last (inclusive: a run may end at SIZE_MAX). */
typedef struct al_run {
	size_t first, last;
} al_run;

/* Bead k's source side is runs[b[k].s .. b[k].s + b[k].ns) (maximal runs, in
 * the order the file lists the units: gold files may join units that are not
 * consecutive, [51]:[50, 55]), its target side runs[b[k].t .. + b[k].nt).
 * `line` is where the bead was read (0 when it was not read from a file). */
typedef struct al_ibead {
	size_t s, ns, t, nt;
	size_t line;
} al_ibead;

typedef struct al_beadset {
	al_run *runs;
	al_ibead *b;
	size_t nruns, n, runcap, cap;
} al_beadset;

void al_beadset_release(al_beadset *set);
/* Append a bead of the unit lists src[0..nsrc) and tgt[0..ntgt). */
void al_beadset_add(al_beadset *set, const size_t *src, size_t nsrc, const size_t *tgt, size_t ntgt);
/* Append ht_beads (ranges) to a set. */
void al_beadset_add_beads(al_beadset *set, const ht_bead *beads, size_t n);
/* How many units bead k has on its source (side 0) or target (side 1) side. */
size_t al_bead_units(const al_beadset *set, size_t k, int side);

void al_counts_add(al_counts *c, const al_beadset *gold, const al_beadset *test);
al_scores al_counts_scores(const al_counts *c);

enum al_bead_format { AL_FORMAT_AUTO, AL_FORMAT_BEADS, AL_FORMAT_LADDER };

/* Parse a bead file ("[i,j]:[k]" lines) or a hunalign ladder ("i<TAB>j" rungs:
 * consecutive rungs delimit one bead) into `set` (appended; the caller
 * releases it).  `name` is used in messages ("NAME:LINE: what"): a bead with
 * both sides empty, and a unit in more than AL_MAX_SHARING distinct beads,
 * are errors too. */
ht_status al_beads_parse(const char *name, const char *text, size_t len, enum al_bead_format fmt,
			 al_beadset *set, ht_error *err);
/* Beads between consecutive rungs (src, tgt pairs, flattened) of a ladder. */
void al_ladder_to_beads(const size_t *rungs, size_t nrungs, ht_bead **beads, size_t *nbeads);

#endif
