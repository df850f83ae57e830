/* Internals of the term candidates: the arena, the string and pair maps the
 * termset counts with, and the language rules (function words, edge words,
 * light stemmers) that lexicon/termlang.c provides. */
#ifndef HT_TERMS_INTERNAL_H
#define HT_TERMS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "common/util.h"
#include "hutong/dict.h"
#include "hutong/terms.h"

#include <unicode/ubrk.h>

/* ---- arena: many small blocks freed at once (n-gram keys, surface strings) ---- */
typedef struct ht_arena {
	struct ht_arena_block *head;
} ht_arena;

void *ht_arena_alloc(ht_arena *a, size_t n);
char *ht_arena_strndup(ht_arena *a, const char *s, size_t n);
void ht_arena_release(ht_arena *a);

/* ---- interning map: byte strings -> dense ids 0, 1, ...; strings live in the arena ---- */
typedef struct ht_strmap {
	uint32_t *slots;  /* id + 1, 0 = empty */
	size_t cap;       /* power of two */
	const char **strs;
	uint32_t *lens;
	uint32_t *hashes;
	size_t n, cap_strs;
	ht_arena arena;
} ht_strmap;

void ht_strmap_init(ht_strmap *m);
void ht_strmap_release(ht_strmap *m);
/* The id of s[0..len), added when absent (*added set to 1 then; may be NULL). */
uint32_t ht_strmap_intern(ht_strmap *m, const char *s, size_t len, int *added);
/* The id of s[0..len), or UINT32_MAX when absent. */
uint32_t ht_strmap_find(const ht_strmap *m, const char *s, size_t len);
static inline const char *ht_strmap_str(const ht_strmap *m, uint32_t id) { return m->strs[id]; }
static inline size_t ht_strmap_len(const ht_strmap *m, uint32_t id) { return m->lens[id]; }

/* ---- pair map: (a, b) 32-bit pairs -> a 32-bit value and a count ---- */
typedef struct ht_pairmap_slot {
	uint64_t key;   /* (a << 32 | b) + 1; 0 = empty */
	uint32_t value, count;
	uint32_t extra; /* a second count for the caller */
} ht_pairmap_slot;

typedef struct ht_pairmap {
	ht_pairmap_slot *slots;
	size_t cap, n;
} ht_pairmap;

void ht_pairmap_init(ht_pairmap *m);
void ht_pairmap_release(ht_pairmap *m);
void ht_pairmap_clear(ht_pairmap *m);
/* The slot of (a, b), added with value and count 0 when absent. */
ht_pairmap_slot *ht_pairmap_get(ht_pairmap *m, uint32_t a, uint32_t b);
/* The slot of (a, b) or NULL. */
const ht_pairmap_slot *ht_pairmap_find(const ht_pairmap *m, uint32_t a, uint32_t b);

/* ---- language rules (lexicon/termlang.c) ---- */
typedef enum ht_tlang { HT_TL_ZH, HT_TL_EN, HT_TL_FR, HT_TL_ES, HT_TL_RU, HT_TL_AR, HT_TL_OTHER } ht_tlang;

ht_tlang ht_tlang_of(const char *lang);
/* True for languages whose words have case (the Latin and Cyrillic ones). */
int ht_tlang_cased(ht_tlang l);

/* Function words: a candidate never starts or ends with one.  `word` is the
 * case-folded, unstemmed form (for Chinese, one character). */
int ht_tlang_is_function(ht_tlang l, const char *word, size_t len);
/* Stop words (relatives, auxiliaries: that, which, is, qui, что, التي): they
 * separate candidates like punctuation. */
int ht_tlang_is_stop(ht_tlang l, const char *word, size_t len);
/* Month names (stop words even when capitalised). */
int ht_tlang_is_month(ht_tlang l, const char *word, size_t len);
/* Degree words that start terms (least developed countries, أقل البلدان
 * نموا) but are no candidates alone. */
int ht_tlang_not_alone(ht_tlang l, const char *word, size_t len);
/* Chinese two-character words that begin or end with a function character
 * and still belong to terms (和平, 平等, 原则, 埃及): the edge rule keeps them. */
int ht_tlang_zh_edge_word(const char *two, size_t len);
/* Chinese characters that separate candidates like punctuation (的, except
 * in 目的), and the date/ordinal characters after a number (年 月 日 届). */
int ht_tlang_zh_date_char(int32_t cp);
/* Chinese lexical termhood rules on a candidate's text: 1 when it starts
 * with a clause verb or a determiner (重申…, 各种…) or ends with a frame
 * (…方面, …之间, …的重要性): no candidate; 2 when it starts with an action
 * verb (加强…, 减少…): a candidate that ranks lower; else 0. */
int ht_tlang_zh_bad_edge(const char *s, size_t len);
/* Words of resolutions that open clauses (Reaffirms, recalling, réaffirme,
 * reafirma, вновь, يؤكد ...) or general verbs: never at a candidate's start. */
int ht_tlang_is_clause_verb(ht_tlang l, const char *word, size_t len);

/* Articles and the prepositions that stand for them (the, of, les, des,
 * de, los, del): nearly every noun phrase has one on its left. */
int ht_tlang_is_article(ht_tlang l, const char *word, size_t len);
/* A conjunction (and, et, y, и, و, 和 ...): a candidate "X and Y" of one
 * word (two Han characters) on each side is a coordination, not a term. */
int ht_tlang_is_conjunction(ht_tlang l, const char *word, size_t len);

/* French and Italian elision: the byte length of an elided article or
 * pronoun at the start of word (l', d', qu', jusqu' ...) including the
 * apostrophe, or 0. */
size_t ht_tlang_elision(ht_tlang l, const char *word, size_t len);

/* Replace the folded word in `key` by its light stem: plural merging for
 * en/fr/es (countries -> country, States -> State), suffix stripping for
 * Russian (развития, развитие -> развит), prefix and suffix stripping for
 * Arabic (والتنمية -> تنمي) after normalising alef, ya and ta marbuta. */
void ht_tlang_stem(ht_tlang l, ht_buf *key);

/* ---- general-language frequencies (lexicon/genfreq.c) ---- */
typedef struct ht_genfreq ht_genfreq;
enum { HT_GF_VERB = 1, HT_GF_NAME = 2, HT_GF_FUNC = 4, HT_GF_UNKNOWN = 8, HT_GF_ADJ = 16,
       HT_GF_LEAD = 32 /* a function word that opens no term */ };
/* The list of language l (loaded once, kept for the process), or NULL. */
const ht_genfreq *ht_genfreq_get(ht_tlang l);
/* The general probability of word w (0 when absent) and its class (the
 * HT_GF_ flags of its part of speech; HT_GF_UNKNOWN when absent). */
double ht_genfreq_prob(const ht_genfreq *g, const char *w, size_t len, unsigned *pos);
/* Bytes of the longest listed word that starts s[0..len), or 0. */
size_t ht_genfreq_longest(const ht_genfreq *g, const char *s, size_t len);

/* ---- the term set ---- */
#define NONE UINT32_MAX
#define MAX_HAN 12  /* longest Chinese candidate, in characters */
#define MAX_WORDS 6 /* longest candidate of the other languages, in words */

enum { POS_SPACE = 1, POS_INITIAL = 2, POS_WORD_START = 4 };
enum { KEY_FUNC = 1, KEY_VERB = 2, KEY_CONJ = 4, KEY_NOT_ALONE = 8, KEY_ARTICLE = 16,
       KEY_YEAR = 32 /* 2030年: opens a Chinese candidate, never ends or fills one */ };

struct tunit {
	uint32_t first_pos;
	const char *doc, *unit;
};

struct tcand {
	uint32_t prefix, suffix; /* candidates of the (n-1)-prefix and suffix; NONE at n = 1 */
	uint32_t first_pos, freq;
	uint32_t bounded; /* occurrences that start and end on ICU word boundaries */
	uint32_t max_left, max_right;   /* the largest single-token extension on each side */
	uint32_t func_left, func_right; /* the same among extensions by a function word */
	float flog_left, flog_right; /* sum of f log f over the counted extensions */
	uint32_t sum_left;    /* occurrences with a counted extension on the left */
	float nest_sum;       /* C-value's t(a): occurrences inside longer valid candidates */
	uint32_t nest_count;  /* C-value's c(a): how many longer valid candidates contain it */
	uint8_t n, valid;
	uint8_t governed; /* opened by an action verb: ranks lower, contains nothing */
	uint8_t known;    /* 1: a known term; 2: one the counted levels did not reach */
	double score;
};

struct ranked {
	uint32_t cand;
	const char *term, *key;
	size_t *units;
	size_t n_units;
};

/* The term set (hutong/terms.h); shared by lexicon/terms*.c. */
struct ht_termset {
	char *lang;
	ht_tlang tl;
	const ht_dict *dict;
	const ht_genfreq *general; /* general-language frequencies, or NULL */
	ht_strmap surfs; /* token surfaces; id 0 is the separator */
	ht_strmap names; /* document and unit names */
	uint32_t *pos_surf;
	uint8_t *pos_flags;
	size_t npos, cap_pos;
	struct tunit *units;
	size_t n_units, cap_units;
	ht_token *toks;
	size_t cap_toks;
	UBreakIterator *brk; /* Chinese word boundaries */
	int brk_failed;
	UChar *u16;
	uint8_t *at_break, *tok_break;
	size_t cap_u16, cap_break, cap_tok_break;

	/* after ht_termset_rank */
	ht_strmap keys; /* id 0 is the separator */
	uint8_t *key_flags;
	uint32_t *tk; /* key per position */
	struct tcand *c;
	size_t nc, cap_c;
	uint32_t *unigram; /* candidate of each key (NONE when infrequent) */
	/* The candidates one token longer than candidate a, kids[kids_start[a] ..
	 * kids_start[a + 1]), sorted by suffix: (prefix, suffix) -> candidate. */
	uint32_t *kids, *kids_start;
	struct ranked *rk;
	size_t n_ranked;
	size_t *unit_store;
	ht_strmap rank_keys; /* key strings of the ranked candidates */
	uint32_t *key_rank;  /* and the rank of each */
	ht_arena out;        /* terms shown */

	/* known terms (ht_termset_add_known): text and caller's id */
	struct known_term *known;
	size_t n_known, cap_known;
	size_t *rank_known; /* per rank: the known id, or SIZE_MAX */
	struct known_pos *known_pos; /* where known terms occur */
	size_t n_known_pos, cap_known_pos;
};

struct known_pos {
	uint32_t known, pos, cand;
};

struct known_term {
	char *text;
	size_t id;
};

/* lexicon/terms-known.c: count the known terms in the token stream (key_of
 * maps surfaces to keys) and make every one that occurs a valid candidate;
 * returns the candidates so made or found (NONE-terminated, malloc'd), each
 * paired with its known index in *which. */
uint32_t *ht_termset_match_known(ht_termset *ts, const uint32_t *key_of, size_t **which);
/* terms-known.c: the counted candidate of the n tokens at pos, or NONE
 * (after the levels are indexed). */
uint32_t ht_termset_cand_at(const ht_termset *ts, size_t pos, size_t n);
/* terms.c: a new candidate (for the known terms). */
uint32_t ht_termset_new_cand(ht_termset *ts, uint32_t prefix, uint32_t suffix, uint32_t first,
			     uint32_t freq, unsigned n);



#endif
