/* Scoring alignments against gold: bead and ladder files, strict and lax
 * precision/recall/F1 (Sennrich & Volk 2010, as computed by vecalign).  See
 * align/align-eval.h for the bounds on time and memory. */
#include "align/aligner-internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

void al_beadset_release(al_beadset *set)
{
	free(set->runs);
	free(set->b);
	memset(set, 0, sizeof *set);
}

/* Append the units v[0..n) as maximal runs; returns how many runs. */
static size_t add_runs(al_beadset *set, const size_t *v, size_t n)
{
	size_t before = set->nruns;
	for (size_t i = 0; i < n; i++) {
		al_run *last = set->nruns > before ? &set->runs[set->nruns - 1] : NULL;
		if (last && last->last != SIZE_MAX && v[i] == last->last + 1) {
			last->last++;
			continue;
		}
		HT_GROW(set->runs, set->nruns + 1, set->runcap);
		set->runs[set->nruns++] = (al_run){v[i], v[i]};
	}
	return set->nruns - before;
}

static al_ibead *new_bead(al_beadset *set)
{
	HT_GROW(set->b, set->n + 1, set->cap);
	al_ibead *b = &set->b[set->n++];
	memset(b, 0, sizeof *b);
	return b;
}

void al_beadset_add(al_beadset *set, const size_t *src, size_t nsrc, const size_t *tgt, size_t ntgt)
{
	al_ibead *b = new_bead(set);
	b->s = set->nruns;
	b->ns = add_runs(set, src, nsrc);
	b->t = set->nruns;
	b->nt = add_runs(set, tgt, ntgt);
}

static size_t add_range(al_beadset *set, size_t first, size_t n)
{
	if (!n)
		return 0;
	HT_GROW(set->runs, set->nruns + 1, set->runcap);
	set->runs[set->nruns++] = (al_run){first, first + (n - 1)};
	return 1;
}

void al_beadset_add_beads(al_beadset *set, const ht_bead *beads, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		al_ibead *b = new_bead(set);
		b->s = set->nruns;
		b->ns = add_range(set, beads[k].src, beads[k].nsrc);
		b->t = set->nruns;
		b->nt = add_range(set, beads[k].tgt, beads[k].ntgt);
	}
}

size_t al_bead_units(const al_beadset *set, size_t k, int side)
{
	const al_ibead *b = &set->b[k];
	size_t total = 0;
	for (size_t i = side ? b->t : b->s, end = i + (side ? b->nt : b->ns); i < end; i++)
		total += set->runs[i].last - set->runs[i].first + 1;
	return total;
}

/* ---- distinct beads ---- */

/* Files are in document order: most arrays here are sorted already. */
static void sort_unless_sorted(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	const char *b = base;
	for (size_t i = 1; i < n; i++)
		if (cmp(b + (i - 1) * size, b + i * size) > 0) {
			qsort(base, n, size, cmp);
			return;
		}
}

static int runs_cmp(const al_run *a, size_t na, const al_run *b, size_t nb)
{
	for (size_t i = 0; i < na && i < nb; i++) {
		if (a[i].first != b[i].first)
			return a[i].first < b[i].first ? -1 : 1;
		if (a[i].last != b[i].last)
			return a[i].last < b[i].last ? -1 : 1;
	}
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
	int c = runs_cmp(a->set->runs + p->s, p->ns, b->set->runs + q->s, q->ns);
	return c ? c : runs_cmp(a->set->runs + p->t, p->nt, b->set->runs + q->t, q->nt);
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
	sort_unless_sorted(v, k, sizeof *v, ref_cmp);
	size_t m = 0;
	for (size_t i = 0; i < k; i++)
		if (m == 0 || ref_cmp(&v[m - 1], &v[i]))
			v[m++] = v[i];
	*out_n = m;
	return v;
}

/* ---- the sweep over runs ---- */

/* A run of one side of a distinct bead: `who` is the bead's place in its list. */
typedef struct tagged_run {
	al_run r;
	size_t who;
} tagged_run;

static int tagged_cmp(const void *x, const void *y)
{
	const tagged_run *a = x, *b = y;
	if (a->r.first != b->r.first)
		return a->r.first < b->r.first ? -1 : 1;
	return a->who < b->who ? -1 : a->who > b->who;
}

/* The runs of one side (0 source, 1 target) of beads v[0..n), sorted by start. */
static tagged_run *side_runs(const bead_ref *v, size_t n, int side, size_t *out_n)
{
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += side ? v[i].set->b[v[i].k].nt : v[i].set->b[v[i].k].ns;
	tagged_run *t = ht_xmalloc((total ? total : 1) * sizeof *t);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		const al_ibead *b = &v[i].set->b[v[i].k];
		for (size_t j = side ? b->t : b->s, end = j + (side ? b->nt : b->ns); j < end; j++)
			t[m++] = (tagged_run){v[i].set->runs[j], i};
	}
	sort_unless_sorted(t, m, sizeof *t, tagged_cmp);
	*out_n = m;
	return t;
}

/* Runs that cover the current position: the list's runs whose last unit is
 * not behind it.  Small: the sharing bound caps it. */
typedef struct active {
	tagged_run *v;
	size_t n, cap;
} active;

static void active_expire(active *a, size_t pos)
{
	size_t m = 0;
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i].r.last >= pos)
			a->v[m++] = a->v[i];
	a->n = m;
}

static void active_add(active *a, const tagged_run *r)
{
	HT_GROW(a->v, a->n + 1, a->cap);
	a->v[a->n++] = *r;
}

/* Do two sides, as sorted runs, share a unit?  Walks the shorter, searches the longer. */
static int runs_meet(const al_run *a, size_t na, const al_run *b, size_t nb)
{
	if (na > nb)
		return runs_meet(b, nb, a, na);
	for (size_t i = 0; i < na; i++) {
		size_t lo = 0, hi = nb; /* the first run of b that ends at or after a[i] starts */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (b[mid].last < a[i].first)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < nb && b[lo].first <= a[i].last)
			return 1;
	}
	return 0;
}

/* The target runs of each bead of v, sorted by start (for runs_meet); bead
 * i's are sorted[at[i] .. at[i + 1]). */
typedef struct sorted_sides {
	al_run *runs;
	size_t *at;
} sorted_sides;

static int run_cmp(const void *x, const void *y)
{
	const al_run *a = x, *b = y;
	return a->first < b->first ? -1 : a->first > b->first;
}

static sorted_sides sort_targets(const bead_ref *v, size_t n)
{
	sorted_sides s;
	s.at = ht_xmalloc((n + 1) * sizeof *s.at);
	size_t total = 0;
	for (size_t i = 0; i < n; i++) {
		s.at[i] = total;
		total += v[i].set->b[v[i].k].nt;
	}
	s.at[n] = total;
	s.runs = ht_xmalloc((total ? total : 1) * sizeof *s.runs);
	for (size_t i = 0; i < n; i++) {
		const al_ibead *b = &v[i].set->b[v[i].k];
		memcpy(s.runs + s.at[i], v[i].set->runs + b->t, b->nt * sizeof *s.runs);
		if (b->nt > 1)
			sort_unless_sorted(s.runs + s.at[i], b->nt, sizeof *s.runs, run_cmp);
	}
	return s;
}

/* lax[i] = 1 for each bead hyp[i] that shares a source unit and a target unit
 * with a bead of ref: one sweep over the source runs of both, in order of
 * position, meets every pair that shares a source unit. */
static void lax_hits(const bead_ref *ref, size_t nref, const bead_ref *hyp, size_t nhyp, char *lax)
{
	size_t nr, nh;
	tagged_run *rs = side_runs(ref, nref, 0, &nr), *hs = side_runs(hyp, nhyp, 0, &nh);
	sorted_sides rt = sort_targets(ref, nref), ht = sort_targets(hyp, nhyp);
	active ar = {0}, ah = {0};
	for (size_t i = 0, j = 0; i < nr || j < nh;) {
		int from_ref = j >= nh || (i < nr && rs[i].r.first <= hs[j].r.first);
		const tagged_run *x = from_ref ? &rs[i++] : &hs[j++];
		active_expire(&ar, x->r.first);
		active_expire(&ah, x->r.first);
		const active *other = from_ref ? &ah : &ar;
		for (size_t k = 0; k < other->n; k++) {
			size_t h = from_ref ? other->v[k].who : x->who, r = from_ref ? x->who : other->v[k].who;
			if (!lax[h] && runs_meet(ht.runs + ht.at[h], ht.at[h + 1] - ht.at[h], rt.runs + rt.at[r],
						 rt.at[r + 1] - rt.at[r]))
				lax[h] = 1;
		}
		active_add(from_ref ? &ar : &ah, x);
	}
	free(ar.v);
	free(ah.v);
	free(rs);
	free(hs);
	free(rt.runs);
	free(rt.at);
	free(ht.runs);
	free(ht.at);
}

/* vecalign's _precision(ref, hyp): how many distinct beads of hyp are in ref
 * (strict) or overlap a ref bead on both sides (lax). */
static void precision_counts(const bead_ref *ref, size_t nref, const bead_ref *hyp, size_t nhyp,
			     size_t *total, size_t *strict, size_t *laxes)
{
	char *lax = ht_xcalloc(nhyp ? nhyp : 1, 1);
	lax_hits(ref, nref, hyp, nhyp, lax);
	for (size_t i = 0; i < nhyp; i++) {
		(*total)++;
		if (bsearch(&hyp[i], ref, nref, sizeof *ref, ref_cmp)) {
			(*strict)++;
			(*laxes)++;
		} else if (lax[i])
			(*laxes)++;
	}
	free(lax);
}

void al_counts_add(al_counts *c, const al_beadset *gold, const al_beadset *test)
{
	size_t ng, nt, ngb, ntb;
	bead_ref *g = distinct(gold, 0, &ng), *t = distinct(test, 0, &nt);
	bead_ref *gb = distinct(gold, 1, &ngb), *tb = distinct(test, 1, &ntb);
	precision_counts(g, ng, t, nt, &c->test, &c->test_strict, &c->test_lax);
	/* recall is precision with the roles swapped, insertions and deletions left out */
	precision_counts(tb, ntb, gb, ngb, &c->gold, &c->gold_strict, &c->gold_lax);
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

/* The sharing bound (align-eval.h): 0, or the line of a bead that puts a
 * unit in more than AL_MAX_SHARING distinct beads, and which side. */
static size_t sharing_line(const al_beadset *set, int *side, size_t *unit)
{
	size_t nd, line = 0;
	bead_ref *v = distinct(set, 0, &nd);
	for (int sd = 0; sd < 2 && !line; sd++) {
		size_t nr;
		tagged_run *r = side_runs(v, nd, sd, &nr);
		active a = {0};
		for (size_t i = 0; i < nr && !line; i++) {
			active_expire(&a, r[i].r.first);
			active_add(&a, &r[i]);
			if (a.n > AL_MAX_SHARING) {
				line = set->b[v[r[i].who].k].line;
				*side = sd;
				*unit = r[i].r.first;
			}
		}
		free(a.v);
		free(r);
	}
	free(v);
	return line;
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
	if (nsrc == 0 && l->n == 0)
		return ht_error_set(err, HT_ERR_DATA, "%s:%zu: a bead with both sides empty", name, lineno);
	al_beadset_add(set, l->v, nsrc, l->v + nsrc, l->n - nsrc);
	set->b[set->n - 1].line = lineno;
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
		/* rungs never go back: ladder beads cannot share units */
		al_ladder_to_beads(rungs, nr, &b, &n);
		al_beadset_add_beads(set, b, n);
		free(b);
	}
	int side = 0;
	size_t unit = 0, line = st == HT_OK ? sharing_line(set, &side, &unit) : 0;
	if (line)
		st = ht_error_set(err, HT_ERR_DATA,
				  "%s:%zu: %s unit %zu is in more than %d different beads (an alignment puts "
				  "each unit in one)",
				  name, line, side ? "target" : "source", unit, AL_MAX_SHARING);
	free(rungs);
	free(l.v);
	return st;
}
