/* hutong — whole-document alignment: paragraphs first, then sentences.
 *
 * ht_docalign_new aligns two segmented documents (ht_doc, see segment.h).
 * Body paragraphs are aligned first: paragraphs whose labels agree ("1." /
 * "1." / "١.", "三." / "3.", "(a)" / "(أ)") or that cite the same footnote
 * become anchors, chosen as the longest monotone, position-consistent chain,
 * so that numbering restarting at "1." in every section does not derail it;
 * the stretches between anchors are aligned with ht_align_units (length and
 * lexical evidence).  Footnotes are aligned the same way among themselves.
 * At sentence level, the sentences of every aligned paragraph group are then
 * aligned with ht_align_units.  Documents read with HT_INPUT_LINES are
 * aligned line by line in one pass (each line is one unit, as in the gold sets).
 *
 * Units are numbered 0, 1, ... per side: body paragraphs (or their
 * sentences) in document order, then footnotes.  Each unit keeps an id:
 * "p12" at paragraph level, "p12.s3" at sentence level ("fn2", "fn2.s1" for
 * footnotes).  Beads (ht_bead, align.h) cover every unit of both sides
 * exactly once, in order.
 *
 * The ht_docalign keeps pointers into both documents: they must outlive it.
 * The caller frees it with ht_docalign_free.
 */
#ifndef HUTONG_DOCALIGN_H
#define HUTONG_DOCALIGN_H

#include <stddef.h>
#include <stdio.h>

#include "hutong/align.h"
#include "hutong/common.h"
#include "hutong/dict.h"
#include "hutong/segment.h"
#include "hutong/tm.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ht_align_level { HT_LEVEL_PARAGRAPH, HT_LEVEL_SENTENCE } ht_align_level;

typedef enum ht_align_format {
	HT_ALIGN_BEADS, /* "[i,j]:[k]" lines, 0-based unit indices (the gold format) */
	HT_ALIGN_TSV,   /* source<TAB>target<TAB>confidence, merged units joined */
	HT_ALIGN_TMX,   /* TMX 1.4 through ht_tm_write_tmx */
	HT_ALIGN_JSONL  /* one object a bead: ids, texts, type "2-1", confidence */
} ht_align_format;

typedef struct ht_docalign_opts {
	ht_align_level level;
	const ht_dict *dict; /* seed dictionary for this pair (either direction), or NULL */
} ht_docalign_opts;

typedef struct ht_docalign ht_docalign;

/* Parse "paragraph"/"sentence" and "beads"/"tsv"/"tmx"/"jsonl"; -1 when unknown. */
int ht_align_level_parse(const char *name);
int ht_align_format_parse(const char *name);

/* Align `src` with `tgt` (languages as ht_doc_lang says).  On success *out is
 * a new alignment. */
ht_status ht_docalign_new(const ht_doc *src, const ht_doc *tgt, const ht_docalign_opts *opts,
			  ht_docalign **out, ht_error *err);
void ht_docalign_free(ht_docalign *da);

const ht_doc *ht_docalign_doc(const ht_docalign *da, int side); /* side 0 source, 1 target */
ht_align_level ht_docalign_level(const ht_docalign *da);
/* Number of paragraph labels / footnote references used as anchors. */
size_t ht_docalign_anchor_count(const ht_docalign *da);

size_t ht_docalign_unit_count(const ht_docalign *da, int side);
/* The unit's id ("p12.s3") and text (trimmed; not NUL-terminated, *len bytes).
 * Both belong to the alignment or its documents. */
const char *ht_docalign_unit_id(const ht_docalign *da, int side, size_t i);
const char *ht_docalign_unit_text(const ht_docalign *da, int side, size_t i, size_t *len);

size_t ht_docalign_bead_count(const ht_docalign *da);
const ht_bead *ht_docalign_bead(const ht_docalign *da, size_t i);

/* Write the alignment in `format` to fp.  For TMX, beads with an empty side
 * are left out (a TU needs both languages) and counted in *omitted, and the
 * characters XML does not allow are left out and counted in *dropped (see
 * ht_tm_write_tmx; either may be NULL); the other formats keep every bead
 * and every character. */
ht_status ht_docalign_write(const ht_docalign *da, ht_align_format format, FILE *fp,
			    size_t *omitted, size_t *dropped, ht_error *err);

/* The bilingual translation memory of the alignment (what the TMX format
 * writes); the caller frees it with ht_tm_free. */
ht_tm *ht_docalign_to_tm(const ht_docalign *da, size_t *omitted);

/* N-way alignment through a pivot (the original): pairs[k] aligns the pivot
 * document (as source) with one version.  The result has one TU per unit of
 * the pivot, with the matching text of every version; where a bead of any
 * version joins several pivot units, those units share one TU (their texts
 * joined).  A version's unit aligned to nothing (a 0-1 bead) is never
 * dropped: it is attached to the TU of the following pivot unit when it does
 * not end a sentence (a fragment such as "Now, therefore," or "The General
 * Assembly" opens what follows), else to the TU of the preceding one;
 * unattached[k] (may be NULL; an array of n) receives how many units of
 * version k were attached so.  At paragraph level, where one version joins
 * several pivot paragraphs to one of its own but at least two other versions
 * keep them apart, the consensus wins: that version's paragraph goes to the
 * pivot paragraph whose length fits it best, the others get none in that
 * language (a clause the version lacks).  All pairs must share the pivot
 * document.  The caller frees *out with ht_tm_free. */
ht_status ht_docalign_pivot(const ht_docalign *const *pairs, size_t n, ht_tm **out,
			    size_t *unattached, ht_error *err);

/* Compose A->B and B->C (same bridge document B, same level) into A->C:
 * beads whose bridge units overlap, directly or through a chain, become one
 * bead; units aligned to nothing in B stay alone.  Useful when B has better
 * evidence with both sides (a dictionary zh-en, shared words en-fr) than A and
 * C have with each other.  Confidence is the lowest of the joined beads.
 * *out shares the documents of ab and bc; free it with ht_docalign_free. */
ht_status ht_docalign_compose(const ht_docalign *ab, const ht_docalign *bc, ht_docalign **out,
			      ht_error *err);

#ifdef __cplusplus
}
#endif
#endif
