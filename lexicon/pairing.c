/* Bilingual glossaries from aligned units (see include/hutong/bilingual.h).
 *
 * Statistics stay linear in the corpus: every aligned unit is scanned once
 * for its target n-grams, which are interned and listed per unit (an inverted
 * index from units to target ids); a source candidate then visits only the
 * units it occurs in, counting co-occurrences in a sparse accumulator.  No
 * source x target matrix is ever built. */
#include "hutong/bilingual.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "common/parallel.h"
#include "common/util.h"
#include "hutong/terms.h"
#include "hutong/termbase.h"
#include "lexicon/pairing-internal.h"

/* A longer n-gram that contains the best one wins when it keeps this share of
 * the best one's co-occurrences (the prototype's tie-break). */
#define EXTEND_SHARE 0.8
/* ... or when its Dice is at least this share of the best one's and its
 * length fits as well. */
#define ENCLOSING_DICE 0.85
/* A Title Case variant of the chosen target (UN style for names:
 * Sustainable Development Goals) wins when it has this share of its
 * co-occurrences. */
#define TITLE_SHARE 0.25
/* Candidates within this share of the best Dice are near ties, settled by
 * dictionary support and by length fit. */
#define NEAR_SHARE 0.9
/* Dictionary support (share of words found in the senses) must differ by
 * more than this to settle a near tie. */
#define DICT_MARGIN 0.3
/* Units looked at to compare in-sentence positions in an exact tie. */
#define POSITION_SAMPLE 10
/* The confirmation pass adds a pair only with at least this Dice. */
#define CONFIRM_MIN_DICE 0.7
/* ... and in at least this many units: fewer say too little about the
 * edges of a raw n-gram. */
#define CONFIRM_MIN_FREQ 3
/* At most this many tied n-grams are compared by position (repeated
 * boilerplate sentences tie every n-gram they contain). */
#define POSITION_MAX_TIED 8
/* Units rescanned to find the surface forms of a chosen target. */
#define SURFACE_SAMPLE 200

void ht_gloss_opts_init(ht_gloss_opts *opts)
{
	memset(opts, 0, sizeof *opts);
	opts->min_freq = 2;
	opts->min_dice = 0.3;
	opts->max_target_words = 7;
	opts->confirm = 1;
}

/* ---- interned target n-grams ---- */

/* A slot holds an id + 1 (0 when empty) and the key's hash, so that most
 * probes end without touching the key. */
typedef struct table_slot {
	uint32_t id1;
	uint32_t hash;
} table_slot;

typedef struct target_table {
	ht_buf pool;        /* keys, each followed by a NUL */
	size_t *off;        /* key offset in pool, per id */
	uint32_t *df;       /* units containing the id */
	uint32_t *last;     /* last unit (+1) counted, to count a unit once */
	uint8_t *nwords;
	size_t n, cap;
	table_slot *slots;  /* open addressing */
	size_t nslots;
} target_table;

static const char *target_key(const target_table *tt, size_t id) { return tt->pool.s + tt->off[id]; }

static void table_rehash(target_table *tt)
{
	size_t n = tt->nslots ? tt->nslots * 2 : 1024;
	table_slot *slots = ht_xcalloc(n, sizeof *slots);
	for (size_t k = 0; k < tt->nslots; k++) {
		if (!tt->slots[k].id1)
			continue;
		size_t h = tt->slots[k].hash & (n - 1);
		while (slots[h].id1)
			h = (h + 1) & (n - 1);
		slots[h] = tt->slots[k];
	}
	free(tt->slots);
	tt->slots = slots;
	tt->nslots = n;
}

/* The slot of key[0..len) with hash ht_hash_bytes(key, len): its id, or the
 * empty slot where it belongs. */
static table_slot *table_probe(const target_table *tt, const char *key, size_t len, uint64_t hash)
{
	uint32_t h32 = (uint32_t)hash;
	size_t mask = tt->nslots - 1, h = h32 & mask;
	for (; tt->slots[h].id1; h = (h + 1) & mask) {
		if (tt->slots[h].hash != h32)
			continue;
		const char *k = target_key(tt, tt->slots[h].id1 - 1);
		if (memcmp(k, key, len) == 0 && k[len] == 0)
			break;
	}
	return &tt->slots[h];
}

static size_t table_intern(target_table *tt, const char *key, size_t len, uint64_t hash,
			   size_t nwords)
{
	if ((tt->n + 1) * 2 > tt->nslots)
		table_rehash(tt);
	table_slot *slot = table_probe(tt, key, len, hash);
	if (slot->id1)
		return slot->id1 - 1;
	size_t id = tt->n;
	size_t old_cap = tt->cap;
	HT_GROW(tt->off, id + 1, tt->cap);
	if (tt->cap != old_cap) {
		tt->df = ht_xrealloc(tt->df, tt->cap * sizeof *tt->df);
		tt->last = ht_xrealloc(tt->last, tt->cap * sizeof *tt->last);
		tt->nwords = ht_xrealloc(tt->nwords, tt->cap * sizeof *tt->nwords);
	}
	tt->off[id] = tt->pool.len;
	ht_buf_add(&tt->pool, key, len);
	ht_buf_addc(&tt->pool, 0);
	tt->df[id] = 0;
	tt->last[id] = 0;
	tt->nwords[id] = (uint8_t)(nwords > 255 ? 255 : nwords);
	*slot = (table_slot){(uint32_t)(id + 1), (uint32_t)hash};
	tt->n++;
	return id;
}

static int table_find(const target_table *tt, const char *key, size_t len)
{
	return tt->nslots && table_probe(tt, key, len, ht_hash_bytes(key, len))->id1;
}

/* The id of key[0..len), or SIZE_MAX. */
static size_t table_id(const target_table *tt, const char *key, size_t len)
{
	if (!tt->nslots)
		return SIZE_MAX;
	uint32_t id1 = table_probe(tt, key, len, ht_hash_bytes(key, len))->id1;
	return id1 ? id1 - 1 : SIZE_MAX;
}

static void table_release(target_table *tt)
{
	ht_buf_release(&tt->pool);
	free(tt->off);
	free(tt->df);
	free(tt->last);
	free(tt->nwords);
	free(tt->slots);
}

/* ---- the corpus: aligned units and their target ids ---- */

/* The first occurrence of a target n-gram in a unit, kept so that surface
 * forms and positions never need a second scan of the text. */
struct occurrence {
	uint32_t start;   /* byte span in the target segment */
	uint16_t len;
	uint16_t pos;     /* relative position * 32767; bit 15: opens a sentence */
};

typedef struct corpus {
	const ht_tm *tm;
	size_t from, to;        /* language indices in tm */
	const char *to_lang;
	size_t *tm_unit;        /* internal unit -> tm unit */
	size_t nunits;
	size_t *ids_off;        /* unit u's ids are ids[ids_off[u] .. ids_off[u+1]) */
	uint32_t *ids;
	struct occurrence *occ; /* parallel to ids: where the n-gram first occurs in the unit */
	size_t nids, ids_cap;
	size_t scanning;        /* the unit being scanned for target n-grams */
	target_table tt;
	ht_ngrammer *ng;
	ht_termset *ts;
} corpus;

static void collect_target_id(const ht_ngram *g, void *ctx)
{
	corpus *c = ctx;
	size_t id = table_intern(&c->tt, g->key, g->keylen, g->hash, g->nwords);
	uint32_t mark = (uint32_t)c->scanning + 1;
	if (c->tt.last[id] == mark)
		return;
	c->tt.last[id] = mark;
	c->tt.df[id]++;
	if (c->nids + 1 > c->ids_cap) {
		HT_GROW(c->ids, c->nids + 1, c->ids_cap);
		c->occ = ht_xrealloc(c->occ, c->ids_cap * sizeof *c->occ);
	}
	c->occ[c->nids] = (struct occurrence){
		(uint32_t)g->start, (uint16_t)(g->len > 0xFFFF ? 0xFFFF : g->len),
		(uint16_t)((uint16_t)(g->pos * 32767.0) | (g->initial ? 0x8000u : 0))};
	c->ids[c->nids++] = (uint32_t)id;
}

/* The units of the tm that have both languages; returns how many. */
static size_t corpus_select_units(corpus *c)
{
	size_t n = ht_tm_unit_count(c->tm);
	c->tm_unit = ht_xmalloc((n ? n : 1) * sizeof *c->tm_unit);
	for (size_t u = 0; u < n; u++) {
		size_t slen, tlen;
		const char *s = ht_tm_seg(c->tm, u, c->from, &slen);
		const char *t = ht_tm_seg(c->tm, u, c->to, &tlen);
		if (s && t && slen && tlen)
			c->tm_unit[c->nunits++] = u;
	}
	return c->nunits;
}

/* The target side: every unit's n-grams, interned. */
static void corpus_index_targets(corpus *c)
{
	c->ids_off = ht_xmalloc((c->nunits + 1) * sizeof *c->ids_off);
	c->ids_off[0] = 0;
	for (size_t k = 0; k < c->nunits; k++) {
		size_t len;
		const char *t = ht_tm_seg(c->tm, c->tm_unit[k], c->to, &len);
		c->scanning = k;
		ht_ngrammer_scan(c->ng, t, len, collect_target_id, c);
		c->ids_off[k + 1] = c->nids;
	}
}

/* The source side: the term candidates of every unit, ranked. */
static ht_status corpus_rank_sources(corpus *c, size_t min_freq, ht_error *err)
{
	for (size_t k = 0; k < c->nunits; k++) {
		size_t u = c->tm_unit[k], len;
		const char *s = ht_tm_seg(c->tm, u, c->from, &len);
		ht_termset_add_text(c->ts, s, len, ht_tm_doc(c->tm, u), ht_tm_unit_id(c->tm, u));
	}
	return ht_termset_rank(c->ts, min_freq, err);
}

static void corpus_release(corpus *c)
{
	free(c->tm_unit);
	free(c->ids_off);
	free(c->ids);
	free(c->occ);
	table_release(&c->tt);
	ht_ngrammer_free(c->ng);
	ht_termset_free(c->ts);
}

/* The occurrence of target `id` in unit u, or NULL. */
static const struct occurrence *unit_target(const corpus *c, size_t u, size_t id)
{
	for (size_t k = c->ids_off[u]; k < c->ids_off[u + 1]; k++)
		if (c->ids[k] == id)
			return &c->occ[k];
	return NULL;
}

/* ---- source-side measures ---- */

static int is_zh(const char *lang) { return lang[0] == 'z' && lang[1] == 'h' && (!lang[2] || lang[2] == '-'); }

/* How many target tokens a translation of `term` may plausibly have, and
 * how many it has typically: a Chinese character carries about half a word
 * (so an English word about two characters). */
static void target_length_bounds(const char *from, const char *to, const char *term, size_t *maxw,
				 double *expect)
{
	ht_token *toks = NULL;
	size_t n = 0, cap = 0, han = 0, words = 0;
	ht_tokenize(term, strlen(term), &toks, &n, &cap);
	for (size_t i = 0; i < n; i++) {
		if (toks[i].type == HT_TOK_HAN)
			han++;
		else if (toks[i].type != HT_TOK_PUNCT)
			words++;
	}
	free(toks);
	if (is_zh(from) || han > words) {
		*maxw = (han + 1) / 2 + 1 + words;
		*expect = (double)((han + 1) / 2) + words;
	} else if (is_zh(to)) {
		*maxw = 3 * words + 2;
		*expect = 2.0 * words;
	} else {
		*maxw = 2 * words + 1;
		*expect = (double)words;
	}
	if (*expect < 1)
		*expect = 1;
}

/* Minus the distance between n words and the expected length.  It only
 * settles near ties: 气候变化 is "climate change" rather than "climate". */
static double length_fit(size_t n, double expect) { return -fabs((double)n - expect); }

/* ---- dictionary support ---- */

static int bad_gloss(const char *g)
{
	static const char *const skip[] = {"CL:", "variant of", "old variant", "surname ",
					   "abbr. for", "see ", "used in", "erhua variant"};
	for (size_t i = 0; i < sizeof skip / sizeof *skip; i++)
		if (strncmp(g, skip[i], strlen(skip[i])) == 0)
			return 1;
	return 0;
}

/* A sense without its parentheses and descriptive apposition ("Vienna,
 * capital of Austria" -> "Vienna"), spaces collapsed. */
static void clean_gloss(const char *g, ht_buf *out)
{
	ht_buf_reset(out);
	int depth = 0;
	for (const char *p = g; *p; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth > 0)
			depth--;
		else if (!depth && *p == ',' && p[1] == ' ')
			break;
		else if (!depth && !(*p == ' ' && (out->len == 0 || out->s[out->len - 1] == ' ')))
			ht_buf_addc(out, *p);
	}
	while (out->len && out->s[out->len - 1] == ' ')
		ht_buf_truncate(out, out->len - 1);
}

/* Append the best usable sense in targets[]: a term wants a noun, so the
 * first sense that is neither a verb ("to cooperate" -> "cooperation") nor a
 * capitalised one (和: not "Japanese", the sense of the surname entry), else
 * the first verb without its "to", else a capitalised one (names: Vienna);
 * returns 0 when none is usable. */
static int looks_adjective(const char *g)
{
	static const char *const suf[] = {"ic", "al", "ive", "ary", "ous", "ian", "ese", NULL};
	size_t n = strlen(g);
	if (strchr(g, ' '))
		return 0;
	for (const char *const *x = suf; *x; x++)
		if (n > strlen(*x) + 2 && strcmp(g + n - strlen(*x), *x) == 0)
			return 1;
	return 0;
}

static int add_clean_gloss(const char *const *targets, size_t n, int modifier, ht_buf *out)
{
	ht_buf tmp = HT_BUF_INIT;
	int found = 0;
	/* a piece before the head modifies it: its adjective sense if it has
	 * one (经济合作: "economic cooperation", not "economy cooperation") */
	for (size_t i = 0; modifier && i < n && !found; i++) {
		if (bad_gloss(targets[i]))
			continue;
		clean_gloss(targets[i], &tmp);
		if (looks_adjective(tmp.s) && !(tmp.s[0] >= 'A' && tmp.s[0] <= 'Z')) {
			ht_buf_adds(out, tmp.s);
			found = 1;
		}
	}
	for (int pass = 0; pass < 3 && !found; pass++)
		for (size_t i = 0; i < n && !found; i++) {
			if (bad_gloss(targets[i]))
				continue;
			clean_gloss(targets[i], &tmp);
			const char *g = tmp.s;
			int verb = strncmp(g, "to ", 3) == 0;
			int proper = g[0] >= 'A' && g[0] <= 'Z';
			if (verb)
				g += 3;
			if (!*g || (pass == 0 && (verb || proper)) || (pass == 1 && !verb))
				continue;
			ht_buf_adds(out, g);
			found = 1;
		}
	ht_buf_release(&tmp);
	return found;
}

/* Dictionary lookup of term[a..b) (source text span). */
static size_t dict_lookup_span(const ht_dict *dict, const char *s, size_t len, ht_buf *key,
			       const char *const **targets)
{
	ht_buf_reset(key);
	ht_key_fold(s, len, key);
	return ht_dict_lookup(dict, key->s, key->len, targets);
}

int ht_pair_dict_render(const ht_dict *dict, const char *term, size_t len, ht_buf *out)
{
	ht_token *toks = NULL;
	size_t n = 0, cap = 0, from = out->len, pieces = 0;
	ht_buf key = HT_BUF_INIT;
	ht_tokenize(term, len, &toks, &n, &cap);
	int rc = n ? 1 : -1;
	for (size_t i = 0; i < n && rc >= 0;) {
		size_t take = 0;
		for (size_t k = n - i < 8 ? n - i : 8; k >= 1 && !take; k--) {
			const char *const *targets;
			size_t a = toks[i].start, b = toks[i + k - 1].start + toks[i + k - 1].len;
			size_t nt = dict_lookup_span(dict, term + a, b - a, &key, &targets);
			if (!nt)
				continue;
			size_t at = out->len;
			if (pieces)
				ht_buf_addc(out, ' ');
			if (add_clean_gloss(targets, nt, i + k < n && k >= 2, out))
				take = k;
			else
				ht_buf_truncate(out, at);
		}
		if (!take) {
			ht_buf_truncate(out, from);
			rc = -1;
			break;
		}
		pieces++;
		i += take;
	}
	if (rc > 0 && pieces > 1)
		rc = 0;
	free(toks);
	ht_buf_release(&key);
	return rc;
}

/* The word keys of every sense of every dictionary entry inside the source
 * term, one per line: what a translation of the term may contain. */
static void dict_support_words(const ht_dict *dict, const char *term, const char *to,
			       ht_buf *words)
{
	ht_token *toks = NULL, *gt = NULL;
	size_t n = 0, cap = 0, gn = 0, gcap = 0;
	ht_buf key = HT_BUF_INIT;
	ht_buf_reset(words);
	ht_buf_addc(words, '\n');
	size_t len = strlen(term);
	ht_tokenize(term, len, &toks, &n, &cap);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 1; k <= 8 && i + k <= n; k++) {
			const char *const *targets;
			size_t a = toks[i].start, b = toks[i + k - 1].start + toks[i + k - 1].len;
			size_t nt = dict_lookup_span(dict, term + a, b - a, &key, &targets);
			for (size_t t = 0; t < nt; t++) {
				const char *g = targets[t];
				ht_tokenize(g, strlen(g), &gt, &gn, &gcap);
				for (size_t w = 0; w < gn; w++) {
					if (gt[w].type != HT_TOK_WORD)
						continue;
					ht_pair_word_key(to, g + gt[w].start, gt[w].len, 0, words);
					ht_buf_addc(words, '\n');
				}
			}
		}
	free(toks);
	free(gt);
	ht_buf_release(&key);
}

/* Share of the words of target key `tkey` found among the support words. */
static double dict_coverage(const ht_buf *support, const char *tkey)
{
	ht_buf word = HT_BUF_INIT, folded = HT_BUF_INIT;
	size_t words = 0, hits = 0;
	for (const char *p = tkey; *p;) {
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (!(len == 1 && *p == '-')) {
			ht_buf_reset(&folded);
			ht_key_fold(p, len, &folded);
			ht_buf_reset(&word);
			ht_buf_addc(&word, '\n');
			ht_buf_add(&word, folded.s, folded.len);
			ht_buf_addc(&word, '\n');
			words++;
			if (strstr(support->s, word.s))
				hits++;
		}
		p += len;
		if (*p == ' ')
			p++;
	}
	ht_buf_release(&word);
	ht_buf_release(&folded);
	return words ? (double)hits / (double)words : 0.0;
}

/* ---- choosing the target of one source candidate ---- */

typedef struct chooser {
	uint32_t *cnt;       /* co-occurrence count per target id (sparse, reset after use) */
	uint32_t *touched;
	size_t ntouched, touched_cap;
	ht_buf support, a, b;
} chooser;

typedef struct choice {
	size_t id;
	uint32_t co;
	double dice;
} choice;

/* Set ch->b to the folded form of key `inner` for key_contains, with a
 * space on each edge that must be a word boundary: every Han character is a
 * token of its own, so a Han edge needs none (全理事会 in 安全理事会). */
static void key_contains_prepare(chooser *ch, const char *inner)
{
	size_t len = strlen(inner), i = 0, j = len;
	int han_first = len && ht_is_han(ht_utf8_next(inner, len, &i));
	int han_last = len && ht_is_han(ht_utf8_prev(inner, &j));
	ht_buf_reset(&ch->b);
	if (!han_first)
		ht_buf_addc(&ch->b, ' ');
	ht_key_fold(inner, len, &ch->b);
	if (!han_last)
		ht_buf_addc(&ch->b, ' ');
}

/* True when the key prepared by key_contains_prepare is a whole-token part
 * of key `outer`, case folded. */
static int key_contains(chooser *ch, const char *outer)
{
	ht_buf_reset(&ch->a);
	ht_buf_addc(&ch->a, ' ');
	ht_key_fold(outer, strlen(outer), &ch->a);
	ht_buf_addc(&ch->a, ' ');
	return strstr(ch->a.s, ch->b.s) != NULL;
}

static double dice_of(size_t co, size_t fs, size_t df) { return 2.0 * (double)co / (double)(fs + df); }

/* ---- in-sentence position ---- */

static const char *find_bytes(const char *hay, size_t n, const char *needle, size_t m)
{
	for (size_t i = 0; m && i + m <= n; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, m) == 0)
			return hay + i;
	return NULL;
}

/* Mean distance between the relative positions of the source term and of
 * target `id` over (at most POSITION_SAMPLE of) the units holding both. */
static double position_distance(const corpus *c, const char *term, size_t id, const size_t *units,
				size_t nu)
{
	double sum = 0;
	size_t n = 0, tlen = strlen(term);
	for (size_t k = 0; k < nu && n < POSITION_SAMPLE; k++) {
		const struct occurrence *o = unit_target(c, units[k], id);
		if (!o)
			continue;
		size_t slen;
		const char *src = ht_tm_seg(c->tm, c->tm_unit[units[k]], c->from, &slen);
		const char *at = find_bytes(src, slen, term, tlen);
		if (!at)
			continue;
		sum += fabs((double)(at - src) / (double)slen - (double)(o->pos & 0x7FFF) / 32767.0);
		n++;
	}
	return n ? sum / (double)n : 1.0;
}

/* True when one word follows at least 75 % of the occurrences of target
 * `id` in the given units: the n-gram is the left part of a longer name. */
static int right_fragment(const corpus *c, size_t id, const size_t *units, size_t nu)
{
	const char *next[32];
	size_t nlen[32], n = 0, seen = 0;
	for (size_t k = 0; k < nu && seen < 32; k++) {
		const struct occurrence *o = unit_target(c, units[k], id);
		if (!o)
			continue;
		seen++;
		size_t len;
		const char *seg = ht_tm_seg(c->tm, c->tm_unit[units[k]], c->to, &len);
		size_t i = o->start + o->len;
		while (i < len && seg[i] == ' ')
			i++;
		size_t j = i;
		while (j < len && seg[j] != ' ' && seg[j] != ',' && seg[j] != '.' && seg[j] != ';' &&
		       seg[j] != ')' && seg[j] != ':')
			j++;
		if (j > i) {
			next[n] = seg + i;
			nlen[n++] = j - i;
		}
	}
	for (size_t a = 0; a < n; a++) {
		size_t same = 0;
		for (size_t b = 0; b < n; b++)
			same += nlen[a] == nlen[b] && memcmp(next[a], next[b], nlen[a]) == 0;
		if (seen >= 2 && same * 4 >= seen * 3)
			return 1;
	}
	return 0;
}

/* Does key `outer` start with key `inner` as whole words?  An enclosing
 * span that only adds words on the right completes its head ("Panel" +
 * "of Experts", "nuclear" + "weapons"); one that adds words on the left
 * narrows it to another concept ("Security" + "Council"). */
static int key_opens(const char *inner, const char *outer)
{
	size_t n = strlen(inner);
	return strncmp(inner, outer, n) == 0 && outer[n] == ' ';
}

/* Does every word of key k (two or more words; "of", "and" excepted) start
 * with a capital, the first apart (keys fold it)? */
static int title_case_key(const char *k)
{
	const char *sp = strchr(k, ' ');
	if (!sp)
		return 0;
	int words = 0;
	for (const char *p = sp + 1; *p;) {
		size_t n = strcspn(p, " ");
		size_t i = 0;
		int32_t cp = ht_utf8_next(p, n, &i);
		int small = n <= 3 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL; /* of, and, the */
		if (!small && utf8proc_category(cp) != UTF8PROC_CATEGORY_LU && cp != '-')
			return 0;
		words += !small;
		p += n;
		while (*p == ' ')
			p++;
	}
	return words > 0;
}

/* Case variants are separate keys (later capitals are kept): when the
 * chosen key is not Title Case and a Title Case variant shares enough of its
 * units, the name is written as UN style writes names. */
/* Is target id mostly a name of its own where it occurs: after a lower-case
 * word or at the start, not inside a longer name ("Framework Convention on
 * Climate Change", "Treaty on the Non-Proliferation of Nuclear Weapons")? */
static int stands_alone(const corpus *c, size_t id, const size_t *units, size_t nu)
{
	size_t seen = 0, alone = 0;
	for (size_t k = 0; k < nu && seen < 32; k++) {
		const struct occurrence *o = unit_target(c, units[k], id);
		if (!o)
			continue;
		seen++;
		size_t len;
		const char *seg = ht_tm_seg(c->tm, c->tm_unit[units[k]], c->to, &len);
		size_t i = o->start;
		while (i > 0 && seg[i - 1] == ' ')
			i--;
		size_t j = i;
		while (j > 0 && seg[j - 1] != ' ')
			j--;
		size_t w = j;
		int32_t cp = i > j ? ht_utf8_next(seg, i, &w) : 0;
		int upper = utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
		/* "of", "on", "the" after a capitalised word belong to a longer name */
		int linker = i - j <= 3 && i > j && !upper && j > 0;
		if (linker) {
			size_t b = j;
			while (b > 0 && seg[b - 1] == ' ')
				b--;
			size_t a = b;
			while (a > 0 && seg[a - 1] != ' ')
				a--;
			size_t q = a;
			int32_t p = b > a ? ht_utf8_next(seg, b, &q) : 0;
			linker = utf8proc_category(p) == UTF8PROC_CATEGORY_LU;
		}
		alone += !upper && !linker;
	}
	return seen && 2 * alone >= seen;
}

static void prefer_title_case(const corpus *c, chooser *ch, const ht_gloss_opts *opts,
			      const size_t *units, size_t nu, choice *out)
{
	const target_table *tt = &c->tt;
	const char *key = target_key(tt, out->id);
	if (title_case_key(key) || !strchr(key, ' '))
		return;
	ht_buf_reset(&ch->b);
	ht_key_fold(key, strlen(key), &ch->b);
	for (size_t k = 0; k < ch->ntouched; k++) {
		uint32_t id = ch->touched[k];
		if (id == out->id || tt->nwords[id] != tt->nwords[out->id] || ch->cnt[id] < opts->min_freq ||
		    ch->cnt[id] < TITLE_SHARE * out->co || !title_case_key(target_key(tt, id)))
			continue;
		ht_buf_reset(&ch->a);
		ht_key_fold(target_key(tt, id), strlen(target_key(tt, id)), &ch->a);
		if (strcmp(ch->a.s, ch->b.s) == 0 && stands_alone(c, id, units, nu)) {
			*out = (choice){id, ch->cnt[id], dice_of(ch->cnt[id], nu, tt->df[id])};
			return;
		}
	}
}

static int choose_target(const corpus *c, chooser *ch, const ht_gloss_opts *opts, const char *term,
			 const size_t *units, size_t nu, choice *out)
{
	for (size_t k = 0; k < nu; k++) {
		size_t u = units[k];
		for (size_t j = c->ids_off[u]; j < c->ids_off[u + 1]; j++) {
			uint32_t id = c->ids[j];
			if (ch->cnt[id]++ == 0) {
				HT_GROW(ch->touched, ch->ntouched + 1, ch->touched_cap);
				ch->touched[ch->ntouched++] = id;
			}
		}
	}
	size_t maxw;
	double expect;
	target_length_bounds(ht_tm_lang(c->tm, c->from), ht_tm_lang(c->tm, c->to), term, &maxw,
			     &expect);
	if (maxw > opts->max_target_words)
		maxw = opts->max_target_words;
	const target_table *tt = &c->tt;
	double best = 0;
	for (size_t k = 0; k < ch->ntouched; k++) {
		uint32_t id = ch->touched[k];
		if (ch->cnt[id] < opts->min_freq || tt->nwords[id] > maxw)
			continue;
		double d = dice_of(ch->cnt[id], nu, tt->df[id]);
		if (d > best)
			best = d;
	}
	int found = 0;
	if (best >= opts->min_dice) {
		if (opts->dict)
			dict_support_words(opts->dict, term, c->to_lang, &ch->support);
		/* near ties: dictionary support, then length fit, then Dice */
		double best_cov = -1, best_fit = 0;
		*out = (choice){0, 0, 0};
		for (size_t k = 0; k < ch->ntouched; k++) {
			uint32_t id = ch->touched[k];
			if (ch->cnt[id] < opts->min_freq || tt->nwords[id] > maxw)
				continue;
			double d = dice_of(ch->cnt[id], nu, tt->df[id]);
			if (d < best * NEAR_SHARE)
				continue;
			double cov = opts->dict ? dict_coverage(&ch->support, target_key(tt, id)) : 0;
			double fit = length_fit(tt->nwords[id], expect);
			/* dictionary support decides only when clearly different
			 * (about one word in three), else length fit, then Dice */
			int better_cov = cov > best_cov + DICT_MARGIN;
			int same_cov = fabs(cov - best_cov) <= DICT_MARGIN;
			if (!found || better_cov || (same_cov && fit > best_fit) ||
			    (same_cov && fit == best_fit && d > out->dice)) {
				*out = (choice){id, ch->cnt[id], d};
				best_cov = cov;
				best_fit = fit;
				found = 1;
			}
		}
		/* exact ties: the n-gram whose place in its sentence is nearest to
		 * the source term's place in its own */
		double best_dist = -1;
		choice tied = *out;
		size_t ntied = 0;
		for (size_t k = 0; found && k < ch->ntouched && ntied < POSITION_MAX_TIED; k++) {
			uint32_t id = ch->touched[k];
			if (id == out->id || ch->cnt[id] < opts->min_freq || tt->nwords[id] > maxw)
				continue;
			double d = dice_of(ch->cnt[id], nu, tt->df[id]);
			double fit = length_fit(tt->nwords[id], expect);
			double cov = opts->dict ? dict_coverage(&ch->support, target_key(tt, id)) : 0;
			if (d != out->dice || fit != best_fit || fabs(cov - best_cov) > DICT_MARGIN)
				continue;
			if (best_dist < 0)
				best_dist = position_distance(c, term, out->id, units, nu);
			ntied++;
			double dist = position_distance(c, term, id, units, nu);
			if (dist < best_dist) {
				best_dist = dist;
				tied = (choice){id, ch->cnt[id], d};
			}
		}
		*out = tied;
		/* extension toward a longer n-gram that keeps most co-occurrences */
		choice ext = *out;
		if (found)
			key_contains_prepare(ch, target_key(tt, out->id));
		for (size_t k = 0; found && k < ch->ntouched; k++) {
			uint32_t id = ch->touched[k];
			if (tt->nwords[id] <= tt->nwords[out->id] || tt->nwords[id] > maxw)
				continue;
			/* the enclosing span keeps most co-occurrences, or associates
			 * nearly as well, fits the length as well and the dictionary
			 * supports more of it (专家小组: "Panel of Experts", not "Panel";
			 * never 理事会 = "Security Council") */
			if (ch->cnt[id] < EXTEND_SHARE * out->co &&
			    (!opts->dict || ch->cnt[id] < opts->min_freq ||
			     dict_coverage(&ch->support, target_key(tt, id)) <=
				     dict_coverage(&ch->support, target_key(tt, out->id)) ||
			     dice_of(ch->cnt[id], nu, tt->df[id]) < ENCLOSING_DICE * out->dice ||
			     length_fit(tt->nwords[id], expect) < length_fit(tt->nwords[out->id], expect) ||
			     !key_opens(target_key(tt, out->id), target_key(tt, id))))
				continue;
			if (tt->nwords[id] < tt->nwords[ext.id] ||
			    (tt->nwords[id] == tt->nwords[ext.id] && ch->cnt[id] <= ext.co))
				continue;
			if (key_contains(ch, target_key(tt, id)))
				ext = (choice){id, ch->cnt[id], dice_of(ch->cnt[id], nu, tt->df[id])};
		}
		*out = ext;
		/* a name cut by the length bound ("Charter of the United"): take the
		 * right extension that keeps most co-occurrences, up to 3 words more */
		for (int round = 0; round < 3 && right_fragment(c, out->id, units, nu); round++) {
			const char *key = target_key(tt, out->id);
			size_t klen = strlen(key);
			choice rx = *out;
			for (size_t k = 0; k < ch->ntouched; k++) {
				uint32_t id = ch->touched[k];
				const char *tk = target_key(tt, id);
				if (tt->nwords[id] <= tt->nwords[out->id] || tt->nwords[id] > maxw + 3 ||
				    ch->cnt[id] < EXTEND_SHARE * out->co || strncmp(tk, key, klen) != 0 ||
				    tk[klen] != ' ')
					continue;
				if (rx.id == out->id || ch->cnt[id] > rx.co ||
				    (ch->cnt[id] == rx.co && tt->nwords[id] < tt->nwords[rx.id]))
					rx = (choice){id, ch->cnt[id], dice_of(ch->cnt[id], nu, tt->df[id])};
			}
			if (rx.id == out->id)
				break;
			*out = rx;
		}
		if (found && strncmp(c->to_lang, "en", 2) == 0) /* English capitalises whole names */
			prefer_title_case(c, ch, opts, units, nu, out);
	}
	for (size_t k = 0; k < ch->ntouched; k++)
		ch->cnt[ch->touched[k]] = 0;
	ch->ntouched = 0;
	return found;
}

/* ---- surface form of a chosen target: its most frequent spelling ---- */

typedef struct surface_count {
	char *text;
	size_t mid, initial; /* occurrences inside and at the start of a sentence */
	int clitic;          /* Arabic: opens with a conjunction or preposition (والدول) */
	int citation;        /* ht_citation_score: nominative forms first (Russian) */
} surface_count;

/* An Arabic form whose first word carries wa-, or bi-/li-/ka-/fa- before the
 * article, is a context form, not the citation form of the term. */
static int arabic_clitic_form(const char *s)
{
	static const char *const prefixes[] = {"و", "بال", "لل", "كال", "فال"};
	for (size_t k = 0; k < sizeof prefixes / sizeof *prefixes; k++)
		if (strncmp(s, prefixes[k], strlen(prefixes[k])) == 0)
			return 1;
	return 0;
}

/* Count the spelling of one occurrence (white space collapsed). */
static void count_surface(surface_count **forms, size_t *n, size_t *cap, const char *text,
			  size_t len, int initial, int arabic, ht_buf *tmp)
{
	ht_buf_reset(tmp);
	for (size_t i = 0; i < len; i++) {
		char ch = text[i];
		int space = ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
		if (!space)
			ht_buf_addc(tmp, ch);
		else if (tmp->len && tmp->s[tmp->len - 1] != ' ')
			ht_buf_addc(tmp, ' ');
	}
	size_t k = 0;
	while (k < *n && strcmp((*forms)[k].text, tmp->s) != 0)
		k++;
	if (k == *n) {
		HT_GROW(*forms, *n + 1, *cap);
		(*forms)[(*n)++] = (surface_count){ht_xstrdup(tmp->s), 0, 0,
						   arabic && arabic_clitic_form(tmp->s), 0};
	}
	if (initial)
		(*forms)[k].initial++;
	else
		(*forms)[k].mid++;
}

/* A form seen only at sentence starts has its capital from there: it
 * takes the case of the forms seen inside sentences (Коренные народы ->
 * коренные народы when "коренных народов" is what running text shows). */
static void lower_initial_capital(char *text, const surface_count *forms, size_t n)
{
	size_t i = 0, len = strlen(text);
	int32_t cp = ht_utf8_next(text, len, &i);
	if (utf8proc_category(cp) != UTF8PROC_CATEGORY_LU)
		return;
	int lower_mid = 0, upper_mid = 0;
	for (size_t k = 0; k < n; k++) {
		if (!forms[k].mid)
			continue;
		size_t j = 0;
		int32_t f = ht_utf8_next(forms[k].text, strlen(forms[k].text), &j);
		if (utf8proc_category(f) == UTF8PROC_CATEGORY_LL)
			lower_mid += (int)forms[k].mid;
		else
			upper_mid += (int)forms[k].mid;
	}
	char enc[4];
	int32_t low = utf8proc_tolower(cp);
	if (lower_mid <= upper_mid || ht_utf8_encode(low, enc) != i)
		return;
	memcpy(text, enc, i);
}

/* The most frequent spelling of target `id` in the units of a source
 * candidate, preferring occurrences inside a sentence; a malloc'd string. */
static char *best_surface(const corpus *c, size_t id, const size_t *units, size_t nu)
{
	surface_count *forms = NULL;
	size_t n = 0, cap = 0, seen = 0;
	int arabic = strncmp(c->to_lang, "ar", 2) == 0;
	ht_buf tmp = HT_BUF_INIT;
	for (size_t k = 0; k < nu && seen < SURFACE_SAMPLE; k++) {
		const struct occurrence *o = unit_target(c, units[k], id);
		if (!o)
			continue;
		size_t len;
		const char *seg = ht_tm_seg(c->tm, c->tm_unit[units[k]], c->to, &len);
		count_surface(&forms, &n, &cap, seg + o->start, o->len, (o->pos & 0x8000) != 0,
			      arabic, &tmp);
		seen++;
	}
	size_t best = 0;
	for (size_t k = 0; k < n; k++)
		forms[k].citation = ht_citation_score(c->to_lang, forms[k].text);
	for (size_t k = 1; k < n; k++) {
		const surface_count *f = &forms[k], *b = &forms[best];
		if (f->clitic != b->clitic) {
			if (f->clitic < b->clitic)
				best = k;
		} else if (f->citation != b->citation) {
			if (f->citation > b->citation)
				best = k;
		} else if (f->mid > b->mid || (f->mid == b->mid && f->initial > b->initial))
			best = k;
	}
	char *text = n ? forms[best].text : ht_xstrdup(target_key(&c->tt, id));
	if (n && !forms[best].mid)
		lower_initial_capital(text, forms, n);
	if (arabic && strncmp(text, "وال", strlen("وال")) == 0) /* only context forms seen */
		memmove(text, text + strlen("و"), strlen(text) - strlen("و") + 1);
	for (size_t k = 0; k < n; k++)
		if (k != best)
			free(forms[k].text);
	free(forms);
	ht_buf_release(&tmp);
	return text;
}

/* Confidence grows with the association and with the evidence behind it:
 * Dice damped by 1 - 2^-co (one shared unit halves it, five nearly keep it). */
static double pair_confidence(double dice, size_t co)
{
	double c = dice * (1.0 - pow(0.5, (double)co));
	return c < 0 ? 0 : c > 1 ? 1 : c;
}

/* ---- the builder ---- */

static ht_status check_opts(const ht_gloss_opts *opts, ht_error *err)
{
	if (opts->min_freq < 1)
		return ht_error_set(err, HT_ERR_USAGE, "minimum frequency must be at least 1");
	if (opts->max_target_words < 1 || opts->max_target_words > 32)
		return ht_error_set(err, HT_ERR_USAGE, "target n-grams must have 1 to 32 words");
	if (opts->min_dice < 0 || opts->min_dice > 1)
		return ht_error_set(err, HT_ERR_USAGE, "minimum Dice must be in [0,1]");
	if (opts->suggest && !opts->dict)
		return ht_error_set(err, HT_ERR_USAGE, "suggestions need a dictionary");
	return HT_OK;
}

static void add_suggestion(ht_glossary *g, const ht_dict *dict, const ht_termset *ts, size_t i,
			   ht_buf *tmp)
{
	const char *term = ht_termset_term(ts, i);
	ht_buf_reset(tmp);
	int whole = ht_pair_dict_render(dict, term, strlen(term), tmp);
	if (whole < 0)
		return;
	ht_gloss_entry e = {
		.source = term,
		.target = tmp->s,
		.freq = ht_termset_freq(ts, i),
		.score = 0,
		.confidence = whole ? 0.5 : 0.25,
		.example_doc = ht_termset_example_doc(ts, i),
		.example_unit = ht_termset_example_unit(ts, i),
		.suggestion = 1,
	};
	ht_glossary_add(g, &e);
}

/* What the glossary already holds: folded sources ("s:...") and targets
 * ("t:..."), so that the confirmation pass adds only new pairs. */
typedef struct glossary_sink {
	ht_glossary *g;
	target_table known;
	size_t entries;
} glossary_sink;

/* Is `text` known on `side` ('s' or 't')?  With add, make it known.  `tmp`
 * is the caller's scratch: lookups run on several threads at once (while no
 * thread adds). */
static int sink_knows(glossary_sink *k, char side, const char *text, int add, ht_buf *tmp)
{
	ht_buf_reset(tmp);
	ht_buf_addc(tmp, side);
	ht_buf_addc(tmp, ':');
	ht_key_fold(text, strlen(text), tmp);
	if (add) {
		table_intern(&k->known, tmp->s, tmp->len, ht_hash_bytes(tmp->s, tmp->len), 0);
		return 1;
	}
	return table_find(&k->known, tmp->s, tmp->len);
}

static int has_han(const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;)
		if (ht_is_han(ht_utf8_next(s, len, &i)))
			return 1;
	return 0;
}

static int is_letter_or_digit(int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	       (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

/* Units of every n-gram id (the inverse of the unit index), built for the
 * confirmation pass, which needs the units of a raw source n-gram. */
typedef struct postings {
	size_t *off;   /* id's units are units[off[id] .. off[id+1]) */
	size_t *units;
} postings;

static void postings_build(const corpus *c, postings *p)
{
	p->off = ht_xcalloc(c->tt.n + 1, sizeof *p->off);
	for (size_t id = 0; id < c->tt.n; id++)
		p->off[id + 1] = p->off[id] + c->tt.df[id];
	p->units = ht_xmalloc((c->nids ? c->nids : 1) * sizeof *p->units);
	size_t *fill = ht_xmalloc((c->tt.n ? c->tt.n : 1) * sizeof *fill);
	memcpy(fill, p->off, c->tt.n * sizeof *fill);
	for (size_t u = 0; u < c->nunits; u++)
		for (size_t k = c->ids_off[u]; k < c->ids_off[u + 1]; k++)
			p->units[fill[c->ids[k]]++] = u;
	free(fill);
}

static void postings_release(postings *p)
{
	free(p->off);
	free(p->units);
}

/* A Chinese n-gram is a fragment when one neighbouring character (Han,
 * letter or digit) accompanies at least 75 % of its occurrences in the
 * units it shares with its partner: 浦路斯共和国 (塞浦路斯共和国), 年后发展议程
 * (2015年后发展议程).  The termset filters its own candidates so; the
 * confirmation pass meets raw n-grams. */
static int is_fragment(const corpus *c, size_t id, const size_t *units, size_t nu)
{
	int32_t left[64], right[64];
	size_t nl = 0, nr = 0, n = 0;
	for (size_t k = 0; k < nu && n < 64; k++) {
		const struct occurrence *o = unit_target(c, units[k], id);
		if (!o)
			continue;
		size_t len;
		const char *seg = ht_tm_seg(c->tm, c->tm_unit[units[k]], c->to, &len);
		size_t i = o->start, j = o->start + o->len;
		int32_t l = i > 0 ? ht_utf8_prev(seg, &i) : 0;
		int32_t r = j < len ? ht_utf8_next(seg, len, &j) : 0;
		n++;
		if (l && (ht_is_han(l) || is_letter_or_digit(l)))
			left[nl++] = l;
		if (r && (ht_is_han(r) || is_letter_or_digit(r)))
			right[nr++] = r;
	}
	for (int side = 0; side < 2; side++) {
		const int32_t *v = side ? right : left;
		size_t m = side ? nr : nl;
		for (size_t a = 0; a < m; a++) {
			size_t same = 0;
			for (size_t b = 0; b < m; b++)
				same += v[b] == v[a];
			if (n && same * 4 >= n * 3)
				return 1;
		}
	}
	return 0;
}

/* ---- pairing every candidate: in parallel blocks, committed in order ----
 *
 * Choosing the target of a candidate reads only the corpora, so the
 * candidates of a block are paired on all threads at once.  What depends on
 * earlier entries (the confirmation pass adds only new pairs; a target shared
 * by several sources is spelt as the first one found it) is decided when the
 * results are committed, in rank order: the glossary is the same whatever the
 * number of threads. */

/* Candidates paired at once between two commits. */
#define PAIR_BLOCK 256
/* Threads when the caller leaves the choice (at most one per processor). */
#define GLOSS_DEFAULT_THREADS 4

/* One worker's scratch. */
typedef struct pair_scratch {
	ht_ngrammer *ng; /* keys of termbase equivalents */
	ht_buf tkey;
	chooser ch;      /* over the corpus being paired */
	chooser back;    /* over the forward corpus, for the mutual check */
	ht_buf key;      /* sink lookups */
} pair_scratch;

typedef enum pair_outcome { PAIR_SKIPPED, PAIR_NONE, PAIR_FOUND } pair_outcome;

/* The pairing of one candidate, before it is committed. */
typedef struct pair_result {
	pair_outcome outcome;
	choice best;
	size_t example;  /* the first of its units holding best.id */
	char *surface;   /* spelling of best.id in its units (malloc'd) */
	int rejected;    /* confirmation pass: fails a check that does not depend on
			    the pairs committed after the block started */
	const char *known; /* a termbase term: its equivalent (owned by the termbase) */
	uint32_t known_co; /* units where that equivalent occurs with the term */
	double known_dice;
} pair_result;

typedef struct pair_run {
	const corpus *c;
	const ht_gloss_opts *opts;
	glossary_sink *sink;      /* read only while a block is paired */
	const corpus *fwd;        /* confirmation pass: the forward corpus, else NULL */
	const ht_gloss_opts *fwd_opts; /* ... and the forward pass's options */
	const postings *post;     /* confirmation pass: units of c's target ids */
	int tb_to;                /* the target language in opts->termbase, or -1 */
	size_t first;             /* the block's first candidate */
	pair_result *res;         /* per candidate of the block */
	pair_scratch *scratch;    /* per worker */
} pair_run;

static void chooser_init(chooser *ch, size_t ntargets)
{
	memset(ch, 0, sizeof *ch);
	ch->cnt = ht_xcalloc(ntargets ? ntargets : 1, sizeof *ch->cnt);
	ht_buf_init(&ch->support);
	ht_buf_init(&ch->a);
	ht_buf_init(&ch->b);
}

static void chooser_release(chooser *ch)
{
	free(ch->cnt);
	free(ch->touched);
	ht_buf_release(&ch->support);
	ht_buf_release(&ch->a);
	ht_buf_release(&ch->b);
}

/* The confirmation pass keeps a pair only when it is mutual: the source
 * n-gram (src_id in the mirrored corpus, spelt src), paired forward on its
 * own units, picks the same target term. */
static int is_mutual(const pair_run *run, pair_scratch *w, size_t src_id, const char *src,
		     const char *target)
{
	const size_t *units = run->post->units + run->post->off[src_id];
	size_t nu = run->post->off[src_id + 1] - run->post->off[src_id];
	choice back;
	if (!choose_target(run->fwd, &w->back, run->fwd_opts, src, units, nu, &back))
		return 0;
	char *back_text = best_surface(run->fwd, back.id, units, nu);
	ht_buf *a = &w->back.a, *b = &w->back.b; /* the chooser's scratch, free again */
	ht_buf_reset(a);
	ht_key_fold(back_text, strlen(back_text), a);
	ht_buf_reset(b);
	ht_key_fold(target, strlen(target), b);
	free(back_text);
	return strcmp(a->s, b->s) == 0;
}

/* Confirmation pass: the checks on the pair (term, counterpart `other`) that
 * do not change as pairs are committed (whether `other` is already a source is
 * checked at commit). */
static int confirm_rejects(const pair_run *run, pair_scratch *w, const choice *best,
			   const char *term, const char *other, const size_t *units, size_t nu)
{
	const corpus *c = run->c;
	if (is_zh(c->to_lang) && (!has_han(other) || is_fragment(c, best->id, units, nu)))
		return 1;
	return !is_mutual(run, w, best->id, other, term);
}

/* The termbase equivalent of candidate i, or NULL. */
static const char *known_target(const pair_run *run, size_t i)
{
	size_t k = ht_termset_known(run->c->ts, i);
	if (k == SIZE_MAX || run->tb_to < 0)
		return NULL;
	const ht_tb_term *t = ht_termbase_term(run->opts->termbase, k, (size_t)run->tb_to);
	return t ? t->term : NULL;
}

static void longest_key(const ht_ngram *g, void *ctx)
{
	ht_buf *b = ctx;
	if (g->start == 0 && g->keylen >= b->len) {
		ht_buf_reset(b);
		ht_buf_add(b, g->key, g->keylen);
	}
}

/* A termbase equivalent in the text: how many of the units co-occur with
 * it (its n-gram key, so inflected forms count), and one of them. */
static void attest_known(const corpus *c, pair_scratch *w, pair_result *r, const char *target,
			 const size_t *units, size_t nu)
{
	ht_buf_reset(&w->tkey);
	ht_ngrammer_scan(w->ng, target, strlen(target), longest_key, &w->tkey);
	size_t id = w->tkey.len ? table_id(&c->tt, w->tkey.s, w->tkey.len) : SIZE_MAX;
	r->known_co = 0;
	r->example = units[0];
	for (size_t k = 0; id != SIZE_MAX && k < nu; k++)
		if (unit_target(c, units[k], id) && !r->known_co++)
			r->example = units[k];
	r->known_dice = r->known_co ? dice_of(r->known_co, nu, c->tt.df[id]) : 0;
}

static void pair_candidate(void *ctx, size_t item, size_t worker)
{
	const pair_run *run = ctx;
	const corpus *c = run->c;
	pair_scratch *w = &run->scratch[worker];
	pair_result *r = &run->res[item];
	size_t i = run->first + item, nu;
	const size_t *units = ht_termset_units(c->ts, i, &nu);
	const char *term = ht_termset_term(c->ts, i);
	int confirming = run->fwd != NULL;
	*r = (pair_result){.outcome = PAIR_SKIPPED};
	if (confirming && sink_knows(run->sink, 't', term, 0, &w->key))
		return;
	const char *known = confirming ? NULL : known_target(run, i);
	if (known) {
		/* the termbase's equivalent wins; the statistical one is kept to show */
		r->outcome = PAIR_FOUND;
		r->known = known;
		if (nu >= run->opts->min_freq && choose_target(c, &w->ch, run->opts, term, units, nu, &r->best))
			r->surface = best_surface(c, r->best.id, units, nu);
		attest_known(c, w, r, known, units, nu);
		return;
	}
	if (nu < run->opts->min_freq ||
	    !choose_target(c, &w->ch, run->opts, term, units, nu, &r->best) ||
	    (confirming && (r->best.dice < CONFIRM_MIN_DICE || r->best.co < CONFIRM_MIN_FREQ))) {
		r->outcome = PAIR_NONE;
		return;
	}
	r->outcome = PAIR_FOUND;
	r->example = units[0];
	for (size_t k = 0; k < nu; k++)
		if (unit_target(c, units[k], r->best.id)) {
			r->example = units[k];
			break;
		}
	r->surface = best_surface(c, r->best.id, units, nu);
	if (confirming)
		r->rejected = sink_knows(run->sink, 's', r->surface, 0, &w->key) ||
			      confirm_rejects(run, w, &r->best, term, r->surface, units, nu);
}

/* A termbase entry: its equivalent, attested or not, and the statistical
 * one when it differs. */
static void commit_known(pair_run *run, size_t i, const pair_result *r, pair_scratch *w)
{
	const corpus *c = run->c;
	int differs = 0;
	if (r->surface) {
		ht_buf *a = &w->ch.a, *b = &w->ch.b;
		ht_buf_reset(a);
		ht_key_fold(r->surface, strlen(r->surface), a);
		ht_buf_reset(b);
		ht_key_fold(r->known, strlen(r->known), b);
		differs = strcmp(a->s, b->s) != 0;
	}
	size_t tu = c->tm_unit[r->example];
	ht_gloss_entry e = {
		.source = ht_termset_term(c->ts, i),
		.target = r->known,
		.freq = r->known_co,
		.score = r->known_dice,
		.confidence = r->known_co ? fmax(pair_confidence(r->known_dice, r->known_co), 0.9) : 0.9,
		.example_doc = ht_tm_doc(c->tm, tu),
		.example_unit = ht_tm_unit_id(c->tm, tu),
		.in_termbase = 1,
		.alt = differs ? r->surface : NULL,
	};
	ht_glossary_add(run->sink->g, &e);
	sink_knows(run->sink, 's', e.source, 1, &w->key);
	sink_knows(run->sink, 't', e.target, 1, &w->key);
	run->sink->entries++;
}

/* Commit candidate i's result: add its entry unless the glossary already
 * holds its terms.  surfaces[id] is the spelling of target id, fixed by the
 * first candidate that chose it. */
static void commit_pair(pair_run *run, size_t i, pair_result *r, char **surfaces,
			pair_scratch *w)
{
	const corpus *c = run->c;
	const char *term = ht_termset_term(c->ts, i);
	int confirming = run->fwd != NULL;
	if (confirming && sink_knows(run->sink, 't', term, 0, &w->key))
		return;
	if (r->known) {
		commit_known(run, i, r, w);
		return;
	}
	if (!surfaces[r->best.id]) {
		surfaces[r->best.id] = r->surface;
		r->surface = NULL;
	}
	const char *other = surfaces[r->best.id];
	if (confirming) {
		int rejected = r->rejected;
		if (r->surface && strcmp(r->surface, other) != 0) { /* spelt by an earlier one */
			size_t nu;
			const size_t *units = ht_termset_units(c->ts, i, &nu);
			rejected = confirm_rejects(run, w, &r->best, term, other, units, nu);
		}
		if (rejected || sink_knows(run->sink, 's', other, 0, &w->key))
			return;
	}
	size_t tu = c->tm_unit[r->example];
	ht_gloss_entry e = {
		.source = confirming ? other : term,
		.target = confirming ? term : other,
		.freq = r->best.co,
		.score = r->best.dice,
		.confidence = pair_confidence(r->best.dice, r->best.co),
		.example_doc = ht_tm_doc(c->tm, tu),
		.example_unit = ht_tm_unit_id(c->tm, tu),
		.suggestion = 0,
	};
	ht_glossary_add(run->sink->g, &e);
	sink_knows(run->sink, 's', e.source, 1, &w->key);
	sink_knows(run->sink, 't', e.target, 1, &w->key);
	run->sink->entries++;
}

/* Pair every ranked candidate of c->ts with a target n-gram.  Forward (fwd
 * NULL), the candidate is the source term; in the confirmation pass c is the
 * mirrored corpus: the candidate is a target-language term and the n-gram its
 * source-language counterpart, kept only when both are new and the pair is
 * mutual with the forward corpus `fwd`. */
static void pair_all(const corpus *c, const ht_gloss_opts *opts, glossary_sink *sink,
		     const corpus *fwd, const ht_gloss_opts *fwd_opts, const postings *post)
{
	size_t threads = opts->threads;
	if (threads > HT_MAX_THREADS)
		threads = HT_MAX_THREADS;
	pair_run run = {.c = c, .opts = opts, .sink = sink, .fwd = fwd, .fwd_opts = fwd_opts,
			.post = post};
	run.scratch = ht_xcalloc(threads, sizeof *run.scratch);
	run.tb_to = opts->termbase && !fwd ? ht_termbase_lang_index(opts->termbase, c->to_lang) : -1;
	for (size_t k = 0; k < threads; k++) {
		run.scratch[k].ng = run.tb_to >= 0 ? ht_ngrammer_new(c->to_lang, 32) : NULL;
		ht_buf_init(&run.scratch[k].tkey);
		chooser_init(&run.scratch[k].ch, c->tt.n);
		chooser_init(&run.scratch[k].back, fwd ? fwd->tt.n : 0);
		ht_buf_init(&run.scratch[k].key);
	}
	run.res = ht_xcalloc(PAIR_BLOCK, sizeof *run.res);
	size_t *unpaired = NULL, nunpaired = 0, ucap = 0;
	char **surfaces = ht_xcalloc(c->tt.n ? c->tt.n : 1, sizeof *surfaces);
	size_t ncand = ht_termset_count(c->ts);
	int full = 0;
	for (run.first = 0; run.first < ncand && !full; run.first += PAIR_BLOCK) {
		size_t n = ncand - run.first < PAIR_BLOCK ? ncand - run.first : PAIR_BLOCK;
		ht_parallel_for(n, threads, pair_candidate, &run);
		for (size_t k = 0; k < n; k++) {
			pair_result *r = &run.res[k];
			full = full || (opts->limit && sink->entries >= opts->limit);
			if (!full && r->outcome == PAIR_NONE) {
				HT_GROW(unpaired, nunpaired + 1, ucap);
				unpaired[nunpaired++] = run.first + k;
			} else if (!full && r->outcome == PAIR_FOUND)
				commit_pair(&run, run.first + k, r, surfaces, &run.scratch[0]);
			free(r->surface);
		}
	}
	if (opts->suggest && !fwd)
		for (size_t k = 0; k < nunpaired; k++)
			add_suggestion(sink->g, opts->dict, c->ts, unpaired[k], &run.scratch[0].ch.a);
	for (size_t k = 0; k < c->tt.n; k++)
		free(surfaces[k]);
	free(surfaces);
	free(unpaired);
	free(run.res);
	for (size_t k = 0; k < threads; k++) {
		ht_ngrammer_free(run.scratch[k].ng);
		ht_buf_release(&run.scratch[k].tkey);
		chooser_release(&run.scratch[k].ch);
		chooser_release(&run.scratch[k].back);
		ht_buf_release(&run.scratch[k].key);
	}
	free(run.scratch);
}

/* ---- building the two corpora: four independent jobs ---- */

/* The forward corpus pairs source candidates with target n-grams; the
 * mirrored one (confirmation pass) target candidates with source n-grams.
 * Each needs its candidates ranked and its n-grams indexed: four jobs that
 * share nothing and run in parallel, the longest first (job j works on
 * corpus j / 2: ranking when j is even, indexing when odd). */
typedef struct build_jobs {
	corpus *corpora[2]; /* forward, mirrored (NULL without confirmation) */
	postings *post;     /* of the mirrored corpus */
	size_t min_freq;
	size_t order[4];    /* the jobs, longest expected first */
	ht_status st[2];
	ht_error err[2];
} build_jobs;

static void build_job(void *ctx, size_t item, size_t worker)
{
	build_jobs *b = ctx;
	size_t job = b->order[item];
	corpus *c = b->corpora[job / 2];
	if (!c)
		return;
	if (job % 2 == 0)
		b->st[job / 2] = corpus_rank_sources(c, b->min_freq, &b->err[job / 2]);
	else {
		corpus_index_targets(c);
		if (job / 2 == 1)
			postings_build(c, b->post);
	}
}

/* A rough token count of language `lang` in the units: a space or the lead
 * byte of a three-byte character (Han and kana, one token each) starts one. */
static size_t side_tokens(const corpus *c, size_t lang)
{
	size_t n = 0;
	for (size_t k = 0; k < c->nunits; k++) {
		size_t len;
		const unsigned char *s = (const unsigned char *)ht_tm_seg(c->tm, c->tm_unit[k], lang, &len);
		for (size_t i = 0; i < len; i++)
			n += s[i] == ' ' || (s[i] >= 0xE3 && s[i] <= 0xE9);
	}
	return n;
}

/* Both corpora read the same two texts: the jobs on the text with more
 * tokens (ranking it forward, indexing it mirrored) go first. */
static void order_jobs(build_jobs *b, const corpus *fwd)
{
	static const size_t from_first[4] = {0, 3, 1, 2}, to_first[4] = {1, 2, 0, 3};
	int from_longer = side_tokens(fwd, fwd->from) >= side_tokens(fwd, fwd->to);
	memcpy(b->order, from_longer ? from_first : to_first, sizeof b->order);
}

static void corpus_init(corpus *c, const ht_tm *tm, size_t from, size_t to, const char *from_lang,
			const char *to_lang, size_t max_target_words)
{
	*c = (corpus){.tm = tm, .from = from, .to = to, .to_lang = to_lang};
	ht_buf_init(&c->tt.pool);
	c->ng = ht_ngrammer_new(to_lang, max_target_words);
	c->ts = ht_termset_new(from_lang);
}

/* The termbase must have terms in both languages of the glossary. */
static ht_status check_termbase(const ht_termbase *tb, const char *from, const char *to, ht_error *err)
{
	if (!tb || (ht_termbase_lang_index(tb, from) >= 0 && ht_termbase_lang_index(tb, to) >= 0))
		return HT_OK;
	ht_buf langs = HT_BUF_INIT;
	for (size_t i = 0; i < ht_termbase_lang_count(tb); i++)
		ht_buf_addf(&langs, "%s%s", i ? ", " : "", ht_termbase_lang(tb, i));
	ht_status st = ht_error_set(err, HT_ERR_DATA,
				    "the termbase has no '%s' terms (its languages: %s); the glossary is %s-%s",
				    ht_termbase_lang_index(tb, from) < 0 ? from : to,
				    langs.len ? langs.s : "none", from, to);
	ht_buf_release(&langs);
	return st;
}

/* The termbase's source terms that have an equivalent are known terms. */
static void add_known_terms(ht_termset *ts, const ht_termbase *tb, const char *from, const char *to)
{
	if (!tb)
		return;
	size_t f = (size_t)ht_termbase_lang_index(tb, from), t = (size_t)ht_termbase_lang_index(tb, to);
	for (size_t k = 0; k < ht_termbase_count(tb); k++) {
		const ht_tb_term *a = ht_termbase_term(tb, k, f), *b = ht_termbase_term(tb, k, t);
		if (a && b)
			ht_termset_add_known(ts, a->term, k);
	}
}

ht_status ht_glossary_build(const ht_tm *tm, const char *from, const char *to,
			    const ht_gloss_opts *given, ht_glossary **out, ht_error *err)
{
	ht_gloss_opts resolved;
	if (given)
		resolved = *given;
	else
		ht_gloss_opts_init(&resolved);
	/* each pairing worker keeps counters for every n-gram: past four threads
	 * memory grows faster than speed (the build has four jobs) */
	if (!resolved.threads)
		resolved.threads = ht_threads_default() < GLOSS_DEFAULT_THREADS ? ht_threads_default()
										 : GLOSS_DEFAULT_THREADS;
	const ht_gloss_opts *opts = &resolved;
	*out = NULL;
	ht_status st = check_opts(opts, err);
	if (st)
		return st;
	int fi = ht_tm_lang_index(tm, from), ti = ht_tm_lang_index(tm, to);
	if (fi < 0 || ti < 0)
		return ht_error_set(err, HT_ERR_DATA, "the aligned text has no '%s' segments",
				    fi < 0 ? from : to);
	if (fi == ti)
		return ht_error_set(err, HT_ERR_USAGE, "source and target language are both '%s'", from);
	if ((st = check_termbase(opts->termbase, from, to, err)))
		return st;
	/* the confirmation pass pairs target terms with source n-grams, of up to
	 * 8 characters when the source is Chinese */
	size_t back_words = is_zh(from) ? 8 : opts->max_target_words;
	corpus c, r;
	corpus_init(&c, tm, (size_t)fi, (size_t)ti, from, to, opts->max_target_words);
	add_known_terms(c.ts, opts->termbase, from, to);
	if (corpus_select_units(&c) == 0) {
		corpus_release(&c);
		return ht_error_set(err, HT_ERR_DATA, "no aligned unit has both a '%s' and a '%s' segment",
				    from, to);
	}
	if (opts->confirm) {
		corpus_init(&r, tm, (size_t)ti, (size_t)fi, to, from, back_words);
		corpus_select_units(&r);
	}
	postings post = {0};
	build_jobs jobs = {.corpora = {&c, opts->confirm ? &r : NULL}, .post = &post,
			   .min_freq = opts->min_freq};
	order_jobs(&jobs, &c);
	ht_parallel_for(4, opts->threads, build_job, &jobs);
	st = jobs.st[0] ? jobs.st[0] : jobs.st[1];
	if (st && err)
		*err = jobs.err[jobs.st[0] ? 0 : 1];
	glossary_sink sink = {.g = NULL};
	ht_buf_init(&sink.known.pool);
	if (st == HT_OK) {
		sink.g = ht_glossary_new(from, to);
		pair_all(&c, opts, &sink, NULL, NULL, NULL);
	}
	if (st == HT_OK && opts->confirm) {
		/* confirmation across languages: target-language terms whose
		 * counterpart the source ranking left out (it drops, e.g., terms
		 * that open with a clause verb: 减少灾害风险) */
		ht_gloss_opts ropts = *opts;
		ropts.dict = NULL; /* the dictionary reads from -> to only */
		ropts.suggest = 0;
		ropts.max_target_words = back_words;
		pair_all(&r, &ropts, &sink, &c, opts, &post);
	}
	if (opts->confirm)
		corpus_release(&r);
	postings_release(&post);
	corpus_release(&c);
	table_release(&sink.known);
	if (st != HT_OK) {
		ht_glossary_free(sink.g);
		return st;
	}
	*out = sink.g;
	return HT_OK;
}

ht_status ht_glossary_suggest(const char *const *texts, const size_t *lens,
			      const char *const *docs, const char *const *units, size_t n,
			      const char *from, const char *to, const ht_gloss_opts *opts,
			      ht_glossary **out, ht_error *err)
{
	*out = NULL;
	if (!opts || !opts->dict)
		return ht_error_set(err, HT_ERR_USAGE, "suggestions need a dictionary");
	ht_status st = check_opts(opts, err);
	if (st)
		return st;
	if ((st = check_termbase(opts->termbase, from, to, err)))
		return st;
	ht_termset *ts = ht_termset_new(from);
	add_known_terms(ts, opts->termbase, from, to);
	for (size_t i = 0; i < n; i++)
		ht_termset_add_text(ts, texts[i], lens[i], docs ? docs[i] : NULL,
				    units ? units[i] : NULL);
	st = ht_termset_rank(ts, opts->min_freq, err);
	if (st == HT_OK) {
		*out = ht_glossary_new(from, to);
		ht_buf tmp = HT_BUF_INIT;
		size_t ncand = ht_termset_count(ts);
		int tb_to = opts->termbase ? ht_termbase_lang_index(opts->termbase, to) : -1;
		for (size_t i = 0; i < ncand; i++) {
			if (opts->limit && ht_glossary_count(*out) >= opts->limit)
				break;
			size_t k = ht_termset_known(ts, i);
			const ht_tb_term *t = k != SIZE_MAX ? ht_termbase_term(opts->termbase, k, (size_t)tb_to) : NULL;
			if (t) { /* the termbase's equivalent, not a suggestion */
				ht_gloss_entry e = {.source = ht_termset_term(ts, i), .target = t->term,
						    .confidence = 0.9, .in_termbase = 1,
						    .example_doc = ht_termset_example_doc(ts, i),
						    .example_unit = ht_termset_example_unit(ts, i)};
				ht_glossary_add(*out, &e);
			} else
				add_suggestion(*out, opts->dict, ts, i, &tmp);
		}
		ht_buf_release(&tmp);
	}
	ht_termset_free(ts);
	return st;
}
