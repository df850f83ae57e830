/* Links between the words of the two sides of a pair: identical tokens and
 * numbers, 4-letter cognates, and the dictionary in both directions. */
#include "align/aligner-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- links ---- */

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void csr(uint32_t **off, uint32_t **to, size_t nfrom, const uint64_t *pairs, size_t n, int swap)
{
	*off = ht_xcalloc(nfrom + 1, sizeof **off);
	*to = ht_xmalloc((n ? n : 1) * sizeof **to);
	for (size_t k = 0; k < n; k++)
		(*off)[(swap ? (uint32_t)pairs[k] : pairs[k] >> 32) + 1]++;
	for (size_t i = 0; i < nfrom; i++)
		(*off)[i + 1] += (*off)[i];
	uint32_t *fill = ht_xmalloc((nfrom + 1) * sizeof *fill);
	memcpy(fill, *off, (nfrom + 1) * sizeof *fill);
	for (size_t k = 0; k < n; k++) {
		uint32_t from = swap ? (uint32_t)pairs[k] : (uint32_t)(pairs[k] >> 32);
		uint32_t dst = swap ? (uint32_t)(pairs[k] >> 32) : (uint32_t)pairs[k];
		(*to)[fill[from]++] = dst;
	}
	free(fill);
}

void al_links_build(al_links *l, size_t nsrc, size_t ntgt, const uint64_t *pairs_in, size_t npairs)
{
	uint64_t *pairs = ht_xmalloc((npairs ? npairs : 1) * sizeof *pairs);
	if (npairs) {
		memcpy(pairs, pairs_in, npairs * sizeof *pairs);
		qsort(pairs, npairs, sizeof *pairs, cmp_u64);
	}
	size_t n = 0;
	for (size_t k = 0; k < npairs; k++)
		if (n == 0 || pairs[n - 1] != pairs[k])
			pairs[n++] = pairs[k];
	l->nsrc = nsrc;
	l->ntgt = ntgt;
	l->count = n;
	csr(&l->fwd_off, &l->fwd, nsrc, pairs, n, 0);
	csr(&l->rev_off, &l->rev, ntgt, pairs, n, 1);
	free(pairs);
}

void al_links_release(al_links *l)
{
	free(l->fwd_off);
	free(l->fwd);
	free(l->rev_off);
	free(l->rev);
	memset(l, 0, sizeof *l);
}

typedef struct pair_list {
	uint64_t *v;
	size_t n, cap;
} pair_list;

static void pair_add(pair_list *pl, uint32_t s, uint32_t t)
{
	HT_GROW(pl->v, pl->n + 1, pl->cap);
	pl->v[pl->n++] = (uint64_t)s << 32 | t;
}

static size_t count_cps(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

static size_t prefix_bytes(const char *s, size_t n, size_t cps)
{
	size_t i = 0;
	while (i < n && cps--)
		ht_utf8_next(s, n, &i);
	return i;
}

/* Identical keys (numbers, names) and words that share their first four
 * letters (cognates: Regierung/régime no, Kanton/canton no, Juli/juillet yes). */
static void link_identical_and_cognates(const al_pair *p, pair_list *pl)
{
	al_vocab pre;
	al_vocab_init(&pre);
	uint32_t *head = NULL, *next = NULL; /* per prefix id: first target word; chain */
	size_t headcap = 0;
	next = ht_xmalloc((p->vt.n ? p->vt.n : 1) * sizeof *next);
	for (uint32_t t = 0; t < p->vt.n; t++) {
		next[t] = UINT32_MAX;
		const char *s = al_vocab_str(&p->vt, t);
		size_t len = p->vt.len[t];
		if (p->kind_t[t] != AL_WORD || count_cps(s, len) < 4)
			continue;
		size_t before = pre.n;
		uint32_t id = al_vocab_intern(&pre, s, prefix_bytes(s, len, 4));
		if (pre.n > before) {
			HT_GROW(head, pre.n, headcap);
			head[id] = UINT32_MAX;
		}
		next[t] = head[id];
		head[id] = t;
	}
	for (uint32_t s = 0; s < p->vs.n; s++) {
		const char *str = al_vocab_str(&p->vs, s);
		size_t len = p->vs.len[s];
		uint32_t t = al_vocab_find(&p->vt, str, len);
		if (t != UINT32_MAX && (p->kind_s[s] != AL_WORD || count_cps(str, len) >= 2))
			pair_add(pl, s, t);
		if (p->kind_s[s] != AL_WORD || count_cps(str, len) < 4)
			continue;
		uint32_t id = al_vocab_find(&pre, str, prefix_bytes(str, len, 4));
		if (id == UINT32_MAX)
			continue;
		for (uint32_t c = head[id]; c != UINT32_MAX; c = next[c])
			pair_add(pl, s, c);
	}
	free(head);
	free(next);
	al_vocab_release(&pre);
}

/* Dictionary translations of the words of side `from` (looked up by their
 * folded surface forms), as words of the other side. */
typedef struct gloss_linker {
	const ht_dict *d;
	const al_vocab *other;
	const al_lang *other_lang;
	int reverse;
	pair_list *pl;
	ht_buf fold, key;
	ht_token *toks;
	size_t ntoks, cap;
} gloss_linker;

/* Translations of a headword that are used: dictionaries give the main
 * senses first (CC-CEDICT, FreeDict), and each further one links the word to
 * more words that happen to occur in the wrong sentences (MAC-Dev strict F1
 * 0.848 with all, 0.868 with three; Text+Berg with FreeDict deu-fra 0.883,
 * 0.888). */
#define DICT_SENSES 3

/* Link word `id` to the words of the other side in the translations of key. */
static void link_glosses(gloss_linker *gl, const char *key, size_t keylen, uint32_t id)
{
	const char *const *tg;
	size_t nt = ht_dict_lookup(gl->d, key, keylen, &tg);
	if (nt > DICT_SENSES)
		nt = DICT_SENSES;
	for (size_t g = 0; g < nt; g++) {
		ht_buf_reset(&gl->fold);
		ht_key_fold(tg[g], strlen(tg[g]), &gl->fold);
		ht_tokenize(gl->fold.s, gl->fold.len, &gl->toks, &gl->ntoks, &gl->cap);
		for (size_t k = 0; k < gl->ntoks; k++) {
			const char *w = gl->fold.s + gl->toks[k].start;
			size_t wl = gl->toks[k].len;
			if (gl->toks[k].type == HT_TOK_PUNCT)
				continue;
			if (gl->toks[k].type == HT_TOK_NUMBER)
				al_number_key(w, wl, &gl->key);
			else if (gl->toks[k].type == HT_TOK_WORD) {
				if (al_lang_stop(gl->other_lang, w, wl))
					continue;
				al_word_key(gl->other_lang, w, wl, &gl->key);
			} else {
				ht_buf_reset(&gl->key);
				ht_buf_add(&gl->key, w, wl);
			}
			uint32_t o = al_vocab_find(gl->other, gl->key.s, gl->key.len);
			if (o == UINT32_MAX)
				continue;
			if (gl->reverse)
				pair_add(gl->pl, o, id);
			else
				pair_add(gl->pl, id, o);
		}
	}
}

/* Dictionary translations of the words of side `from` (looked up by their
 * folded surface forms), as words of the other side.  A Chinese word none of
 * whose translations occurs on the other side gets those of its characters
 * (per-character fallback: literary and official texts use many words whose
 * CEDICT glosses differ from the translator's choice). */
static void link_dictionary(const ht_dict *d, const al_vocab *surface, const uint32_t *surf_id,
			    const uint8_t *kinds, const al_vocab *other, const al_lang *other_lang,
			    int reverse, pair_list *pl)
{
	gloss_linker gl = {d, other, other_lang, reverse, pl, HT_BUF_INIT, HT_BUF_INIT, NULL, 0, 0};
	for (uint32_t sid = 0; sid < surface->n; sid++) {
		const char *s = al_vocab_str(surface, sid);
		size_t len = surface->len[sid];
		size_t before = pl->n;
		link_glosses(&gl, s, len, surf_id[sid]);
		if (pl->n > before || kinds[surf_id[sid]] != AL_HAN || count_cps(s, len) < 2)
			continue;
		for (size_t i = 0; i < len;) {
			size_t start = i;
			ht_utf8_next(s, len, &i);
			link_glosses(&gl, s + start, i - start, surf_id[sid]);
		}
	}
	free(gl.toks);
	ht_buf_release(&gl.fold);
	ht_buf_release(&gl.key);
}

/* The words of one side, and the folded surface forms of those the
 * dictionary `d` (translating from this side's language, or NULL) looks up. */
typedef struct side_input {
	al_lang lang;
	const ht_dict *d;
	al_vocab surface;
	uint32_t *surf_id;
} side_input;

static void side_input_init(side_input *in, const char *tag, const ht_dict *dict)
{
	al_lang_init(&in->lang, tag);
	in->d = ht_dict_side(dict, tag);
	al_vocab_init(&in->surface);
	in->surf_id = NULL;
}

static void side_input_release(side_input *in)
{
	al_lang_release(&in->lang);
	al_vocab_release(&in->surface);
	free(in->surf_id);
}

/* Both sides are read the same way: a dictionary that translates from a
 * side's language looks up its words, and its headwords segment that
 * side's Chinese, whichever side it is. */
void al_pair_prepare(al_pair *p, const ht_align_opts *opts, const ht_unit *src, size_t nsrc,
		     const ht_unit *tgt, size_t ntgt)
{
	memset(p, 0, sizeof *p);
	al_vocab_init(&p->vs);
	al_vocab_init(&p->vt);
	const ht_dict *d = opts ? opts->dict : NULL;
	side_input in[2];
	side_input_init(&in[0], opts ? opts->from : NULL, d);
	side_input_init(&in[1], opts ? opts->to : NULL, d);
	al_side_build(&p->s, &p->vs, &p->kind_s, in[0].d ? &in[0].surface : NULL, &in[0].surf_id,
		      &in[0].lang, in[0].d, src, nsrc);
	al_side_build(&p->t, &p->vt, &p->kind_t, in[1].d ? &in[1].surface : NULL, &in[1].surf_id,
		      &in[1].lang, in[1].d, tgt, ntgt);
	p->ws = al_idf_weights(&p->s, p->vs.n);
	p->wt = al_idf_weights(&p->t, p->vt.n);
	p->s.weight = p->ws;
	p->t.weight = p->wt;
	al_side_index(&p->s);
	al_side_index(&p->t);

	pair_list pl = {0};
	link_identical_and_cognates(p, &pl);
	if (in[0].d)
		link_dictionary(in[0].d, &in[0].surface, in[0].surf_id, p->kind_s, &p->vt, &in[1].lang, 0, &pl);
	if (in[1].d)
		link_dictionary(in[1].d, &in[1].surface, in[1].surf_id, p->kind_t, &p->vs, &in[0].lang, 1, &pl);
	al_links_build(&p->links, p->vs.n, p->vt.n, pl.v, pl.n);
	free(pl.v);
	side_input_release(&in[0]);
	side_input_release(&in[1]);
}

void al_pair_release(al_pair *p)
{
	al_vocab_release(&p->vs);
	al_vocab_release(&p->vt);
	al_side_release(&p->s);
	al_side_release(&p->t);
	free(p->ws);
	free(p->wt);
	free(p->kind_s);
	free(p->kind_t);
	al_links_release(&p->links);
	memset(p, 0, sizeof *p);
}
