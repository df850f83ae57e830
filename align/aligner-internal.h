/* Internals of the sentence aligner (align/aligner.c, align/align-lex.c).
 *
 * Each side of a pair becomes a bag of distinct word ids per unit (content
 * words, stemmed and folded), with an IDF weight per word and an inverted
 * index (word -> sorted units).  Links join source words to target words that
 * may translate each other (dictionary, identical tokens, cognates, a table
 * learned from the pair).  The dynamic program scores a bead by the weighted
 * share of its words that have a linked word on the other side, times a length
 * factor, and maximises the sum of bead scores.
 */
#ifndef HT_ALIGNER_INTERNAL_H
#define HT_ALIGNER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "common/util.h"
#include "hutong/align.h"

/* Interned strings -> dense ids. */
typedef struct al_vocab {
	ht_buf text;     /* all keys, back to back */
	size_t *off;     /* per id: offset in text */
	uint32_t *len;   /* per id: byte length */
	uint32_t *slots; /* open addressing: id + 1, 0 = empty */
	size_t n, cap, nslots;
} al_vocab;

void al_vocab_init(al_vocab *v);
void al_vocab_release(al_vocab *v);
uint32_t al_vocab_intern(al_vocab *v, const char *s, size_t len);
/* The id of s, or UINT32_MAX when absent. */
uint32_t al_vocab_find(const al_vocab *v, const char *s, size_t len);
static inline const char *al_vocab_str(const al_vocab *v, uint32_t id) { return v->text.s + v->off[id]; }

/* A side's language: its function words (English only) and stems (Snowball
 * where libstemmer has the language; else the first 6 code points). */
struct sb_stemmer;
typedef struct al_lang {
	int english;
	struct sb_stemmer *stemmer; /* NULL when libstemmer has none (zh) */
} al_lang;

/* True when BCP 47 `tag` has the primary subtag `primary` (lowercase). */
int al_lang_is(const char *tag, const char *primary);
void al_lang_init(al_lang *l, const char *tag);
void al_lang_release(al_lang *l);
/* True for a function word (folded form s[0..n)). */
int al_lang_stop(const al_lang *l, const char *s, size_t n);
/* The key of a folded word form: its stem. */
void al_word_key(const al_lang *l, const char *s, size_t n, ht_buf *out);
/* The key of a number: its digits (10,000 = 10000). */
void al_number_key(const char *s, size_t n, ht_buf *out);

/* One side at one resolution: units are sentences (level 0) or blocks of
 * 2^level sentences. */
typedef struct al_side {
	size_t n;         /* units */
	uint32_t *off;    /* n + 1 offsets into words */
	uint32_t *words;  /* distinct word ids of each unit */
	double *cum_len;  /* n + 1 prefix sums of unit lengths (characters) */
	double *cum_wt;   /* n + 1 prefix sums of unit weights (sum of word weights) */
	size_t nvocab;
	const float *weight; /* per word id, shared by all levels of a side */
} al_side;

void al_side_release(al_side *s);
/* Tokenise units into side (level 0) with words interned in v and their
 * kinds (enum al_kind) in *kinds; with `surface`, the folded surface form of
 * each word is interned there and *surf_id maps it to the word.  Han runs
 * are segmented by the longest headwords of seg (may be NULL: one character
 * a word). */
void al_side_build(al_side *side, al_vocab *v, uint8_t **kinds, al_vocab *surface, uint32_t **surf_id,
		   const al_lang *lang, const ht_dict *seg, const ht_unit *units, size_t n);
/* IDF weight of every word of a side. */
float *al_idf_weights(const al_side *s, size_t nvocab);
/* Set the weight sums of a side whose units, words, lengths and word weights
 * are set. */
void al_side_index(al_side *s);
/* Merge consecutive pairs of units of `fine` into `coarse`. */
void al_side_coarsen(const al_side *fine, al_side *coarse);

/* Links between source word ids and target word ids, both directions (CSR). */
typedef struct al_links {
	uint32_t *fwd_off, *fwd; /* source word -> target words */
	uint32_t *rev_off, *rev; /* target word -> source words */
	size_t nsrc, ntgt, count;
} al_links;

void al_links_release(al_links *l);

/* A pair prepared for alignment: both sides at level 0 and their links. */
typedef struct al_pair {
	al_vocab vs, vt;
	al_side s, t;
	float *ws, *wt;    /* word weights (IDF) */
	uint8_t *kind_s, *kind_t; /* per word: enum al_kind */
	al_links links;
} al_pair;

enum al_kind { AL_WORD, AL_NUMBER, AL_HAN };

/* Tokenise both sides and link their words (dictionary, identical tokens,
 * numbers, cognates). */
void al_pair_prepare(al_pair *p, const ht_align_opts *opts, const ht_unit *src, size_t nsrc,
		     const ht_unit *tgt, size_t ntgt);
void al_pair_release(al_pair *p);

/* Replace p->links by its base links plus translations learned with IBM
 * Model 1 from the beads of a first alignment (t >= threshold either way). */
void al_pair_learn(al_pair *p, const ht_bead *beads, size_t nbeads);

/* Build links from an explicit list of (source word, target word) pairs
 * (duplicates allowed). */
void al_links_build(al_links *l, size_t nsrc, size_t ntgt, const uint64_t *pairs, size_t npairs);

/* Tuning knobs of the dynamic program (defaults in aligner.c). */
typedef struct al_params {
	double skip;       /* score of a 1-0 or 0-1 bead */
	double skip_extend; /* ... that follows one of the same kind: 0, a run of
			       skips costs its first one (aligner.c says why) */
	double len_sigma;  /* width of the length factor on the log length ratio (first pass) */
	double spread_k;   /* second pass: width = spread_k x the spread the first pass measured */
	double len_floor;  /* share of the score that needs no lexical evidence */
	int band_fine, band_coarse; /* band half-widths: finest level, coarser levels */
	int band_guided;            /* half-width around the path of an earlier pass */
} al_params;

extern const al_params al_default_params;

/* Align the prepared pair with the coarse-to-fine dynamic program, or only
 * in a band around `guide` (the beads of an earlier pass) when not NULL. */
void al_align_pair(const al_pair *p, const al_params *prm, const ht_bead *guide, size_t nguide,
		   ht_bead **beads, size_t *nbeads);

/* ---- scoring alignments against gold: align/align-eval.h ---- */
#include "align/align-eval.h"

#endif
