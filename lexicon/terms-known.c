/* Known terms of a term set (ht_termset_add_known): a termbase's terms are
 * candidates whenever they occur, once is enough, whatever the statistics
 * say about their frequency, edges or closedness.
 *
 * A known term is tokenised as the text was (a scratch term set reads it),
 * its tokens mapped to the keys of the text, and the key sequence searched
 * in the token stream through an index of first keys: one pass over the
 * text whatever the size of the termbase. */
#include "lexicon/terms-internal.h"

#include <stdlib.h>
#include <string.h>

/* The key sequence of known term k in the text's keys, into seq; 0 when a
 * token never occurs in the text (then neither does the term). */
static size_t known_keys(const ht_termset *ts, ht_termset *tmp, const struct known_term *k,
			 const uint32_t *key_of, uint32_t **seq, size_t *cap)
{
	size_t a = tmp->npos;
	ht_termset_add_text(tmp, k->text, strlen(k->text), NULL, NULL);
	size_t b = tmp->npos, n = 0;
	while (a < b && tmp->pos_surf[a] == 0)
		a++;
	while (b > a && tmp->pos_surf[b - 1] == 0)
		b--;
	for (size_t i = a; i < b; i++) {
		uint32_t s = tmp->pos_surf[i], key = 0;
		if (s) {
			uint32_t id = ht_strmap_find(&ts->surfs, ht_strmap_str(&tmp->surfs, s),
						     ht_strmap_len(&tmp->surfs, s));
			if (id == UINT32_MAX || !key_of[id]) {
				n = 0;
				break;
			}
			key = key_of[id];
		}
		HT_GROW(*seq, n + 1, *cap);
		(*seq)[n++] = key;
	}
	return n;
}

/* The counted candidate of the n tokens at i, or NONE: the chain of
 * (prefix, suffix) candidates the levels made. */
uint32_t ht_termset_cand_at(const ht_termset *ts, size_t i, size_t n)
{
	uint32_t row[64];
	if (n > 64)
		return NONE;
	for (size_t j = 0; j < n; j++)
		if ((row[j] = ts->unigram[ts->tk[i + j]]) == NONE)
			return NONE;
	for (size_t len = n; len > 1; len--)
		for (size_t j = 0; j + 1 < len; j++) {
			size_t lo = ts->kids_start[row[j]], hi = ts->kids_start[row[j] + 1];
			uint32_t found = NONE;
			while (lo < hi) { /* kids of row[j] sorted by suffix */
				size_t mid = lo + (hi - lo) / 2;
				uint32_t s = ts->c[ts->kids[mid]].suffix;
				if (s == row[j + 1]) {
					found = ts->kids[mid];
					break;
				}
				if (s < row[j + 1])
					lo = mid + 1;
				else
					hi = mid;
			}
			if ((row[j] = found) == NONE)
				return NONE;
		}
	return row[0];
}

uint32_t *ht_termset_match_known(ht_termset *ts, const uint32_t *key_of, size_t **which)
{
	size_t nk = ts->n_known;
	uint32_t **seqs = ht_xcalloc(nk + 1, sizeof *seqs);
	size_t *lens = ht_xcalloc(nk + 1, sizeof *lens);
	uint32_t *head = ht_xmalloc((ts->keys.n + 1) * sizeof *head);
	uint32_t *next = ht_xmalloc((nk + 1) * sizeof *next);
	for (size_t k = 0; k <= ts->keys.n; k++)
		head[k] = NONE;
	ht_termset *tmp = ht_termset_new(ts->lang);
	for (size_t k = 0; k < nk; k++) {
		size_t cap = 0;
		lens[k] = known_keys(ts, tmp, &ts->known[k], key_of, &seqs[k], &cap);
		if (!lens[k] || lens[k] > 64)
			continue;
		next[k] = head[seqs[k][0]];
		head[seqs[k][0]] = (uint32_t)k;
	}
	ht_termset_free(tmp);
	uint32_t *count = ht_xcalloc(nk + 1, sizeof *count), *first = ht_xmalloc((nk + 1) * sizeof *first);
	for (size_t i = 0; i < ts->npos; i++) {
		uint32_t key = ts->tk[i];
		if (!key)
			continue;
		for (uint32_t k = head[key]; k != NONE; k = next[k]) {
			size_t n = lens[k];
			if (i + n > ts->npos || memcmp(&ts->tk[i], seqs[k], n * sizeof *seqs[k]) != 0)
				continue;
			if (!count[k]++)
				first[k] = (uint32_t)i;
			HT_GROW(ts->known_pos, ts->n_known_pos + 1, ts->cap_known_pos);
			ts->known_pos[ts->n_known_pos++] = (struct known_pos){(uint32_t)k, (uint32_t)i, NONE};
		}
	}
	uint32_t *cands = ht_xmalloc((nk + 1) * sizeof *cands);
	uint32_t *cand_of = ht_xmalloc((nk + 1) * sizeof *cand_of);
	*which = ht_xmalloc((nk + 1) * sizeof **which);
	size_t m = 0;
	for (size_t k = 0; k < nk; k++) {
		cand_of[k] = NONE;
		if (!count[k])
			continue;
		uint32_t c = ht_termset_cand_at(ts, first[k], lens[k]);
		if (c == NONE) /* rarer than the counted levels: a candidate of its own */
			c = ht_termset_new_cand(ts, NONE, NONE, first[k], count[k], (unsigned)lens[k]);
		cand_of[k] = cands[m] = c;
		(*which)[m++] = k;
	}
	cands[m] = NONE;
	for (size_t p = 0; p < ts->n_known_pos; p++)
		ts->known_pos[p].cand = cand_of[ts->known_pos[p].known];
	free(cand_of);
	for (size_t k = 0; k < nk; k++)
		free(seqs[k]);
	free(seqs);
	free(lens);
	free(head);
	free(next);
	free(count);
	free(first);
	return cands;
}
