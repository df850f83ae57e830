/* Sentence aligner: a coarse-to-fine dynamic program that maximises the sum
 * of bead similarities.
 *
 * Why this shape: a per-unit cost (1 - similarity) keeps merging units, while
 * a sum of similarities prefers as many good beads as possible (Bertalign's
 * objective).  To stay O(n · band) in time and memory, units are merged in
 * pairs level after level until a side has at most COARSEST units; that small
 * problem is solved on the whole matrix, and each finer level searches only a
 * band around the path of the level above it (as vecalign does).  Coarse
 * levels use 1-1, 1-2, 2-1, 1-0, 0-1 beads; the finest level all beads up to
 * 1-4, 4-1, 2-3 and 3-2.
 *
 * Skips score like gaps in sequence alignment (Gotoh's affine gaps): a run
 * of 1-0 (or 0-1) beads costs its first skip only.  When every skip costs the
 * same, a block of sentences that one version lacks costs more the longer it
 * is, and the path rather spreads it over the beads around it, as 1-3 and
 * 1-4 beads of unrelated sentences; a run that costs one skip keeps it whole.
 *
 * A bead's similarity needs, for each unit, the weight of its words that have
 * a linked word on the other side of the bead.  Each unit gets a table of
 * those weights for every range of up to 4 units of the other side in a
 * 64-unit window around the band (bit masks of where each word's links occur),
 * computed once per unit and kept in a ring buffer while the band passes.
 *
 * Two passes: the first aligns with the links of align-lex.c (dictionary,
 * identical tokens, cognates) and measures how much translation lengths vary;
 * IBM Model 1 on its beads (align-ibm1.c) adds the translations of this pair,
 * and the second pass searches a band of +-band_guided units around the first
 * path with them and a length factor as wide as the measured spread.
 */
#include "align/aligner-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define COARSEST 48 /* a level this small is solved on the whole matrix */
#define WIN 64      /* units of the other side a unit's table covers */
#define MAXRUN 4    /* longest side of a bead */
#define PREFETCH_WORDS 4 /* how far ahead a coverage table fetches a word's links */
#define SCORE_BOUND 1.001 /* above any bead similarity, rounding included */

const al_params al_default_params = {
	.skip = -0.1,
	.skip_extend = 0.0,
	.len_sigma = 0.7,
	.len_floor = 0.05,
	.spread_k = 2.8,
	.band_fine = 8,
	.band_coarse = 10,
	.band_guided = 6,
};

typedef struct bead_type {
	uint8_t ds, dt;
} bead_type;

static const bead_type fine_types[] = {{1, 1}, {1, 0}, {0, 1}, {1, 2}, {2, 1}, {2, 2},
				       {1, 3}, {3, 1}, {1, 4}, {4, 1}, {2, 3}, {3, 2}};
static const bead_type coarse_types[] = {{1, 1}, {1, 0}, {0, 1}, {1, 2}, {2, 1}};
#define MAXTYPES 12

/* Covered word weight of one unit against every range [base + c, base + c + L)
 * of the other side: v[L - 1][c], set for the columns c < width (the ranges
 * a bead with the unit can take start there). */
typedef struct covtab {
	size_t base, width;
	float v[MAXRUN][WIN];
} covtab;


/* Where the words of one side occur within 128 units [64 * block, 64 * block
 * + 128), as bit masks per word (valid when the word's bit is set in
 * `present`, a bit set small enough to stay in the first-level cache while
 * links are checked against it).  A unit's window [base, base + 64) always
 * lies inside; bases only grow, so each block is built once: the cost is two
 * passes over the side's words. */
typedef struct link_mask {
	uint64_t bits[2];
	uint32_t gen;
} link_mask;

typedef struct occ_window {
	const al_side *side;
	uint64_t (*bits)[2];
	uint64_t *present;
	uint32_t cur_gen;
	size_t block, from, to; /* the block and the units it covers */
	/* per word of the linking side: the OR of bits[] over its links in the
	 * current block (valid when lmask[word].gen == cur_gen), so that a word
	 * met in many units of a block walks its links once */
	link_mask *lmask;
} occ_window;

static void occ_init(occ_window *w, const al_side *side, size_t nlinking)
{
	w->lmask = ht_xcalloc(nlinking + 1, sizeof *w->lmask);
	w->side = side;
	w->bits = ht_xmalloc((side->nvocab + 1) * sizeof *w->bits);
	w->present = ht_xcalloc(side->nvocab / 64 + 1, sizeof *w->present);
	w->cur_gen = 0;
	w->block = SIZE_MAX;
	w->from = w->to = 0;
}

static void occ_release(occ_window *w)
{
	free(w->bits);
	free(w->present);
	free(w->lmask);
}

static inline int occ_present(const occ_window *w, uint32_t y) { return (w->present[y >> 6] >> (y & 63)) & 1; }

static void occ_move(occ_window *w, size_t base)
{
	size_t block = base / WIN;
	if (block == w->block)
		return;
	const al_side *s = w->side;
	size_t nbits = s->nvocab / 64 + 1; /* the last block's words leave: */
	if (nbits < s->off[w->to] - s->off[w->from])
		memset(w->present, 0, nbits * sizeof *w->present); /* at once */
	else
		for (size_t k = s->off[w->from]; k < s->off[w->to]; k++) /* one by one */
			w->present[s->words[k] >> 6] = 0;
	w->block = block;
	w->cur_gen++;
	size_t from = block * WIN, to = from + 2 * WIN < s->n ? from + 2 * WIN : s->n;
	w->from = from;
	w->to = to;
	for (size_t p = from; p < to; p++)
		for (size_t k = s->off[p]; k < s->off[p + 1]; k++) {
			uint32_t y = s->words[k];
			if (!occ_present(w, y)) {
				w->present[y >> 6] |= 1ULL << (y & 63);
				w->bits[y][0] = w->bits[y][1] = 0;
			}
			w->bits[y][(p - from) / WIN] |= 1ULL << ((p - from) % WIN);
		}
}

/* Where the links of word x (of the linking side) occur in [base, base + 64)
 * after occ_move(w, base). */
static inline uint64_t occ_links(occ_window *w, const uint32_t *loff, const uint32_t *lto, uint32_t x,
				 size_t base)
{
	link_mask *lm = &w->lmask[x];
	if (lm->gen != w->cur_gen) {
		uint64_t b0 = 0, b1 = 0;
		for (size_t l = loff[x]; l < loff[x + 1]; l++) {
			uint32_t y = lto[l];
			if (occ_present(w, y)) {
				b0 |= w->bits[y][0];
				b1 |= w->bits[y][1];
			}
		}
		lm->gen = w->cur_gen;
		lm->bits[0] = b0;
		lm->bits[1] = b1;
	}
	unsigned shift = (unsigned)(base - w->block * WIN);
	return shift ? (lm->bits[0] >> shift) | (lm->bits[1] << (WIN - shift)) : lm->bits[0];
}

typedef struct level {
	const al_side *s, *t;
	const al_links *links;
	const al_params *prm;
	double ratio;
	const bead_type *types;
	size_t ntypes;
	int maxrun;       /* longest side of its bead types */
	double two_var;   /* 2 len_sigma^2 of prm */
	size_t *lo, *hi;  /* band: row i (source units consumed) spans target columns lo..hi */
	size_t *rmin;     /* per target unit v: the first row whose band reaches column v + 1 */
	size_t *rend;     /* per target unit v: the last row whose beads can hold it */
	covtab stab[8];   /* source units i - 4 .. i - 1 */
	covtab *ttab;     /* target units lo - 4 .. hi - 1 of the current row */
	size_t tmask, tnext;
	occ_window occ_t, occ_s; /* where target words / source words occur near the band */
	float *logl_s, *logl_t;  /* run_log_lengths of both sides */
} level;

/* Add a word of weight w whose links occur at the bits of `mask` to the
 * difference arrays of runs of 1..nruns units: a range [c, c + L + 1) is
 * covered when a bit lies in it, i.e. for L, each run [s, e) of mask covers
 * the columns [s - L, e), and runs closer than L + 1 merge.  The events of one
 * word fall on distinct cells of each diff[L], so that each cell sums them in
 * the order of the words, whatever order they are made in here; masks of
 * frequent words are long runs of ones, so this goes run by run. */
static inline __attribute__((always_inline)) void add_word_runs(float (*diff)[WIN + 1], int nruns,
								uint64_t mask, float w)
{
	int s = __builtin_ctzll(mask);
	for (int L = 0; L < nruns; L++)
		diff[L][s >= L ? s - L : 0] += w;
	for (;;) {
		uint64_t rest = ~(mask >> s);
		int e = rest ? s + __builtin_ctzll(rest) : WIN; /* this run is [s, e) */
		uint64_t next = e >= WIN ? 0 : mask & (~0ULL << e);
		if (!next) {
			for (int L = 0; L < nruns; L++)
				diff[L][e] -= w;
			return;
		}
		int s2 = __builtin_ctzll(next);
		for (int L = 0; L < nruns; L++)
			if (s2 - e > L) { /* the gap stays open for runs of L + 1 units */
				diff[L][e] -= w;
				diff[L][s2 - L] += w;
			}
		s = s2;
	}
}

/* Fill `tab` for unit u of side a against the other side (whose occurrences
 * `occ` holds), links a-word -> other words; only the runs of 1..nruns units
 * (coarse levels never look at runs of 3 or 4) and only for the ranges that
 * end at or before unit `end` of the other side, the last that a bead with
 * unit u reaches.  Inlined per constant nruns. */
static inline __attribute__((always_inline)) void fill_covtab_runs(const al_side *a, occ_window *occ,
								   const uint32_t *loff, const uint32_t *lto,
								   size_t u, size_t base, size_t end,
								   covtab *tab, int nruns)
{
	float diff[MAXRUN][WIN + 1];
	memset(diff, 0, (size_t)nruns * sizeof *diff);
	size_t width = end - base < WIN ? end - base : WIN;
	tab->base = base;
	tab->width = width;
	occ_move(occ, base);
	/* links at or past `end` only change the table where no bead looks */
	uint64_t keep = width == WIN ? ~0ULL : (1ULL << width) - 1;
	for (size_t k = a->off[u], kend = a->off[u + 1]; k < kend; k++) {
		if (k + PREFETCH_WORDS < kend) { /* the per-word tables are larger than the caches */
			uint32_t ahead = a->words[k + PREFETCH_WORDS];
			__builtin_prefetch(&occ->lmask[ahead]);
			__builtin_prefetch(&loff[ahead]);
		}
		uint32_t x = a->words[k];
		uint64_t mask = occ_links(occ, loff, lto, x, base) & keep;
		if (!mask)
			continue;
		add_word_runs(diff, nruns, mask, a->weight[x]);
	}
	/* the prefix sums of the nruns arrays side by side: independent chains
	 * of additions that the processor overlaps */
	float acc[MAXRUN] = {0};
	for (size_t c = 0; c < width; c++)
		for (int L = 0; L < nruns; L++) {
			acc[L] += diff[L][c];
			tab->v[L][c] = acc[L];
		}
}

static void fill_covtab(const level *lv, const al_side *a, occ_window *occ, const uint32_t *loff,
			const uint32_t *lto, size_t u, size_t base, size_t end, covtab *tab)
{
	if (lv->maxrun <= 2)
		fill_covtab_runs(a, occ, loff, lto, u, base, end, tab, 2);
	else
		fill_covtab_runs(a, occ, loff, lto, u, base, end, tab, MAXRUN);
}

static inline float covtab_get(const covtab *tab, size_t c, size_t len)
{
	size_t at = c - tab->base; /* wraps around when c < base: one test covers both ends */
	return at < tab->width ? tab->v[len - 1][at] : 0.0f;
}

/* The length factor of a bead whose log length ratio (target over expected)
 * is d. */
static inline double length_shape(const level *lv, double d)
{
	double x = d * d / lv->two_var;
	return 1.0 / (1.0 + x + 0.5 * x * x); /* about exp(-x), a Gaussian on the log ratio */
}

static double length_factor(const level *lv, double ls, double lt)
{
	return length_shape(lv, log((lt + 2.0) / (lv->ratio * ls + 2.0)));
}

/* The length factor of the bead source [a, a + ds) : target [c, c + dt)
 * (both sides non-empty). */
static inline double bead_length(const level *lv, size_t a, size_t ds, size_t c, size_t dt)
{
	double d = lv->logl_t[c * MAXRUN + dt - 1] - lv->logl_s[a * MAXRUN + ds - 1];
	return length_shape(lv, d);
}

/* The share of the weight of the bead's words that have a link on the other
 * side of it (at most 1). */
static inline double bead_share(const level *lv, size_t a, size_t ds, size_t c, size_t dt)
{
	double cov = 0;
	for (size_t u = a; u < a + ds; u++)
		cov += covtab_get(&lv->stab[u & 7], c, dt);
	for (size_t v = c; v < c + dt; v++)
		cov += covtab_get(&lv->ttab[v & lv->tmask], a, ds);
	double wsum = lv->s->cum_wt[a + ds] - lv->s->cum_wt[a] + lv->t->cum_wt[c + dt] - lv->t->cum_wt[c];
	double share = wsum > 0 ? cov / wsum : 0;
	return share > 1 ? 1 : share;
}

/* Similarity of a bead with both sides from its length factor and share. */
static inline double bead_similarity(const level *lv, double length, double share)
{
	return length * (lv->prm->len_floor + (1 - lv->prm->len_floor) * share);
}

/* log(length + 2) of every run of 1..4 units (source lengths scaled by the
 * ratio), so that the DP takes no logarithm per bead. */
static float *run_log_lengths(const al_side *side, double scale)
{
	float *v = ht_xmalloc((side->n * MAXRUN + 1) * sizeof *v);
	for (size_t a = 0; a < side->n; a++)
		for (size_t k = 1; k <= MAXRUN; k++) {
			size_t b = a + k < side->n ? a + k : side->n;
			v[a * MAXRUN + k - 1] = (float)log(scale * (side->cum_len[b] - side->cum_len[a]) + 2.0);
		}
	return v;
}

/* Covered weight of side a's units [u0, u1) against the words stamped in
 * `mark` (other-side word ids marked with `stamp`). */
static double covered(const al_side *a, size_t u0, size_t u1, const uint32_t *loff, const uint32_t *lto,
		      const uint32_t *mark, uint32_t stamp)
{
	double c = 0;
	for (size_t k = a->off[u0]; k < a->off[u1]; k++) {
		uint32_t x = a->words[k];
		for (size_t l = loff[x]; l < loff[x + 1]; l++)
			if (mark[lto[l]] == stamp) {
				c += a->weight[x];
				break;
			}
	}
	return c;
}

static void mark_words(const al_side *a, size_t u0, size_t u1, uint32_t *mark, uint32_t stamp)
{
	for (size_t k = a->off[u0]; k < a->off[u1]; k++)
		mark[a->words[k]] = stamp;
}

/* Confidence of each final bead: its similarity, computed directly (the
 * windowed tables are gone by then); 0 for an insertion or deletion. */
static void set_confidence(const level *lv, ht_bead *beads, size_t nb)
{
	const al_side *s = lv->s, *t = lv->t;
	uint32_t *ms = ht_xcalloc(s->nvocab + 1, sizeof *ms), *mt = ht_xcalloc(t->nvocab + 1, sizeof *mt);
	for (size_t k = 0; k < nb; k++) {
		ht_bead *b = &beads[k];
		b->confidence = 0;
		if (!b->nsrc || !b->ntgt)
			continue;
		uint32_t stamp = (uint32_t)k + 1;
		size_t a0 = b->src, a1 = b->src + b->nsrc, c0 = b->tgt, c1 = b->tgt + b->ntgt;
		mark_words(s, a0, a1, ms, stamp);
		mark_words(t, c0, c1, mt, stamp);
		double cov = covered(s, a0, a1, lv->links->fwd_off, lv->links->fwd, mt, stamp) +
			     covered(t, c0, c1, lv->links->rev_off, lv->links->rev, ms, stamp);
		double wsum = s->cum_wt[a1] - s->cum_wt[a0] + t->cum_wt[c1] - t->cum_wt[c0];
		double share = wsum > 0 ? cov / wsum : 0;
		double lf = length_factor(lv, s->cum_len[a1] - s->cum_len[a0], t->cum_len[c1] - t->cum_len[c0]);
		double conf = lf * (share > 1 ? 1 : share);
		b->confidence = conf < 0 ? 0 : conf > 1 ? 1 : conf;
	}
	free(ms);
	free(mt);
}

/* The rows that read the table of each target unit: a bead ending in row i
 * at column j holds target units from j - maxrun, and j >= lo[i]. */
static void compute_target_rows(level *lv)
{
	size_t n = lv->s->n, m = lv->t->n, r = 0, e = 0;
	lv->rmin = ht_xmalloc((m ? m : 1) * sizeof *lv->rmin);
	lv->rend = ht_xmalloc((m ? m : 1) * sizeof *lv->rend);
	for (size_t v = 0; v < m; v++) {
		while (r < n && lv->hi[r] < v + 1)
			r++;
		while (e < n && lv->lo[e + 1] <= v + (size_t)lv->maxrun)
			e++;
		lv->rmin[v] = r;
		lv->rend[v] = e;
	}
}

static void ensure_target_tables(level *lv, size_t upto)
{
	while (lv->tnext < upto) {
		size_t v = lv->tnext++;
		size_t base = lv->rmin[v] >= MAXRUN ? lv->rmin[v] - MAXRUN : 0;
		fill_covtab(lv, lv->t, &lv->occ_s, lv->links->rev_off, lv->links->rev, v, base,
			    lv->rend[v], &lv->ttab[v & lv->tmask]);
	}
}

/* A cell's back pointer: the bead type of its best score (BT_NONE for none),
 * and whether its best run of skips of each kind extends the run of the cell
 * before it rather than opening one. */
#define BT_TYPE 0x3F
#define BT_NONE 0x3F
#define BT_X_EXTENDS 0x40 /* the 1-0 run into (i, j) continues the one into (i - 1, j) */
#define BT_Y_EXTENDS 0x80 /* the 0-1 run into (i, j) continues the one into (i, j - 1) */

/* The better of opening a run of skips after the best path into the cell
 * before (score `best_before`) and extending the run of skips into it
 * (`run_before`); sets `flag` in *code when extending. */
static inline double skip_run(const level *lv, double best_before, double run_before, uint8_t *code,
			      uint8_t flag)
{
	double open = best_before + lv->prm->skip, more = run_before + lv->prm->skip_extend;
	if (more > open) {
		*code |= flag;
		return more;
	}
	return open;
}

/* Row i of the dynamic program: the best score of each cell of the band and
 * its back pointer; predecessors in rows i - ds.  Skips score like gaps in
 * sequence alignment: the first of a run costs `skip`, each further one
 * `skip_extend`, so xrow keeps the best score of a path into each cell that
 * ends with a 1-0 bead (from xprev, the row before) and a running y the same
 * for 0-1 beads.  Inlined for each constant list of types, so that its loop
 * unrolls. */
static inline __attribute__((always_inline)) void dp_row(const level *lv, const bead_type *types,
							 size_t ntypes, size_t i, double *row, uint8_t *bprow,
							 const double *const *prev_row, const size_t *prev_lo,
							 const size_t *prev_hi, const double *xprev, double *xrow)
{
	/* type k reaches back into the band from the columns j with
	 * j - jfirst[k] <= jspan[k] (none when i < ds: jspan wraps to SIZE_MAX
	 * only with jfirst past every column) */
	size_t jfirst[MAXTYPES], jspan[MAXTYPES];
	for (size_t k = 0; k < ntypes; k++) {
		size_t ds = types[k].ds, dt = types[k].dt;
		if (ds > i) {
			jfirst[k] = SIZE_MAX;
			jspan[k] = 0;
		} else {
			jfirst[k] = prev_lo[ds] + dt;
			jspan[k] = prev_hi[ds] - prev_lo[ds];
		}
	}
	double y = -INFINITY;
	for (size_t j = lv->lo[i]; j <= lv->hi[i]; j++) {
		double best = -INFINITY;
		uint8_t code = 0, bt = BT_NONE;
		if (i == 0 && j == 0)
			best = 0;
		double x = -INFINITY;
		if (i > 0 && j - prev_lo[1] <= prev_hi[1] - prev_lo[1])
			x = skip_run(lv, prev_row[1][j - prev_lo[1]], xprev[j - prev_lo[1]], &code, BT_X_EXTENDS);
		y = j > lv->lo[i] ? skip_run(lv, row[j - 1 - lv->lo[i]], y, &code, BT_Y_EXTENDS) : -INFINITY;
#pragma GCC unroll 16
		for (size_t k = 0; k < ntypes; k++) {
			size_t ds = types[k].ds, dt = types[k].dt;
			if (j - jfirst[k] > jspan[k]) /* also when j < jfirst[k] */
				continue;
			size_t pi = i - ds, pj = j - dt;
			double prev = prev_row[ds][pj - prev_lo[ds]];
			/* a similarity is at most 1 (length factor and share are <= 1),
			 * a skip below 0: a bead from a predecessor this far behind
			 * cannot win (nor one from no path at all: prev is then -inf) */
			if (prev + SCORE_BOUND <= best)
				continue;
			double sc;
			if (!ds || !dt)
				sc = ds ? x : y;
			else {
				/* the similarity with a share of 1 is an upper bound in
				 * floating point too (each operation is monotonic): a
				 * bead whose lengths cannot win needs no share */
				double length = bead_length(lv, pi, ds, pj, dt);
				if (prev + bead_similarity(lv, length, 1.0) <= best)
					continue;
				sc = prev + bead_similarity(lv, length, bead_share(lv, pi, ds, pj, dt));
			}
			if (sc > best) {
				best = sc;
				bt = (uint8_t)k;
			}
		}
		row[j - lv->lo[i]] = best;
		xrow[j - lv->lo[i]] = x;
		bprow[j - lv->lo[i]] = code | bt;
	}
}

/* The beads of the best path, from the back pointers: walk back from (n, m)
 * (the band always connects it to (0, 0)), inside a run of skips while the
 * cells say it extends. */
static ht_bead *walk_back(const level *lv, const uint8_t *bp, const size_t *cstart, size_t *nbeads)
{
	size_t cap = 0, nb = 0;
	ht_bead *beads = NULL;
	size_t i = lv->s->n, j = lv->t->n;
	uint8_t run = 0; /* BT_X_EXTENDS or BT_Y_EXTENDS inside a run, else 0 */
	while (i > 0 || j > 0) {
		uint8_t code = bp[cstart[i] + j - lv->lo[i]], k = code & BT_TYPE;
		size_t ds, dt;
		if (run) {
			ds = run == BT_X_EXTENDS;
			dt = !ds;
		} else if (k < lv->ntypes) {
			ds = lv->types[k].ds;
			dt = lv->types[k].dt;
		} else { /* no path reaches the cell (cannot happen; be safe) */
			ds = i > 0;
			dt = i == 0;
		}
		if (!dt || !ds) /* a skip: the run goes on while it extends */
			run = code & (dt ? BT_Y_EXTENDS : BT_X_EXTENDS);
		HT_GROW(beads, nb + 1, cap);
		beads[nb++] = (ht_bead){i - ds, ds, j - dt, dt, 0.0};
		i -= ds;
		j -= dt;
	}
	for (size_t a = 0, b = nb ? nb - 1 : 0; a < b; a++, b--) {
		ht_bead t = beads[a];
		beads[a] = beads[b];
		beads[b] = t;
	}
	*nbeads = nb;
	return beads;
}

/* The dynamic program over the band; returns the beads of the best path. */
static void run_dp(level *lv, ht_bead **out, size_t *nout)
{
	size_t n = lv->s->n;
	size_t *cstart = ht_xmalloc((n + 2) * sizeof *cstart);
	size_t maxw = 0;
	cstart[0] = 0;
	for (size_t i = 0; i <= n; i++) {
		size_t w = lv->hi[i] - lv->lo[i] + 1;
		if (w > maxw)
			maxw = w;
		cstart[i + 1] = cstart[i] + w;
	}
	uint8_t *bp = ht_xmalloc(cstart[n + 1]);
	double *rows[MAXRUN + 1], *xrows[2];
	for (int r = 0; r <= MAXRUN; r++)
		rows[r] = ht_xmalloc(maxw * sizeof(double));
	for (int r = 0; r < 2; r++)
		xrows[r] = ht_xmalloc(maxw * sizeof(double));
	size_t tring = 16;
	while (tring < maxw + MAXRUN + 1)
		tring *= 2;
	lv->ttab = ht_xmalloc(tring * sizeof *lv->ttab);
	lv->tmask = tring - 1;
	lv->tnext = 0;
	compute_target_rows(lv);
	lv->logl_s = run_log_lengths(lv->s, lv->ratio);
	lv->logl_t = run_log_lengths(lv->t, 1.0);
	occ_init(&lv->occ_t, lv->t, lv->s->nvocab);
	occ_init(&lv->occ_s, lv->s, lv->t->nvocab);

	for (size_t i = 0; i <= n; i++) {
		if (i > 0) {
			size_t lo = lv->lo[i], last = i - 1 + (size_t)lv->maxrun;
			fill_covtab(lv, lv->s, &lv->occ_t, lv->links->fwd_off, lv->links->fwd, i - 1,
				    lo >= MAXRUN ? lo - MAXRUN : 0, lv->hi[last < n ? last : n],
				    &lv->stab[(i - 1) & 7]);
		}
		ensure_target_tables(lv, lv->hi[i]);
		double *row = rows[i % (MAXRUN + 1)];
		const double *prev_row[MAXRUN + 1];
		size_t prev_lo[MAXRUN + 1], prev_hi[MAXRUN + 1];
		for (size_t ds = 0; ds <= MAXRUN && ds <= i; ds++) {
			prev_row[ds] = rows[(i - ds) % (MAXRUN + 1)];
			prev_lo[ds] = lv->lo[i - ds];
			prev_hi[ds] = lv->hi[i - ds];
		}
		const double *xprev = xrows[(i + 1) & 1];
		double *xrow = xrows[i & 1];
		if (lv->types == fine_types)
			dp_row(lv, fine_types, sizeof fine_types / sizeof *fine_types, i, row,
			       bp + cstart[i], prev_row, prev_lo, prev_hi, xprev, xrow);
		else
			dp_row(lv, coarse_types, sizeof coarse_types / sizeof *coarse_types, i, row,
			       bp + cstart[i], prev_row, prev_lo, prev_hi, xprev, xrow);
	}
	*out = walk_back(lv, bp, cstart, nout);
	for (int r = 0; r <= MAXRUN; r++)
		free(rows[r]);
	for (int r = 0; r < 2; r++)
		free(xrows[r]);
	free(bp);
	free(cstart);
	free(lv->ttab);
	free(lv->rmin);
	free(lv->rend);
	free(lv->logl_s);
	free(lv->logl_t);
	occ_release(&lv->occ_t);
	occ_release(&lv->occ_s);
}

/* The band of a level around a path: the path of the level above (beads over
 * units merged in pairs, scale 2) or of an earlier pass (scale 1), widened by
 * w rows and columns. */
static void band_around(level *lv, const ht_bead *cb, size_t ncb, size_t scale, size_t w)
{
	size_t n = lv->s->n, m = lv->t->n;
	size_t *plo = ht_xmalloc((n + 1) * sizeof *plo), *phi = ht_xcalloc(n + 1, sizeof *phi);
	for (size_t i = 0; i <= n; i++)
		plo[i] = SIZE_MAX;
	for (size_t k = 0; k < ncb; k++) {
		size_t r0 = scale * cb[k].src, r1 = scale * (cb[k].src + cb[k].nsrc);
		size_t c0 = scale * cb[k].tgt, c1 = scale * (cb[k].tgt + cb[k].ntgt);
		r0 = r0 < n ? r0 : n;
		r1 = r1 < n ? r1 : n;
		c0 = c0 < m ? c0 : m;
		c1 = c1 < m ? c1 : m;
		for (size_t r = r0; r <= r1; r++) {
			if (c0 < plo[r])
				plo[r] = c0;
			if (c1 > phi[r])
				phi[r] = c1;
		}
	}
	if (plo[0] == SIZE_MAX)
		plo[0] = 0;
	for (size_t i = 1; i <= n; i++) /* rows the path skipped (cannot happen; be safe) */
		if (plo[i] == SIZE_MAX) {
			plo[i] = phi[i - 1];
			phi[i] = phi[i - 1];
		}
	phi[n] = m;
	lv->lo = ht_xmalloc((n + 1) * sizeof *lv->lo);
	lv->hi = ht_xmalloc((n + 1) * sizeof *lv->hi);
	for (size_t i = 0; i <= n; i++) {
		size_t a = plo[i >= w ? i - w : 0], b = phi[i + w <= n ? i + w : n];
		lv->lo[i] = a >= w ? a - w : 0;
		lv->hi[i] = b + w <= m ? b + w : m;
		if (i > 0 && lv->lo[i] < lv->lo[i - 1])
			lv->lo[i] = lv->lo[i - 1];
		if (i > 0 && lv->hi[i] < lv->hi[i - 1])
			lv->hi[i] = lv->hi[i - 1];
		if (i > 0 && lv->lo[i] > lv->hi[i - 1])
			lv->lo[i] = lv->hi[i - 1];
	}
	lv->lo[0] = 0;
	lv->hi[n] = m;
	free(plo);
	free(phi);
}

static void band_full(level *lv)
{
	size_t n = lv->s->n;
	lv->lo = ht_xcalloc(n + 1, sizeof *lv->lo);
	lv->hi = ht_xmalloc((n + 1) * sizeof *lv->hi);
	for (size_t i = 0; i <= n; i++)
		lv->hi[i] = lv->t->n;
}

static void solve(const al_side *s, const al_side *t, const al_links *links, const al_params *prm,
		  double ratio, int finest, const ht_bead *guide, size_t nguide, ht_bead **out, size_t *nout)
{
	level lv = {.s = s, .t = t, .links = links, .prm = prm, .ratio = ratio};
	lv.two_var = 2.0 * prm->len_sigma * prm->len_sigma;
	if (finest) {
		lv.types = fine_types;
		lv.ntypes = sizeof fine_types / sizeof *fine_types;
	} else {
		lv.types = coarse_types;
		lv.ntypes = sizeof coarse_types / sizeof *coarse_types;
	}
	for (size_t k = 0; k < lv.ntypes; k++) {
		int longest = lv.types[k].ds > lv.types[k].dt ? lv.types[k].ds : lv.types[k].dt;
		if (longest > lv.maxrun)
			lv.maxrun = longest;
	}
	if (s->n <= COARSEST && t->n <= COARSEST)
		band_full(&lv);
	else if (guide)
		band_around(&lv, guide, nguide, 1, (size_t)prm->band_guided);
	else {
		al_side cs, ct;
		al_side_coarsen(s, &cs);
		al_side_coarsen(t, &ct);
		ht_bead *cb;
		size_t ncb;
		solve(&cs, &ct, links, prm, ratio, 0, NULL, 0, &cb, &ncb);
		al_side_release(&cs);
		al_side_release(&ct);
		band_around(&lv, cb, ncb, 2, (size_t)(finest ? prm->band_fine : prm->band_coarse));
		free(cb);
	}
	run_dp(&lv, out, nout);
	if (finest)
		set_confidence(&lv, *out, *nout);
	free(lv.lo);
	free(lv.hi);
}

void al_align_pair(const al_pair *p, const al_params *prm, const ht_bead *guide, size_t nguide,
		   ht_bead **beads, size_t *nbeads)
{
	double ls = p->s.cum_len[p->s.n], lt = p->t.cum_len[p->t.n];
	double ratio = (lt + 1.0) / (ls + 1.0);
	solve(&p->s, &p->t, &p->links, prm, ratio, 1, guide, nguide, beads, nbeads);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* How much lengths of translations vary in this pair: the spread of the log
 * length ratio over the more confident half of the first pass's 1-1 beads
 * (literary zh-en varies half again as much as de-fr).  0 when too few. */
static double length_spread(const al_pair *p, const ht_bead *beads, size_t nb)
{
	double ratio = (p->t.cum_len[p->t.n] + 1.0) / (p->s.cum_len[p->s.n] + 1.0);
	double *conf = ht_xmalloc((nb ? nb : 1) * sizeof *conf);
	size_t n = 0;
	for (size_t k = 0; k < nb; k++)
		if (beads[k].nsrc == 1 && beads[k].ntgt == 1)
			conf[n++] = beads[k].confidence;
	if (n < 10) {
		free(conf);
		return 0;
	}
	qsort(conf, n, sizeof *conf, cmp_double);
	double median = conf[n / 2], sum = 0, sum2 = 0;
	size_t m = 0;
	for (size_t k = 0; k < nb; k++) {
		const ht_bead *b = &beads[k];
		if (b->nsrc != 1 || b->ntgt != 1 || b->confidence < median)
			continue;
		double ls = p->s.cum_len[b->src + 1] - p->s.cum_len[b->src];
		double lt = p->t.cum_len[b->tgt + 1] - p->t.cum_len[b->tgt];
		double d = log((lt + 2.0) / (ratio * ls + 2.0));
		sum += d;
		sum2 += d * d;
		m++;
	}
	free(conf);
	double mean = sum / (double)m;
	return sqrt(sum2 / (double)m - mean * mean);
}

static ht_bead *trivial_beads(size_t nsrc, size_t ntgt, size_t *nbeads)
{
	size_t n = nsrc + ntgt;
	ht_bead *b = ht_xmalloc((n ? n : 1) * sizeof *b);
	for (size_t k = 0; k < nsrc; k++)
		b[k] = (ht_bead){k, 1, 0, 0, 0.0};
	for (size_t k = 0; k < ntgt; k++)
		b[nsrc + k] = (ht_bead){nsrc, 0, k, 1, 0.0};
	*nbeads = n;
	return b;
}

static uint64_t units_hash(const ht_unit *u, size_t n)
{
	uint64_t h = HT_HASH_SEED;
	for (size_t k = 0; k < n; k++)
		h = ht_hash_more(h, u[k].text, u[k].len) * 31 + 1;
	return h;
}

/* Whether the pair is aligned as given or the other way round: each pair is
 * solved in one orientation, whichever way the caller gives it, so that B-A
 * is the mirror of A-B to the bead (the evidence is symmetric; this makes
 * the ties and the rounding symmetric too).  The orientation: languages in
 * alphabetical order, then the side with fewer units first, then by the
 * hash of the texts. */
static int canonical_swap(const ht_align_opts *opts, const ht_unit *src, size_t nsrc, const ht_unit *tgt,
			  size_t ntgt)
{
	const char *a = opts && opts->from ? opts->from : "", *b = opts && opts->to ? opts->to : "";
	size_t la = strcspn(a, "-_"), lb = strcspn(b, "-_");
	int c = strncasecmp(a, b, la < lb ? la : lb);
	if (c == 0 && la != lb)
		c = la < lb ? -1 : 1;
	if (c)
		return c > 0;
	if (nsrc != ntgt)
		return nsrc > ntgt;
	return units_hash(src, nsrc) > units_hash(tgt, ntgt);
}

static ht_status align_oriented(const ht_align_opts *opts, const ht_unit *src, size_t nsrc,
				const ht_unit *tgt, size_t ntgt, ht_bead **beads, size_t *nbeads);

ht_status ht_align_units(const ht_align_opts *opts, const ht_unit *src, size_t nsrc,
			 const ht_unit *tgt, size_t ntgt, ht_bead **beads, size_t *nbeads,
			 ht_error *err)
{
	if (!beads || !nbeads || (nsrc && !src) || (ntgt && !tgt))
		return ht_error_set(err, HT_ERR_USAGE, "ht_align_units: missing units or output");
	if (nsrc >= UINT32_MAX / 2 || ntgt >= UINT32_MAX / 2)
		return ht_error_set(err, HT_ERR_USAGE, "ht_align_units: too many units");
	if (!canonical_swap(opts, src, nsrc, tgt, ntgt))
		return align_oriented(opts, src, nsrc, tgt, ntgt, beads, nbeads);
	ht_align_opts mirrored = {opts ? opts->to : NULL, opts ? opts->from : NULL, opts ? opts->dict : NULL};
	ht_status st = align_oriented(&mirrored, tgt, ntgt, src, nsrc, beads, nbeads);
	for (size_t k = 0; st == HT_OK && k < *nbeads; k++) {
		ht_bead *b = &(*beads)[k];
		*b = (ht_bead){b->tgt, b->ntgt, b->src, b->nsrc, b->confidence};
	}
	return st;
}

static ht_status align_oriented(const ht_align_opts *opts, const ht_unit *src, size_t nsrc,
				const ht_unit *tgt, size_t ntgt, ht_bead **beads, size_t *nbeads)
{
	*beads = NULL;
	*nbeads = 0;
	if (!nsrc || !ntgt) {
		*beads = trivial_beads(nsrc, ntgt, nbeads);
		return HT_OK;
	}
	al_pair p;
	al_params prm = al_default_params;
	al_pair_prepare(&p, opts, src, nsrc, tgt, ntgt);
	al_align_pair(&p, &prm, NULL, 0, beads, nbeads);
	/* second pass with the translations the first one taught, and the
	 * length spread it showed */
	double spread = length_spread(&p, *beads, *nbeads);
	if (spread > 0)
		prm.len_sigma = fmin(fmax(prm.spread_k * spread, 0.3), 1.2);
	al_pair_learn(&p, *beads, *nbeads);
	ht_bead *first = *beads;
	size_t nfirst = *nbeads;
	al_align_pair(&p, &prm, first, nfirst, beads, nbeads);
	free(first);
	al_pair_release(&p);
	return HT_OK;
}
