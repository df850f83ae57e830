/* Scoring alignments against gold: bead and ladder files, strict and lax
 * precision/recall/F1 (Sennrich & Volk 2010, as computed by vecalign). */
#include "align/aligner-internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

void al_beadset_release(al_beadset *set)
{
	free(set->idx);
	free(set->b);
	memset(set, 0, sizeof *set);
}

void al_beadset_add(al_beadset *set, const size_t *src, size_t nsrc, const size_t *tgt, size_t ntgt)
{
	HT_GROW(set->idx, set->nidx + nsrc + ntgt, set->idxcap);
	HT_GROW(set->b, set->n + 1, set->cap);
	al_ibead *b = &set->b[set->n++];
	b->s = set->nidx;
	b->ns = nsrc;
	memcpy(set->idx + set->nidx, src, nsrc * sizeof *src);
	set->nidx += nsrc;
	b->t = set->nidx;
	b->nt = ntgt;
	memcpy(set->idx + set->nidx, tgt, ntgt * sizeof *tgt);
	set->nidx += ntgt;
}

void al_beadset_add_beads(al_beadset *set, const ht_bead *beads, size_t n)
{
	size_t *tmp = NULL, cap = 0;
	for (size_t k = 0; k < n; k++) {
		HT_GROW(tmp, beads[k].nsrc + beads[k].ntgt, cap);
		for (size_t i = 0; i < beads[k].nsrc; i++)
			tmp[i] = beads[k].src + i;
		for (size_t i = 0; i < beads[k].ntgt; i++)
			tmp[beads[k].nsrc + i] = beads[k].tgt + i;
		al_beadset_add(set, tmp, beads[k].nsrc, tmp + beads[k].nsrc, beads[k].ntgt);
	}
	free(tmp);
}

static int list_cmp(const size_t *a, size_t na, const size_t *b, size_t nb)
{
	for (size_t i = 0; i < na && i < nb; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return na < nb ? -1 : na > nb;
}

/* A bead with its set, for sorting and searching (qsort has no context). */
typedef struct bead_ref {
	const al_beadset *set;
	size_t k;
} bead_ref;

static int ref_cmp(const void *x, const void *y)
{
	const bead_ref *a = x, *b = y;
	const al_ibead *p = &a->set->b[a->k], *q = &b->set->b[b->k];
	int c = list_cmp(a->set->idx + p->s, p->ns, b->set->idx + q->s, q->ns);
	return c ? c : list_cmp(a->set->idx + p->t, p->nt, b->set->idx + q->t, q->nt);
}

/* Distinct beads with at least one side (with both sides when `both`), sorted,
 * as python's set() of tuples sees them. */
static bead_ref *distinct(const al_beadset *set, int both, size_t *out_n)
{
	bead_ref *v = ht_xmalloc((set->n ? set->n : 1) * sizeof *v);
	size_t k = 0;
	for (size_t i = 0; i < set->n; i++) {
		const al_ibead *b = &set->b[i];
		if (both ? (b->ns && b->nt) : (b->ns || b->nt))
			v[k++] = (bead_ref){set, i};
	}
	qsort(v, k, sizeof *v, ref_cmp);
	size_t m = 0;
	for (size_t i = 0; i < k; i++)
		if (m == 0 || ref_cmp(&v[m - 1], &v[i]))
			v[m++] = v[i];
	*out_n = m;
	return v;
}

/* Every (source unit, bead) of a reference alignment, sorted by unit, to find
 * the beads a predicted bead overlaps on the source side. */
typedef struct src_link {
	size_t unit;
	const al_ibead *bead;
} src_link;

static int link_cmp(const void *a, const void *b)
{
	const src_link *x = a, *y = b;
	return x->unit < y->unit ? -1 : x->unit > y->unit;
}

static src_link *src_links(const bead_ref *ref, size_t n, size_t *out_n)
{
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += ref[i].set->b[ref[i].k].ns;
	src_link *l = ht_xmalloc((total ? total : 1) * sizeof *l);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const al_ibead *b = &ref[i].set->b[ref[i].k];
		for (size_t s = 0; s < b->ns; s++)
			l[k++] = (src_link){ref[i].set->idx[b->s + s], b};
	}
	qsort(l, k, sizeof *l, link_cmp);
	*out_n = k;
	return l;
}

/* True when hyp shares a source unit with a reference bead whose target units
 * meet hyp's target units. */
static int lax_hit(const al_beadset *rset, const src_link *l, size_t nl, const bead_ref *hyp)
{
	const al_ibead *h = &hyp->set->b[hyp->k];
	const size_t *hs = hyp->set->idx + h->s, *ht = hyp->set->idx + h->t;
	for (size_t i = 0; i < h->ns; i++) {
		size_t lo = 0, hi = nl;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (l[mid].unit < hs[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < nl && l[lo].unit == hs[i]; lo++) {
			const size_t *rt = rset->idx + l[lo].bead->t;
			for (size_t a = 0; a < l[lo].bead->nt; a++)
				for (size_t b = 0; b < h->nt; b++)
					if (rt[a] == ht[b])
						return 1;
		}
	}
	return 0;
}

/* vecalign's _precision(ref, hyp): how many distinct beads of hyp are in ref
 * (strict) or overlap a ref bead on both sides (lax). */
static void precision_counts(const al_beadset *rset, const bead_ref *ref, size_t nref, const bead_ref *hyp,
			     size_t nhyp, size_t *total, size_t *strict, size_t *lax)
{
	size_t nl;
	src_link *l = src_links(ref, nref, &nl);
	for (size_t i = 0; i < nhyp; i++) {
		(*total)++;
		if (bsearch(&hyp[i], ref, nref, sizeof *ref, ref_cmp)) {
			(*strict)++;
			(*lax)++;
		} else if (lax_hit(rset, l, nl, &hyp[i]))
			(*lax)++;
	}
	free(l);
}

void al_counts_add(al_counts *c, const al_beadset *gold, const al_beadset *test)
{
	size_t ng, nt, ngb, ntb;
	bead_ref *g = distinct(gold, 0, &ng), *t = distinct(test, 0, &nt);
	bead_ref *gb = distinct(gold, 1, &ngb), *tb = distinct(test, 1, &ntb);
	precision_counts(gold, g, ng, t, nt, &c->test, &c->test_strict, &c->test_lax);
	/* recall is precision with the roles swapped, insertions and deletions left out */
	precision_counts(test, tb, ntb, gb, ngb, &c->gold, &c->gold_strict, &c->gold_lax);
	free(g);
	free(t);
	free(gb);
	free(tb);
}

static double ratio(size_t a, size_t b) { return b ? (double)a / (double)b : 0.0; }
static double f1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }

al_scores al_counts_scores(const al_counts *c)
{
	al_scores s;
	s.p_strict = ratio(c->test_strict, c->test);
	s.r_strict = ratio(c->gold_strict, c->gold);
	s.p_lax = ratio(c->test_lax, c->test);
	s.r_lax = ratio(c->gold_lax, c->gold);
	s.f_strict = f1(s.p_strict, s.r_strict);
	s.f_lax = f1(s.p_lax, s.r_lax);
	return s;
}

/* ---- reading bead and ladder files ---- */

void al_ladder_to_beads(const size_t *rungs, size_t nrungs, ht_bead **beads, size_t *nbeads)
{
	ht_bead *b = ht_xmalloc((nrungs + 1) * sizeof *b);
	size_t n = 0, ps = 0, pt = 0;
	for (size_t k = 0; k < nrungs; k++) {
		size_t s = rungs[2 * k], t = rungs[2 * k + 1];
		if (s > ps || t > pt)
			b[n++] = (ht_bead){ps, s - ps, pt, t - pt, 0.0};
		ps = s;
		pt = t;
	}
	*beads = b;
	*nbeads = n;
}

static void skip_space(const char **p, const char *end)
{
	while (*p < end && (**p == ' ' || **p == '\t' || **p == '\r'))
		(*p)++;
}

static int parse_number(const char **p, const char *end, size_t *out)
{
	if (*p >= end || !isdigit((unsigned char)**p))
		return 0;
	size_t v = 0;
	while (*p < end && isdigit((unsigned char)**p)) {
		size_t d = (size_t)(**p - '0');
		if (v > (SIZE_MAX - d) / 10)
			return 0;
		v = v * 10 + d;
		(*p)++;
	}
	*out = v;
	return 1;
}

typedef struct index_list {
	size_t *v;
	size_t n, cap;
} index_list;

/* "[a, b, c]" appended to *l; returns NULL or what is wrong. */
static const char *parse_list(const char **p, const char *end, index_list *l)
{
	skip_space(p, end);
	if (*p >= end || **p != '[')
		return "expected '['";
	(*p)++;
	for (size_t count = 0;; count++) {
		skip_space(p, end);
		if (*p < end && **p == ']') {
			(*p)++;
			return NULL;
		}
		if (count) {
			if (*p >= end || **p != ',')
				return "expected ',' or ']'";
			(*p)++;
			skip_space(p, end);
		}
		size_t v;
		if (!parse_number(p, end, &v))
			return "expected a unit number";
		HT_GROW(l->v, l->n + 1, l->cap);
		l->v[l->n++] = v;
	}
}

static ht_status parse_bead_line(const char *name, size_t lineno, const char *s, const char *end,
				 al_beadset *set, index_list *l, ht_error *err)
{
	const char *p = s;
	l->n = 0;
	const char *why = parse_list(&p, end, l);
	size_t nsrc = l->n;
	if (!why) {
		skip_space(&p, end);
		if (p < end && *p == ':') {
			p++;
			why = parse_list(&p, end, l);
		} else
			why = "expected ':' between the sides";
	}
	/* a confidence or a comment may follow after white space */
	if (!why && p < end && *p != ' ' && *p != '\t' && *p != '\r')
		why = "unexpected text after the bead";
	if (why)
		return ht_error_set(err, HT_ERR_DATA, "%s:%zu: %s (want [i,j]:[k])", name, lineno, why);
	al_beadset_add(set, l->v, nsrc, l->v + nsrc, l->n - nsrc);
	return HT_OK;
}

ht_status al_beads_parse(const char *name, const char *text, size_t len, enum al_bead_format fmt,
			 al_beadset *set, ht_error *err)
{
	size_t *rungs = NULL, nr = 0, rcap = 0, lineno = 0;
	index_list l = {0};
	ht_status st = HT_OK;
	for (size_t at = 0; at < len && st == HT_OK;) {
		const char *s = text + at, *nl = memchr(s, '\n', len - at);
		const char *end = nl ? nl : text + len;
		at = (size_t)(end - text) + 1;
		lineno++;
		const char *p = s;
		skip_space(&p, end);
		if (p == end)
			continue;
		if (fmt == AL_FORMAT_AUTO)
			fmt = *p == '[' ? AL_FORMAT_BEADS : AL_FORMAT_LADDER;
		if (fmt == AL_FORMAT_BEADS) {
			st = parse_bead_line(name, lineno, p, end, set, &l, err);
			continue;
		}
		size_t x, y;
		int ok = parse_number(&p, end, &x);
		skip_space(&p, end);
		ok = ok && parse_number(&p, end, &y);
		skip_space(&p, end);
		if (!ok || p != end)
			st = ht_error_set(err, HT_ERR_DATA, "%s:%zu: not a ladder rung (want two unit numbers)",
					  name, lineno);
		else if (nr && (x < rungs[2 * nr - 2] || y < rungs[2 * nr - 1]))
			st = ht_error_set(err, HT_ERR_DATA, "%s:%zu: ladder rungs must not go back", name, lineno);
		else {
			HT_GROW(rungs, 2 * nr + 2, rcap);
			rungs[2 * nr] = x;
			rungs[2 * nr + 1] = y;
			nr++;
		}
	}
	if (st == HT_OK && fmt == AL_FORMAT_LADDER) {
		ht_bead *b;
		size_t n;
		al_ladder_to_beads(rungs, nr, &b, &n);
		al_beadset_add_beads(set, b, n);
		free(b);
	}
	free(rungs);
	free(l.v);
	return st;
}
