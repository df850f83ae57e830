/* hutong — multilingual termbases: one concept entry per term, one term per
 * language.
 *
 * An ht_termbase holds concepts over a list of languages (BCP 47 tags; the
 * first is the pivot, the language the concepts were found in).  Each
 * concept has at most one term per language, with the statistics of its
 * pairing with the pivot term, an example location and where it comes from
 * (aligned text, an input termbase, a dictionary).
 *
 * It is made three ways:
 *  - ht_termbase_build: from a multilingual translation memory (a six-way
 *    corpus, hutong align --pivot zh), one bilingual glossary per pair
 *    pivot -> other language (ht_glossary_build), merged on the pivot term;
 *  - ht_termbase_merge: from bilingual glossaries that share their source
 *    language (several pair corpora), merged the same way;
 *  - ht_termbase_read: from a file (TBX v2 or v3, TSV or CSV as termbases
 *    and CAT tools export them, hutong's own outputs included), to supply
 *    known terms to ht_glossary_build (ht_gloss_opts.termbase).
 * It is written as TBX v3 (one langSec per language), as CSV (one column per
 * language, as UNTERM shows terms), as TBX v2, or as JSONL; ht_termbase_pair
 * gives the bilingual glossary of two of its languages (the per-pair OmegaT
 * TSV).  Accessors iterate concepts and terms so that a store can save them.
 *
 * Ownership: the caller owns every ht_termbase returned and frees it with
 * ht_termbase_free; ht_termbase_set_term copies the strings it is given;
 * strings returned by accessors belong to the termbase and stay valid until
 * it is freed or the term is replaced.  No call keeps a pointer to its
 * inputs (tm, glossaries, options).
 */
#ifndef HUTONG_TERMBASE_H
#define HUTONG_TERMBASE_H

#include <stddef.h>
#include <stdio.h>

#include "hutong/common.h"
#include "hutong/glossary.h"
#include "hutong/tm.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ht_termbase ht_termbase;

/* Where a term comes from. */
typedef enum ht_tb_origin {
	HT_TB_CORPUS = 0,   /* paired statistically in aligned text */
	HT_TB_TERMBASE = 1, /* from an input termbase (ht_termbase_read) */
	HT_TB_DICTIONARY = 2 /* a dictionary suggestion, not attested in aligned text */
} ht_tb_origin;

typedef struct ht_tb_term {
	const char *term;     /* the term, in citation form */
	size_t freq;          /* aligned units where it occurs with the pivot term
				 (for the pivot term: the most it shares with one of
				 its equivalents) */
	double score;         /* association with the pivot term (Dice); 0 for the pivot */
	double confidence;    /* in [0,1] */
	const char *example_doc, *example_unit; /* one example location; may be NULL */
	ht_tb_origin origin;
	int attested;         /* 1: occurs in the aligned text (a termbase term found there
				 counts as attested too) */
	const char *alt;      /* when a termbase term won over a different statistical
				 one: that statistical equivalent; else NULL */
	const char *note;     /* free note (TBX <note>); may be NULL */
} ht_tb_term;

/* An empty termbase over n languages (langs[0] the pivot; tags are stored
 * with hyphens, "zh_CN" -> "zh-CN").  Two tags of one primary language are
 * kept once. */
ht_termbase *ht_termbase_new(const char *const *langs, size_t n);
void ht_termbase_free(ht_termbase *tb);

size_t ht_termbase_lang_count(const ht_termbase *tb);
const char *ht_termbase_lang(const ht_termbase *tb, size_t i);
/* Index of `lang` (primary subtag, case-insensitive), or -1. */
int ht_termbase_lang_index(const ht_termbase *tb, const char *lang);
/* Add a language (index returned; the existing one when present). */
size_t ht_termbase_add_lang(ht_termbase *tb, const char *lang);

/* Concepts, in the order added (for a built termbase: the termhood order of
 * the pivot terms). */
size_t ht_termbase_count(const ht_termbase *tb);
/* Add an empty concept; returns its index. */
size_t ht_termbase_add_concept(ht_termbase *tb);
/* Set (copy) the term of concept c in language index lang, replacing any. */
void ht_termbase_set_term(ht_termbase *tb, size_t c, size_t lang, const ht_tb_term *t);
/* The term of concept c in language index lang, or NULL when it has none. */
const ht_tb_term *ht_termbase_term(const ht_termbase *tb, size_t c, size_t lang);
/* The concept whose term in language index lang is `term` (compared case-
 * and width-folded as ht_key_fold does), or SIZE_MAX. */
size_t ht_termbase_find(const ht_termbase *tb, size_t lang, const char *term);

/* ---- building ---- */

struct ht_gloss_opts;

/* The termbase of the units of `tm` through `pivot` (a language of the tm):
 * one ht_glossary_build per other language of the tm (opts as there; NULL
 * for the defaults), concepts keyed by the pivot term.  A language without
 * any unit shared with the pivot is left out (not an error) unless no
 * language is left: HT_ERR_DATA.  *out receives a new termbase. */
ht_status ht_termbase_build(const ht_tm *tm, const char *pivot, const struct ht_gloss_opts *opts,
			    ht_termbase **out, ht_error *err);
/* Merge n bilingual glossaries that share their source language (the
 * pivot) into one termbase; concepts keyed by the source term, in the order
 * of first appearance.  Different source languages are HT_ERR_USAGE. */
ht_status ht_termbase_merge(const ht_glossary *const *glossaries, size_t n, ht_termbase **out,
			    ht_error *err);
/* The bilingual glossary from -> to of the termbase (concepts having both);
 * NULL when a language is absent.  The caller frees it. */
ht_glossary *ht_termbase_pair(const ht_termbase *tb, const char *from, const char *to);

/* ---- reading ---- */

/* Read a termbase file: TBX v2 (martif: termEntry/langSet/tig|ntig/term) or
 * TBX v3 (tbx: conceptEntry/langSec/termSec/term); TSV or CSV with a header
 * row naming language columns (tags "zh", "en-US", or English names
 * "Chinese", "English"); or a TSV/CSV without such a header (OmegaT's
 * glossary "source<TAB>target<TAB>comment", hutong's own), whose two columns
 * are in `from` and `to` (when NULL: an error asking for them).  hutong's
 * glossary CSV (header FROM,TO,frequency,...) and termbase CSV read back.
 * Errors name the file and line: not a termbase (HT_ERR_DATA), a TBX
 * without languages, an unterminated quoted CSV field, invalid UTF-8; a
 * missing file is HT_ERR_IO. */
ht_status ht_termbase_read(const char *path, const char *from, const char *to, ht_termbase **out,
			   ht_error *err);

/* ---- writing ---- */

typedef enum ht_tb_format {
	HT_TB_TBX3,  /* TBX v3 TBX-Basic: conceptEntry, one langSec per language;
			valid against TBXcoreStructV03.rng */
	HT_TB_CSV,   /* header: the language tags, then "status,frequency,example";
			one row per concept, CRLF, RFC 4180 quoting */
	HT_TB_TBX2,  /* TBX v2 martif, one langSet per language */
	HT_TB_JSONL  /* one object per concept: {"id":..,"terms":{"zh":{...},...}} */
} ht_tb_format;

/* Parse "tbx3" (or "tbx"), "csv", "tbx2", "jsonl"; -1 when unknown. */
int ht_tb_format_parse(const char *name);
/* Write the termbase (not closing fp).  flags: HT_WRITE_BOM (hutong/glossary.h).  Cells of CSV that a spreadsheet
 * would take for a formula (starting with = + - @, tab or CR) are escaped
 * with a leading apostrophe.  Write failures are HT_ERR_IO. */
ht_status ht_termbase_write(const ht_termbase *tb, ht_tb_format format, unsigned flags, FILE *fp,
			    ht_error *err);

#ifdef __cplusplus
}
#endif
#endif
