/* Translation table learned from a first alignment: IBM Model 1 in both
 * directions over the beads of the first pass, keeping translations with
 * t >= LEARN_T in either direction.  This is what lets de-fr, hu-en, fr-ru or
 * ar-en align with no dictionary, and what fills CEDICT's gaps for zh-en. */
#include "align/aligner-internal.h"

#include <stdlib.h>
#include <string.h>

#define LEARN_T 0.3        /* keep a translation this probable */
#define LEARN_MIN_COUNT 2  /* ... seen together in at least this many beads */
#define LEARN_ITER 5
#define LEARN_MAX_PAIRS 2000000 /* co-occurrences sampled: bounds time and memory */
#define PREFETCH_PAIRS 4 /* how far ahead collect fetches a pair's slot */

/* Distinct (source word, target word) pairs: open addressing on the packed key. */
typedef struct pair_table {
	uint64_t *keys; /* key + 1; 0 = empty */
	uint32_t *index;
	size_t nslots, n;
} pair_table;

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

static void pair_grow(pair_table *t)
{
	uint64_t *keys = t->keys;
	uint32_t *index = t->index;
	size_t old = t->nslots;
	t->nslots = old ? old * 2 : 1024;
	t->keys = ht_xcalloc_table(t->nslots, sizeof *t->keys);
	t->index = ht_xmalloc_table(t->nslots * sizeof *t->index);
	size_t mask = t->nslots - 1;
	for (size_t h = 0; h < old; h++)
		if (keys[h]) {
			size_t g = mix(keys[h] - 1) & mask;
			while (t->keys[g])
				g = (g + 1) & mask;
			t->keys[g] = keys[h];
			t->index[g] = index[h];
		}
	free(keys);
	free(index);
}

static uint32_t pair_index(pair_table *t, uint64_t key)
{
	if ((t->n + 1) * 2 > t->nslots)
		pair_grow(t);
	size_t mask = t->nslots - 1;
	size_t h = mix(key) & mask;
	while (t->keys[h]) {
		if (t->keys[h] == key + 1)
			return t->index[h];
		h = (h + 1) & mask;
	}
	t->keys[h] = key + 1;
	t->index[h] = (uint32_t)t->n;
	return (uint32_t)t->n++;
}

typedef struct training {
	/* bead b: source words sw[soff[b] .. soff[b + 1]), target words likewise,
	 * pair ids pid[poff[b] ..) in source-major order */
	uint32_t *sw, *tw, *pid;
	size_t *soff, *toff, *poff;
	size_t nbeads;
	uint64_t *pairs; /* per pair id: source << 32 | target */
	size_t npairs;
} training;

static void bag(const al_side *side, size_t u0, size_t u1, uint32_t *stamp, uint32_t mark, uint32_t **out,
		size_t *n, size_t *cap)
{
	for (size_t k = side->off[u0]; k < side->off[u1]; k++) {
		uint32_t w = side->words[k];
		if (stamp[w] == mark)
			continue;
		stamp[w] = mark;
		HT_GROW(*out, *n + 1, *cap);
		(*out)[(*n)++] = w;
	}
}

/* Beads with both sides, at most 4 units in all, sampled evenly so that
 * their co-occurrences stay under LEARN_MAX_PAIRS. */
static void collect(const al_pair *p, const ht_bead *beads, size_t nbeads, training *tr)
{
	size_t total = 0, most = 0;
	for (size_t k = 0; k < nbeads; k++) {
		const ht_bead *b = &beads[k];
		if (b->nsrc && b->ntgt && b->nsrc + b->ntgt <= 4) {
			size_t cooc = (size_t)(p->s.off[b->src + b->nsrc] - p->s.off[b->src]) *
				      (p->t.off[b->tgt + b->ntgt] - p->t.off[b->tgt]);
			total += cooc;
			most = cooc > most ? cooc : most;
		}
	}
	double step = total > LEARN_MAX_PAIRS ? (double)total / LEARN_MAX_PAIRS : 1.0, next = 0;
	uint32_t *ss = ht_xcalloc(p->s.nvocab + 1, sizeof *ss), *ts = ht_xcalloc(p->t.nvocab + 1, sizeof *ts);
	size_t scap = 0, tcap = 0, pcap = 0, bcap = 0, ns = 0, nt = 0, np = 0, seen = 0;
	pair_table pt = {0};
	memset(tr, 0, sizeof *tr);
	/* the sample's co-occurrences, at most: one block, not grown by copies */
	pcap = (total < LEARN_MAX_PAIRS ? total : LEARN_MAX_PAIRS) + most + 1;
	tr->pid = ht_xmalloc_table(pcap * sizeof *tr->pid);
	for (size_t k = 0; k < nbeads; k++) {
		const ht_bead *b = &beads[k];
		if (!(b->nsrc && b->ntgt && b->nsrc + b->ntgt <= 4))
			continue;
		size_t cooc = (size_t)(p->s.off[b->src + b->nsrc] - p->s.off[b->src]) *
			      (p->t.off[b->tgt + b->ntgt] - p->t.off[b->tgt]);
		seen += cooc;
		if ((double)seen < next)
			continue;
		next += step * (double)cooc;
		size_t old = bcap;
		HT_GROW(tr->soff, tr->nbeads + 2, bcap); /* the three offset arrays grow in step */
		if (bcap != old) {
			tr->toff = ht_xrealloc(tr->toff, bcap * sizeof *tr->toff);
			tr->poff = ht_xrealloc(tr->poff, bcap * sizeof *tr->poff);
		}
		if (tr->nbeads == 0)
			tr->soff[0] = tr->toff[0] = tr->poff[0] = 0;
		uint32_t mark = (uint32_t)tr->nbeads + 1;
		size_t s0 = ns, t0 = nt;
		bag(&p->s, b->src, b->src + b->nsrc, ss, mark, &tr->sw, &ns, &scap);
		bag(&p->t, b->tgt, b->tgt + b->ntgt, ts, mark, &tr->tw, &nt, &tcap);
		HT_GROW(tr->pid, np + (ns - s0) * (nt - t0), pcap);
		for (size_t i = s0; i < ns; i++)
			for (size_t j = t0; j < nt; j++) {
				if (j + PREFETCH_PAIRS < nt && pt.nslots) /* the table is much larger than the caches */
					__builtin_prefetch(&pt.keys[mix((uint64_t)tr->sw[i] << 32 | tr->tw[j + PREFETCH_PAIRS]) &
								    (pt.nslots - 1)]);
				tr->pid[np++] = pair_index(&pt, (uint64_t)tr->sw[i] << 32 | tr->tw[j]);
			}
		tr->nbeads++;
		tr->soff[tr->nbeads] = ns;
		tr->toff[tr->nbeads] = nt;
		tr->poff[tr->nbeads] = np;
	}
	tr->npairs = pt.n;
	tr->pairs = ht_xmalloc((pt.n ? pt.n : 1) * sizeof *tr->pairs);
	for (size_t h = 0; h < pt.nslots; h++)
		if (pt.keys[h])
			tr->pairs[pt.index[h]] = pt.keys[h] - 1;
	free(pt.keys);
	free(pt.index);
	free(ss);
	free(ts);
}

/* IBM Model 1, t(f | e) for f on side F given e on side E (with a NULL e
 * in every bead).  `e_is_src` says whether E is the source side (pair ids
 * are source-major).  Writes t per pair id into prob.  Always inlined into
 * model1_fwd/model1_rev, so that each gets its own loops for a constant
 * e_is_src. */
static inline __attribute__((always_inline)) void model1(const training *tr, int e_is_src, size_t ne,
							 float *prob)
{
	float *count = ht_xmalloc_table((tr->npairs ? tr->npairs : 1) * sizeof *count);
	float *total = ht_xmalloc((ne + 1) * sizeof *total);
	for (size_t k = 0; k < tr->npairs; k++)
		prob[k] = 1.0f;
	for (int it = 0; it < LEARN_ITER; it++) {
		memset(count, 0, tr->npairs * sizeof *count);
		memset(total, 0, (ne + 1) * sizeof *total);
		for (size_t b = 0; b < tr->nbeads; b++) {
			size_t ns = tr->soff[b + 1] - tr->soff[b], nt = tr->toff[b + 1] - tr->toff[b];
			const uint32_t *pid = tr->pid + tr->poff[b];
			const uint32_t *ew = e_is_src ? tr->sw + tr->soff[b] : tr->tw + tr->toff[b];
			size_t nE = e_is_src ? ns : nt, nF = e_is_src ? nt : ns;
			for (size_t f = 0; f < nF; f++) {
				double z = 1.0 / (double)(nE + 1); /* NULL's share, kept uniform */
				for (size_t e = 0; e < nE; e++)
					z += prob[pid[e_is_src ? e * nt + f : f * nt + e]];
				for (size_t e = 0; e < nE; e++) {
					uint32_t id = pid[e_is_src ? e * nt + f : f * nt + e];
					float c = (float)(prob[id] / z);
					count[id] += c;
					total[ew[e]] += c;
				}
			}
		}
		for (size_t k = 0; k < tr->npairs; k++) {
			uint32_t e = e_is_src ? (uint32_t)(tr->pairs[k] >> 32) : (uint32_t)tr->pairs[k];
			prob[k] = total[e] > 0 ? count[k] / total[e] : 0;
		}
	}
	free(count);
	free(total);
}

static void model1_fwd(const training *tr, size_t ne, float *prob) { model1(tr, 1, ne, prob); }

static void model1_rev(const training *tr, size_t ne, float *prob) { model1(tr, 0, ne, prob); }

void al_pair_learn(al_pair *p, const ht_bead *beads, size_t nbeads)
{
	training tr;
	collect(p, beads, nbeads, &tr);
	if (!tr.nbeads) {
		free(tr.pairs);
		free(tr.pid);
		return;
	}
	float *fwd = ht_xmalloc_table((tr.npairs ? tr.npairs : 1) * sizeof *fwd);
	float *rev = ht_xmalloc_table((tr.npairs ? tr.npairs : 1) * sizeof *rev);
	model1_fwd(&tr, p->s.nvocab, fwd);
	model1_rev(&tr, p->t.nvocab, rev);
	uint32_t *cooc = ht_xcalloc(tr.npairs ? tr.npairs : 1, sizeof *cooc);
	for (size_t k = 0; k < tr.poff[tr.nbeads]; k++)
		cooc[tr.pid[k]]++;

	/* the links so far, plus the learned ones */
	size_t n = 0, cap = p->links.count + 16;
	uint64_t *pairs = ht_xmalloc(cap * sizeof *pairs);
	for (uint32_t x = 0; x < p->links.nsrc; x++)
		for (size_t l = p->links.fwd_off[x]; l < p->links.fwd_off[x + 1]; l++)
			pairs[n++] = (uint64_t)x << 32 | p->links.fwd[l];
	for (size_t k = 0; k < tr.npairs; k++)
		if (cooc[k] >= LEARN_MIN_COUNT && (fwd[k] >= LEARN_T || rev[k] >= LEARN_T)) {
			HT_GROW(pairs, n + 1, cap);
			pairs[n++] = tr.pairs[k];
		}
	al_links_release(&p->links);
	al_links_build(&p->links, p->vs.n, p->vt.n, pairs, n);
	free(pairs);
	free(cooc);
	free(fwd);
	free(rev);
	free(tr.sw);
	free(tr.tw);
	free(tr.pid);
	free(tr.soff);
	free(tr.toff);
	free(tr.poff);
	free(tr.pairs);
}
