/* hutong — bilingual glossaries built from aligned text.
 *
 * ht_glossary_build pairs the term candidates of the source side of a
 * translation memory (ranked by ht_termset) with the target word n-gram that
 * co-occurs with them across the aligned units.  The association is Dice over
 * units; near ties go to the n-gram the dictionary supports (when one is
 * given) and whose length fits the source term, and a best n-gram is extended
 * to a longer one that contains it when that one keeps at least 80 % of its
 * co-occurrences ("least developed" -> "least developed countries").
 *
 * Target n-grams are grouped by a match key: Latin and Cyrillic case is
 * folded only on the first word (so "Member States" and "small island
 * developing States" keep their official capitals), light plural merging for
 * English, French and Spanish, light suffix stripping for Russian, and
 * diacritics, tatweel, the article and attached prepositions ignored for
 * Arabic.  Each entry shows the most frequent surface form of its group.
 *
 * ht_glossary_suggest proposes dictionary translations for the term
 * candidates of texts that have no aligned version; its entries are marked
 * `suggestion`.  With opts->suggest, ht_glossary_build also appends such
 * suggestions for candidates it could not pair, after all attested entries.
 *
 * With opts->confirm, a second pass runs the other way: term candidates of
 * the target side are paired with source n-grams, and a pair whose source
 * and target are both new, that is mutual (the source n-gram paired forward
 * gives the same target), not a fragment of a longer Chinese word, with a Dice
 * of at least 0.7 over at least 3 units, is added after the first pass's
 * entries.  This confirms terms across languages that the source-side
 * ranking alone missed.
 *
 * The caller owns the returned glossary and frees it with ht_glossary_free.
 * Neither call keeps a pointer to its inputs.
 */
#ifndef HUTONG_BILINGUAL_H
#define HUTONG_BILINGUAL_H

#include <stddef.h>

#include "hutong/common.h"
#include "hutong/dict.h"
#include "hutong/glossary.h"
#include "hutong/tm.h"

#ifdef __cplusplus
extern "C" {
#endif

struct ht_termbase;

typedef struct ht_gloss_opts {
	size_t min_freq;         /* aligned units a pair must share (default 2) */
	size_t limit;            /* at most this many attested entries; 0: all (default 0) */
	double min_dice;         /* weakest association kept (default 0.3) */
	size_t max_target_words; /* longest target n-gram, in tokens (default 7) */
	const ht_dict *dict;     /* seed dictionary from -> to, or NULL (default NULL) */
	int suggest;             /* add dictionary suggestions for unpaired candidates (needs dict) */
	int confirm;             /* also pair target-language term candidates whose source
				    counterpart the source ranking left out (default 1) */
	size_t threads;          /* worker threads; 0: one per processor, at most 4 (default
				    0).  The glossary is the same for any number. */
	const struct ht_termbase *termbase; /* known terms and their official equivalents
				    (hutong/termbase.h), or NULL: a termbase term found in
				    the source text is listed even when it occurs once, its
				    equivalent wins over the statistical one (kept in
				    ht_gloss_entry.alt when different); must serve `from`
				    and `to` (else HT_ERR_DATA) */
} ht_gloss_opts;

/* Fill `opts` with the defaults above. */
void ht_gloss_opts_init(ht_gloss_opts *opts);

/* Build the glossary of the units of `tm` that have a segment in both `from`
 * and `to` (BCP 47; matched on the primary subtag).  Entries come in the
 * termhood order of their source term.  An HT_ERR_DATA error when the tm lacks
 * one of the languages or has no unit with both; HT_ERR_USAGE for bad opts. */
ht_status ht_glossary_build(const ht_tm *tm, const char *from, const char *to,
			    const ht_gloss_opts *opts, ht_glossary **out, ht_error *err);

/* Dictionary suggestions for the term candidates of n texts in `from` (no
 * aligned version): each text is one unit, docs[i]/units[i] (may be NULL) its
 * location.  opts->dict is required.  Every entry has suggestion = 1. */
ht_status ht_glossary_suggest(const char *const *texts, const size_t *lens,
			      const char *const *docs, const char *const *units, size_t n,
			      const char *from, const char *to, const ht_gloss_opts *opts,
			      ht_glossary **out, ht_error *err);

#ifdef __cplusplus
}
#endif
#endif
