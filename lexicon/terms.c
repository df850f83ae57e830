/* Monolingual term candidates: counting n-grams level by level and ranking
 * them for termhood.
 *
 * Texts become one stream of tokens (a Han character, or a word of the other
 * scripts) with separators where candidates must not cross: punctuation,
 * numbers and the dates and ordinals they make (2015年, 第七十六届), 的.
 * Every token maps to a key: case-folded unless the word is capitalised in
 * the running text (States, Member), light-stemmed in ru/ar and plural-merged
 * in en/fr/es.  Candidates are counted level by level: an n-gram is the pair
 * (its (n-1)-prefix, its (n-1)-suffix), counted only when both are frequent
 * (Apriori), so memory follows the frequent n-grams, not all of them.
 *
 * Ranking: an n-gram is a candidate when its edges are not function words
 * (with the Chinese edge words that keep 和平 and 平等 whole), when it is
 * closed (no single-token extension carries 75 % of its occurrences: drops
 * 联互通 and 可持续发), and when it is no short coordination (中亚和南亚) nor
 * opened by a clause verb (加强…, Reaffirms…) nor closed by a frame (…方面).
 * Its score is C-value over its immediate containing candidates times a
 * factor of its branching entropy on the weaker side. */
#include "lexicon/terms-internal.h"
#include "hutong/dict.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>
#include <utf8proc.h>

/* ---- adding text ---- */

ht_termset *ht_termset_new(const char *lang)
{
	ht_termset *ts = ht_xcalloc(1, sizeof *ts);
	ts->lang = ht_xstrdup(lang ? lang : "und");
	ts->tl = ht_tlang_of(lang);
	ts->general = ht_genfreq_get(ts->tl);
	ht_strmap_init(&ts->surfs);
	ht_strmap_init(&ts->names);
	ht_strmap_intern(&ts->surfs, "", 0, NULL);
	ht_strmap_init(&ts->keys);
	return ts;
}

void ht_termset_set_dict(ht_termset *ts, const ht_dict *dict) { ts->dict = dict; }

static void rank_release(ht_termset *ts);

void ht_termset_add_known(ht_termset *ts, const char *term, size_t id)
{
	if (!term || !*term)
		return;
	if (ts->keys.n)
		rank_release(ts);
	HT_GROW(ts->known, ts->n_known + 1, ts->cap_known);
	ts->known[ts->n_known++] = (struct known_term){ht_xstrdup(term), id};
}

size_t ht_termset_known(const ht_termset *ts, size_t i)
{
	return ts->rank_known && i < ts->n_ranked ? ts->rank_known[i] : SIZE_MAX;
}

static void rank_release(ht_termset *ts)
{
	ht_strmap_release(&ts->keys);
	free(ts->kids);
	free(ts->kids_start);
	ts->kids = ts->kids_start = NULL;
	free(ts->key_flags);
	free(ts->tk);
	free(ts->c);
	free(ts->unigram);
	free(ts->rk);
	free(ts->unit_store);
	ht_strmap_release(&ts->rank_keys);
	free(ts->key_rank);
	free(ts->rank_known);
	ts->rank_known = NULL;
	free(ts->known_pos);
	ts->known_pos = NULL;
	ts->n_known_pos = ts->cap_known_pos = 0;
	ts->key_rank = NULL;
	ht_arena_release(&ts->out);
	ts->key_flags = NULL;
	ts->tk = NULL;
	ts->c = NULL;
	ts->nc = ts->cap_c = 0;
	ts->unigram = NULL;
	ts->rk = NULL;
	ts->n_ranked = 0;
	ts->unit_store = NULL;
}

void ht_termset_free(ht_termset *ts)
{
	if (!ts)
		return;
	rank_release(ts);
	for (size_t k = 0; k < ts->n_known; k++)
		free(ts->known[k].text);
	free(ts->known);
	ht_strmap_release(&ts->surfs);
	ht_strmap_release(&ts->names);
	free(ts->pos_surf);
	free(ts->pos_flags);
	free(ts->units);
	free(ts->toks);
	if (ts->brk)
		ubrk_close(ts->brk);
	free(ts->u16);
	free(ts->at_break);
	free(ts->tok_break);
	free(ts->lang);
	free(ts);
}

static void push_pos(ht_termset *ts, uint32_t surf, uint8_t flags)
{
	if (surf == 0 && ts->npos && ts->pos_surf[ts->npos - 1] == 0)
		return; /* one separator is enough */
	size_t cap = ts->cap_pos;
	HT_GROW(ts->pos_surf, ts->npos + 1, ts->cap_pos);
	if (cap != ts->cap_pos)
		ts->pos_flags = ht_xrealloc(ts->pos_flags, ts->cap_pos);
	ts->pos_surf[ts->npos] = surf;
	ts->pos_flags[ts->npos] = flags;
	ts->npos++;
}

static void push_token(ht_termset *ts, const char *s, size_t len, uint8_t flags)
{
	push_pos(ts, ht_strmap_intern(&ts->surfs, s, len, NULL), flags);
}

static int space_before(const char *text, size_t start)
{
	if (!start)
		return 0;
	unsigned char c = (unsigned char)text[start - 1];
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
		return 1;
	return (start >= 2 && c == 0xA0 && (unsigned char)text[start - 2] == 0xC2) ||
	       (start >= 3 && c == 0x80 && (unsigned char)text[start - 2] == 0x80 &&
		(unsigned char)text[start - 3] == 0xE3);
}

static int32_t first_cp(const char *text, size_t len, const ht_token *t)
{
	size_t i = t->start;
	return ht_utf8_next(text, len, &i);
}

static int is_hyphen(int32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }

static int ends_sentence(int32_t cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F;
}

static int is_zh_numeral(int32_t cp)
{
	static const int32_t num[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03,
				      0x516B, 0x4E5D, 0x5341, 0x767E, 0x5343, 0x96F6, 0x3007,
				      0x4E24};
	return ht_cp_index(num, sizeof num / sizeof *num, cp) >= 0;
}

/* Words joined by hyphens without spaces are one token (COVID-19,
 * small-scale); returns the index of the last token of the compound and in
 * *word whether it has a letter (2014-2024 is a number). */
static size_t compound_end(const char *text, size_t len, const ht_token *t, size_t n, size_t k,
			   int *word)
{
	*word = t[k].type == HT_TOK_WORD;
	while (k + 2 < n && t[k + 1].type == HT_TOK_PUNCT &&
	       t[k + 1].start == t[k].start + t[k].len && t[k + 2].start == t[k + 1].start + t[k + 1].len &&
	       (t[k + 2].type == HT_TOK_WORD || t[k + 2].type == HT_TOK_NUMBER) &&
	       is_hyphen(first_cp(text, len, &t[k + 1]))) {
		k += 2;
		*word |= t[k].type == HT_TOK_WORD;
	}
	return k;
}

static void add_word(ht_termset *ts, const char *s, size_t len, uint8_t flags)
{
	size_t e = ht_tlang_elision(ts->tl, s, len);
	if (e) {
		push_token(ts, s, e, flags);
		push_token(ts, s + e, len - e, 0);
	} else
		push_token(ts, s, len, flags);
}

/* A year that names what follows (2030年可持续发展议程, 2030年仙台减少灾害
 *风险框架): a number, 年, and a Han character that is neither a function
 * character nor another date character (2015年9月 stays a date). */
static int year_opens_term(const char *text, size_t len, const ht_token *t, size_t n, size_t k)
{
	if (t[k].type != HT_TOK_NUMBER || k + 2 >= n || t[k + 1].type != HT_TOK_HAN ||
	    t[k + 2].type != HT_TOK_HAN || t[k + 1].start != t[k].start + t[k].len ||
	    t[k + 2].start != t[k + 1].start + t[k + 1].len || first_cp(text, len, &t[k + 1]) != 0x5E74)
		return 0;
	for (size_t i = t[k].start; i < t[k].start + t[k].len; i++)
		if (text[i] < '0' || text[i] > '9')
			return 0;
	int32_t next = first_cp(text, len, &t[k + 2]);
	char enc[4];
	size_t el = ht_utf8_encode(next, enc);
	return !ht_tlang_zh_date_char(next) && !ht_tlang_is_function(HT_TL_ZH, enc, el) && next != 0x7684;
}

/* Chinese: 的 separates (except in 目的); a number and the date or measure
 * character after it separate (2015年); so do ordinals (第七十六届). */
static int zh_separator(const char *text, size_t len, const ht_token *t, size_t k, int *ordinal)
{
	int32_t cp = first_cp(text, len, &t[k]);
	int32_t prev = k ? first_cp(text, len, &t[k - 1]) : 0;
	if (*ordinal) {
		if (is_zh_numeral(cp))
			return 1;
		*ordinal = 0;
		if (ht_tlang_zh_date_char(cp))
			return 1;
	}
	if (cp == 0x7684 /* 的 */)
		return prev != 0x76EE /* 目 */;
	if (cp == 0x7B2C /* 第 */ && k + 1 < SIZE_MAX) {
		*ordinal = 1;
		return 1;
	}
	if (k && t[k - 1].type == HT_TOK_NUMBER && ht_tlang_zh_date_char(cp))
		return 1;
	return 0;
}

/* Chinese, with a general word list: a token starts a word only when the
 * list's longest-match segmentation agrees with ICU's (秘书 does not start
 * or end a word in 秘书长, nor 会主席 in 理事会主席). */
static void mark_listed_words(ht_termset *ts, const char *text, size_t len, size_t n)
{
	for (size_t k = 0; k < n;) {
		if (ts->toks[k].type != HT_TOK_HAN) {
			k++;
			continue;
		}
		/* a run of Han tokens, segmented greedily */
		size_t end = k;
		while (end < n && ts->toks[end].type == HT_TOK_HAN &&
		       (end == k || ts->toks[end].start == ts->toks[end - 1].start + ts->toks[end - 1].len))
			end++;
		size_t run_end = ts->toks[end - 1].start + ts->toks[end - 1].len;
		while (k < end) {
			size_t at = ts->toks[k].start;
			size_t w = ht_genfreq_longest(ts->general, text + at, run_end - at);
			size_t next = k + 1;
			while (next < end && ts->toks[next].start < at + w)
				ts->tok_break[next++] = 0;
			k = next;
		}
	}
	(void)len;
}

/* Chinese: mark the tokens that start an ICU dictionary word (互|联|互通).
 * Candidates should start and end on such boundaries: 国政府 starts inside
 * 各国.  When ICU cannot help, every token counts as a word start. */
static void mark_word_starts(ht_termset *ts, const char *text, size_t len, size_t n)
{
	HT_GROW(ts->tok_break, n + 1, ts->cap_tok_break);
	memset(ts->tok_break, 1, n + 1);
	UErrorCode st = U_ZERO_ERROR;
	if (!ts->brk && !ts->brk_failed) {
		ts->brk = ubrk_open(UBRK_WORD, "zh", NULL, 0, &st);
		if (U_FAILURE(st)) {
			ts->brk = NULL;
			ts->brk_failed = 1;
		}
	}
	if (!ts->brk || len > INT32_MAX / 2)
		return;
	HT_GROW(ts->u16, len + 1, ts->cap_u16);
	int32_t ulen = 0;
	st = U_ZERO_ERROR;
	u_strFromUTF8(ts->u16, (int32_t)ts->cap_u16, &ulen, text, (int32_t)len, &st);
	if (U_FAILURE(st))
		return;
	ubrk_setText(ts->brk, ts->u16, ulen, &st);
	if (U_FAILURE(st))
		return;
	HT_GROW(ts->at_break, (size_t)ulen + 1, ts->cap_break);
	memset(ts->at_break, 0, (size_t)ulen + 1);
	for (int32_t b = ubrk_first(ts->brk); b != UBRK_DONE; b = ubrk_next(ts->brk))
		ts->at_break[b] = 1;
	size_t byte = 0, unit = 0;
	for (size_t k = 0; k < n; k++) {
		while (byte < ts->toks[k].start) {
			int32_t cp = ht_utf8_next(text, len, &byte);
			unit += cp > 0xFFFF ? 2 : 1;
		}
		ts->tok_break[k] = unit <= (size_t)ulen ? ts->at_break[unit] : 1;
	}
	if (ts->general)
		mark_listed_words(ts, text, len, n);
}

size_t ht_termset_add_text(ht_termset *ts, const char *text, size_t len, const char *doc,
			   const char *unit)
{
	if (ts->keys.n)
		rank_release(ts); /* new text: rank again */
	HT_GROW(ts->units, ts->n_units + 1, ts->cap_units);
	struct tunit *u = &ts->units[ts->n_units];
	u->doc = doc ? ht_strmap_str(&ts->names, ht_strmap_intern(&ts->names, doc, strlen(doc), NULL)) : NULL;
	u->unit = unit ? ht_strmap_str(&ts->names, ht_strmap_intern(&ts->names, unit, strlen(unit), NULL)) : NULL;
	push_pos(ts, 0, 0);
	u->first_pos = (uint32_t)ts->npos;

	size_t n = 0;
	ht_tokenize(text, len, &ts->toks, &n, &ts->cap_toks);
	const ht_token *t = ts->toks;
	int initial = 1, ordinal = 0, zh = ts->tl == HT_TL_ZH;
	if (zh)
		mark_word_starts(ts, text, len, n);
	for (size_t k = 0; k < n; k++) {
		uint8_t flags = (space_before(text, t[k].start) ? POS_SPACE : 0) | (initial ? POS_INITIAL : 0);
		if (!zh || ts->tok_break[k])
			flags |= POS_WORD_START;
		if (t[k].type == HT_TOK_PUNCT) {
			if (ends_sentence(first_cp(text, len, &t[k])))
				initial = 1;
			ordinal = 0;
			push_pos(ts, 0, 0);
		} else if (t[k].type == HT_TOK_HAN) {
			if (zh && zh_separator(text, len, t, k, &ordinal))
				push_pos(ts, 0, 0);
			else
				push_token(ts, text + t[k].start, t[k].len, flags);
			initial = 0;
		} else {
			int word;
			size_t last = compound_end(text, len, t, n, k, &word);
			size_t end = t[last].start + t[last].len;
			if (zh && last == k && year_opens_term(text, len, t, n, k)) {
				/* 2030年 + a term: one token that may open it */
				push_token(ts, text + t[k].start, t[k + 1].start + t[k + 1].len - t[k].start, flags);
				k++;
				initial = 0;
				continue;
			}
			if (word)
				add_word(ts, text + t[k].start, end - t[k].start, flags);
			else
				push_pos(ts, 0, 0);
			k = last;
			initial = 0;
			ordinal = 0;
		}
	}
	push_pos(ts, 0, 0);
	return ts->n_units++;
}

/* ---- keys ---- */

static int is_capitalised(const char *s, size_t len)
{
	size_t i = 0;
	int32_t cp = ht_utf8_next(s, len, &i);
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

/* Map every surface to its key (and, in the second half of the array, a
 * capitalised stop word to its key as a word of a name, else 0).  A capitalised surface keeps its case when
 * the word is mostly capitalised where capitals are not positional (not at a
 * sentence start): "States" stays, "Climate" at a sentence start folds. */
static uint32_t *build_keys(ht_termset *ts)
{
	size_t ns = ts->surfs.n;
	uint32_t *lower_of = ht_xmalloc(ns * sizeof *lower_of);
	ht_strmap lowers;
	ht_strmap_init(&lowers);
	ht_buf b = HT_BUF_INIT;
	for (size_t s = 1; s < ns; s++) {
		ht_buf_reset(&b);
		ht_key_fold(ht_strmap_str(&ts->surfs, (uint32_t)s), ht_strmap_len(&ts->surfs, (uint32_t)s), &b);
		lower_of[s] = ht_strmap_intern(&lowers, b.s, b.len, NULL);
	}
	uint32_t *cap_mid = ht_xcalloc(lowers.n + 1, sizeof *cap_mid);
	uint32_t *low_mid = ht_xcalloc(lowers.n + 1, sizeof *low_mid);
	uint8_t *capd = ht_xcalloc(ns, 1);
	int cased = ht_tlang_cased(ts->tl);
	for (size_t s = 1; cased && s < ns; s++)
		capd[s] = (uint8_t)is_capitalised(ht_strmap_str(&ts->surfs, (uint32_t)s),
						  ht_strmap_len(&ts->surfs, (uint32_t)s));
	for (size_t i = 0; cased && i < ts->npos; i++) {
		uint32_t s = ts->pos_surf[i];
		if (!s || (ts->pos_flags[i] & POS_INITIAL))
			continue;
		if (capd[s])
			cap_mid[lower_of[s]]++;
		else
			low_mid[lower_of[s]]++;
	}

	uint32_t *key_of = ht_xcalloc(2 * ns, sizeof *key_of);
	uint32_t *name_of = key_of + ns;
	key_of[0] = ht_strmap_intern(&ts->keys, "", 0, NULL);
	size_t cap_flags = 0;
	HT_GROW(ts->key_flags, 1, cap_flags);
	ts->key_flags[0] = 0;
	for (size_t s = 1; s < ns; s++) {
		uint32_t l = lower_of[s];
		const char *low = ht_strmap_str(&lowers, l);
		size_t low_len = ht_strmap_len(&lowers, l);
		uint8_t flags = (ht_tlang_is_function(ts->tl, low, low_len) ? KEY_FUNC : 0) |
				(ht_tlang_is_clause_verb(ts->tl, low, low_len) ? KEY_VERB : 0) |
				(ht_tlang_is_conjunction(ts->tl, low, low_len) ? KEY_CONJ : 0) |
				(ht_tlang_not_alone(ts->tl, low, low_len) ? KEY_NOT_ALONE : 0) |
				(ht_tlang_is_article(ts->tl, low, low_len) ? KEY_ARTICLE : 0) |
				(ts->tl == HT_TL_ZH && low_len && low[0] >= '0' && low[0] <= '9' ? KEY_YEAR : 0);
		if (ht_tlang_is_stop(ts->tl, low, low_len)) {
			key_of[s] = 0;
			/* inside a name a capitalised stop word is a word: Estados No Alineados */
			if (capd[s] && !ht_tlang_is_month(ts->tl, low, low_len)) {
				int added;
				name_of[s] = ht_strmap_intern(&ts->keys, ht_strmap_str(&ts->surfs, (uint32_t)s),
							      ht_strmap_len(&ts->surfs, (uint32_t)s), &added);
				HT_GROW(ts->key_flags, ts->keys.n, cap_flags);
				if (added)
					ts->key_flags[name_of[s]] = 0;
			}
			continue;
		}
		ht_buf_reset(&b);
		if (capd[s] && cap_mid[l] > low_mid[l])
			ht_buf_add(&b, ht_strmap_str(&ts->surfs, (uint32_t)s), ht_strmap_len(&ts->surfs, (uint32_t)s));
		else
			ht_buf_add(&b, low, low_len);
		if (!(flags & KEY_FUNC))
			ht_tlang_stem(ts->tl, &b);
		int added;
		uint32_t k = ht_strmap_intern(&ts->keys, b.s, b.len, &added);
		HT_GROW(ts->key_flags, ts->keys.n, cap_flags);
		if (added)
			ts->key_flags[k] = 0;
		ts->key_flags[k] |= flags;
		key_of[s] = k;
	}
	ht_buf_release(&b);
	free(cap_mid);
	free(low_mid);
	free(capd);
	free(lower_of);
	ht_strmap_release(&lowers);
	return key_of;
}

/* ---- counting ---- */

uint32_t ht_termset_new_cand(ht_termset *ts, uint32_t prefix, uint32_t suffix, uint32_t first,
			 uint32_t freq, unsigned n)
{
	HT_GROW(ts->c, ts->nc + 1, ts->cap_c);
	struct tcand *c = &ts->c[ts->nc];
	memset(c, 0, sizeof *c);
	c->prefix = prefix;
	c->suffix = suffix;
	c->first_pos = first;
	c->freq = freq;
	c->n = (uint8_t)n;
	return (uint32_t)ts->nc++;
}

static void add_extension(struct tcand *c, uint32_t f, int right)
{
	float fl = (float)(f * log((double)f));
	if (right) {
		if (f > c->max_right)
			c->max_right = f;
		c->flog_right += fl;
	} else {
		if (f > c->max_left)
			c->max_left = f;
		c->flog_left += fl;
		c->sum_left += f;
	}
}

static int zh_pair_is_word(const ht_termset *ts, size_t pos);

/* Does the extension made of the tokens at pos and pos + 1 count for
 * closedness and branching?  Not when the new token is a function word (most
 * terms are followed by 和 somewhere), unless the two make a word (共和). */
static int extension_counts(const ht_termset *ts, size_t pos)
{
	int added_is_func = (ts->key_flags[ts->tk[pos]] | ts->key_flags[ts->tk[pos + 1]]) & KEY_FUNC;
	return !added_is_func || (ts->tl == HT_TL_ZH && zh_pair_is_word(ts, pos));
}

/* Unigrams: every key seen min_freq times. ids[i] is the candidate at i. */
static void count_unigrams(ht_termset *ts, size_t min_freq, uint32_t *ids)
{
	size_t nk = ts->keys.n;
	uint32_t *freq = ht_xcalloc(nk, sizeof *freq);
	uint32_t *first = ht_xmalloc(nk * sizeof *first);
	for (size_t i = ts->npos; i-- > 0;) {
		freq[ts->tk[i]]++;
		first[ts->tk[i]] = (uint32_t)i;
	}
	ts->unigram = ht_xmalloc(nk * sizeof *ts->unigram);
	ts->unigram[0] = NONE;
	for (size_t k = 1; k < nk; k++)
		ts->unigram[k] = freq[k] >= min_freq ? ht_termset_new_cand(ts, NONE, NONE, first[k], freq[k], 1) : NONE;
	for (size_t i = 0; i < ts->npos; i++)
		ids[i] = ts->unigram[ts->tk[i]];
	free(freq);
	free(first);
}

/* Does the n-gram at i start and end on word boundaries? */
static int word_bounded(const ht_termset *ts, size_t i, unsigned n)
{
	size_t end = i + n;
	return (ts->pos_flags[i] & POS_WORD_START) &&
	       (end >= ts->npos || ts->pos_surf[end] == 0 || (ts->pos_flags[end] & POS_WORD_START));
}

/* Level n from level n-1: prev[i] is the (n-1)-gram candidate at i.
 * Returns the number of new candidates; fills next[i]. */
static size_t count_level(ht_termset *ts, ht_pairmap *level, unsigned n, unsigned max_n,
			  size_t min_freq, const uint32_t *prev, uint32_t *next)
{
	ht_pairmap_clear(level);
	size_t npos = ts->npos;
	for (size_t i = 0; i + n <= npos; i++) {
		if (prev[i] == NONE || prev[i + 1] == NONE)
			continue;
		ht_pairmap_slot *s = ht_pairmap_get(level, prev[i], prev[i + 1]);
		if (!s->count)
			s->value = (uint32_t)i;
		s->count++;
		s->extra += word_bounded(ts, i, n);
	}
	size_t added = 0;
	for (size_t k = 0; k < level->cap; k++) {
		ht_pairmap_slot *s = &level->slots[k];
		if (!s->key)
			continue;
		if (s->count < min_freq) {
			s->value = NONE;
			continue;
		}
		uint32_t a = (uint32_t)((s->key - 1) >> 32), b = (uint32_t)(s->key - 1);
		uint32_t first = s->value;
		uint8_t added_right = ts->key_flags[ts->tk[first + n - 1]];
		if (extension_counts(ts, first + n - 2))
			add_extension(&ts->c[a], s->count, 1);
		else if (!(added_right & KEY_CONJ) && s->count > ts->c[a].func_right)
			ts->c[a].func_right = s->count;
		uint8_t added_left = ts->key_flags[ts->tk[first]];
		if (extension_counts(ts, first))
			add_extension(&ts->c[b], s->count, 0);
		else if (ts->tl != HT_TL_ZH && !(added_left & (KEY_CONJ | KEY_ARTICLE)) &&
			 s->count > ts->c[b].func_left)
			ts->c[b].func_left = s->count;

		if (n > max_n) {
			s->value = NONE;
			continue;
		}
		s->value = ht_termset_new_cand(ts, a, b, first, s->count, n);
		ts->c[s->value].bounded = s->extra;
		added++;
	}
	for (size_t i = 0; i < npos; i++) {
		next[i] = NONE;
		if (i + n > npos || prev[i] == NONE || prev[i + 1] == NONE)
			continue;
		next[i] = ht_pairmap_find(level, prev[i], prev[i + 1])->value;
	}
	return added;
}

/* ---- finding a candidate by its prefix and suffix ---- */

static int by_u64(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
	return a < b ? -1 : a > b;
}

/* Group the candidates by prefix (a counting sort), each group by suffix. */
static void index_extensions(ht_termset *ts)
{
	size_t nc = ts->nc;
	ts->kids_start = ht_xcalloc(nc + 2, sizeof *ts->kids_start);
	ts->kids = ht_xmalloc((nc + 1) * sizeof *ts->kids);
	for (size_t i = 0; i < nc; i++)
		if (ts->c[i].prefix != NONE)
			ts->kids_start[ts->c[i].prefix + 1]++;
	for (size_t a = 0; a < nc; a++)
		ts->kids_start[a + 1] += ts->kids_start[a];
	uint32_t *fill = ht_xmalloc((nc + 1) * sizeof *fill);
	memcpy(fill, ts->kids_start, nc * sizeof *fill);
	for (size_t i = 0; i < nc; i++)
		if (ts->c[i].prefix != NONE)
			ts->kids[fill[ts->c[i].prefix]++] = (uint32_t)i;
	free(fill);
	uint64_t *group = NULL;
	size_t cap = 0;
	for (size_t a = 0; a < nc; a++) {
		uint32_t *k = ts->kids + ts->kids_start[a];
		size_t n = ts->kids_start[a + 1] - ts->kids_start[a];
		if (n < 2)
			continue;
		HT_GROW(group, n, cap);
		for (size_t j = 0; j < n; j++)
			group[j] = (uint64_t)ts->c[k[j]].suffix << 32 | k[j];
		qsort(group, n, sizeof *group, by_u64);
		for (size_t j = 0; j < n; j++)
			k[j] = (uint32_t)group[j];
	}
	free(group);
}

static uint32_t find_extension(const ht_termset *ts, uint32_t prefix, uint32_t suffix)
{
	size_t lo = ts->kids_start[prefix], hi = ts->kids_start[prefix + 1];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t s = ts->c[ts->kids[mid]].suffix;
		if (s == suffix)
			return ts->kids[mid];
		if (s < suffix)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NONE;
}

/* ---- termhood ---- */

static const char *key_str(const ht_termset *ts, uint32_t pos, size_t *len)
{
	uint32_t k = ts->tk[pos];
	*len = ht_strmap_len(&ts->keys, k);
	return ht_strmap_str(&ts->keys, k);
}

static int is_ascii_word(const char *s) { return (unsigned char)s[0] < 0x80; }

/* The keys of candidate c joined (Chinese without spaces). */
static void cand_key(const ht_termset *ts, const struct tcand *c, ht_buf *out)
{
	ht_buf_reset(out);
	const char *prev = NULL;
	for (unsigned j = 0; j < c->n; j++) {
		size_t len;
		const char *s = key_str(ts, c->first_pos + j, &len);
		/* Chinese keys join Han characters; words of other scripts keep a space */
		if (j && (ts->tl != HT_TL_ZH || (is_ascii_word(prev) && is_ascii_word(s))))
			ht_buf_addc(out, ' ');
		prev = s;
		ht_buf_add(out, s, len);
	}
}

/* True when the two tokens at pos and pos + 1 make one of the Chinese edge words. */
static int zh_pair_is_word(const ht_termset *ts, size_t pos)
{
	char two[16];
	size_t l1, l2;
	const char *a = key_str(ts, (uint32_t)pos, &l1);
	const char *b = key_str(ts, (uint32_t)pos + 1, &l2);
	if (l1 + l2 > sizeof two)
		return 0;
	memcpy(two, a, l1);
	memcpy(two + l1, b, l2);
	const char *const *targets;
	return ht_tlang_zh_edge_word(two, l1 + l2) ||
	       (ts->dict && ht_dict_lookup(ts->dict, two, l1 + l2, &targets) > 0);
}

/* A conjunction with at most `side` tokens on each side: 中亚和南亚,
 * "peace and security"; in Chinese not when it belongs to a word (和平, 共和).
 * With side 0: any inner conjunction. */
static int is_coordination(const ht_termset *ts, const struct tcand *c, unsigned side)
{
	if (!side)
		side = c->n;
	for (unsigned j = 1; j + 1 < c->n; j++) {
		size_t pos = c->first_pos + j;
		if (!(ts->key_flags[ts->tk[pos]] & KEY_CONJ))
			continue;
		if (ts->tl == HT_TL_ZH && (zh_pair_is_word(ts, pos) || zh_pair_is_word(ts, pos - 1)))
			continue;
		if (j <= side && c->n - 1 - j <= side)
			return 1;
	}
	return 0;
}

static int edges_ok(const ht_termset *ts, struct tcand *c, ht_buf *scratch)
{
	uint8_t first = ts->key_flags[ts->tk[c->first_pos]];
	uint8_t last = ts->key_flags[ts->tk[c->first_pos + c->n - 1]];
	if (ts->tl == HT_TL_ZH) {
		if (c->n < 2 || 2 * (uint64_t)c->bounded < c->freq)
			return 0;
		/* a year opens a term of at least two more characters, nothing else */
		for (unsigned j = 1; j < c->n; j++)
			if (ts->key_flags[ts->tk[c->first_pos + j]] & KEY_YEAR)
				return 0;
		if ((first & KEY_YEAR) && c->n < 3)
			return 0;
		if ((first & KEY_FUNC && !zh_pair_is_word(ts, c->first_pos)) ||
		    (last & KEY_FUNC && !zh_pair_is_word(ts, c->first_pos + c->n - 2)))
			return 0;
		cand_key(ts, c, scratch);
		int bad = ht_tlang_zh_bad_edge(scratch->s, scratch->len);
		c->governed = bad == 2;
		return bad != 1;
	}
	if ((first | last) & KEY_FUNC || first & KEY_VERB)
		return 0;
	if (c->n == 1) {
		if (first & KEY_NOT_ALONE)
			return 0;
		size_t len;
		const char *s = key_str(ts, c->first_pos, &len);
		size_t chars = 0;
		for (size_t i = 0; i < len; i++)
			chars += ((unsigned char)s[i] & 0xC0) != 0x80;
		return chars >= 3;
	}
	return 1;
}

/* The closedness filter: no single-token extension carries 75 % of the
 * occurrences.  An extension by a function word (内陆发展中国家和, "Republic
 * of") is mostly a boundary; on the right it counts when it carries 90 % of
 * four or more occurrences ("Democratic People's Republic" + "of Korea"),
 * never for conjunctions (中亚 in 中亚和南亚 is a term of its own); on the
 * left the same outside Chinese (No + "Alineados Partes"), except for
 * articles ("los países menos adelantados", "des Nations Unies"). */
static int is_closed(const struct tcand *c)
{
	uint64_t f = c->freq;
	if (4 * (uint64_t)c->max_left >= 3 * f || 4 * (uint64_t)c->max_right >= 3 * f)
		return 0;
	return f < 4 || (10 * (uint64_t)c->func_right < 9 * f && 10 * (uint64_t)c->func_left < 9 * f);
}

static double entropy(uint32_t f, double flog) { return f ? log((double)f) - flog / f : 0; }

/* C-value's length factor, log2(1 + words), where two Han characters count
 * as a word; a single word (two Han characters) weighs a fifth: Chinese words
 * and general single words are seldom terms. */
static double length_weight(const ht_termset *ts, unsigned n)
{
	int zh = ts->tl == HT_TL_ZH;
	double words = zh ? n / 2.0 : n;
	if (zh)
		return log2(1 + words) * (n <= 2 ? 0.2 : 1);
	return log2(1 + words) * (n == 1 ? 0.2 : 1);
}

/* Branching diversity in [0, 1]: the weaker side's entropy over its largest
 * possible value log f (every occurrence with its own neighbour). */
static double diversity(const struct tcand *c)
{
	if (c->freq < 2)
		return 0;
	double h = fmin(entropy(c->freq, c->flog_left), entropy(c->freq, c->flog_right));
	return fmax(0, h / log((double)c->freq));
}

/* C-value's nesting (Frantzi et al. 2000): every distinct substring a of
 * the valid candidate b gets t(a) += f(b) - t(b) and c(a) += 1.  The
 * substrings of length k-1 are the prefixes of those of length k plus the
 * suffix of the last one; all are candidates, as every part of a frequent
 * n-gram is frequent. */
static void nest_in_substrings(ht_termset *ts, uint32_t id, uint32_t *stamp)
{
	const struct tcand *b = &ts->c[id];
	float share = b->freq - b->nest_sum;
	if (share <= 0)
		return;
	uint32_t row[MAX_HAN + 2], next[MAX_HAN + 2];
	size_t len = 1;
	row[0] = id;
	for (unsigned k = b->n; k > 1; k--) {
		for (size_t o = 0; o < len; o++)
			next[o] = ts->c[row[o]].prefix;
		next[len] = ts->c[row[len - 1]].suffix;
		len++;
		for (size_t o = 0; o < len; o++) {
			row[o] = next[o];
			if (stamp[row[o]] == id + 1)
				continue; /* 互 twice in 互联互通 counts once */
			stamp[row[o]] = id + 1;
			ts->c[row[o]].nest_sum += share;
			ts->c[row[o]].nest_count++;
		}
	}
}

/* ---- contrast with general language ----
 *
 * A term is a unit of the domain, not of the language: its frequency in the
 * text stands out against its frequency in general language.  With a
 * general word list (jieba's for Chinese, SUBTLEX for English):
 *  - a Chinese candidate is segmented into listed words (longest match);
 *    one that opens with a verb governing a term used on its own (加强区域,
 *    实现可持续发展: the term is the rest; 对抗措施, where the verb only
 *    modifies, stays), opens with a preposition or conjunction, or closes
 *    with a function word (adverb, localiser, classifier: 可持续 ends in
 *    持续, an adverbial verb) or a one-character adjective without its head (建立新; 性别平等 ends in
 *    a nominal adjective and stays), is
 *    a phrase of the text, not a term; a year may open a term
 *    (2030年可持续发展议程) and is judged with what follows; so is one
 *    that coordinates a term used on its own with another (中亚和南亚国家 is
 *    中亚 and 南亚国家) unless the dictionary lists it whole; one listed verb
 *    or adjective alone (应对, 可行) is no term either;
 *  - a candidate that is one general word (listed, not a name, a general
 *    probability p_gen of at least GENERAL_P) ranks only when the domain
 *    uses it far more than general language does: its weirdness
 *    p_text / p_gen must reach DOMAIN_WEIRDNESS, else its score is cut to
 *    GENERAL_WEIGHT of itself (发展, 合作, 国家, "development").
 * A listed word (not a name) whose occurrences are mostly (HEAD_SHARE)
 * inside longer candidates, mostly at their end, is the head of those terms
 * (理事会 in 安全理事会, 人权理事会), and is cut the same way; one that
 * modifies them (核武器 in 核武器国家) stays.
 * Rare words and words the list lacks (互联互通, 基础设施, 缔约国) are not
 * touched: rarity in general language is what makes them terms. */
#define GENERAL_P 5e-5
#define DOMAIN_WEIRDNESS 200.0
#define GENERAL_WEIGHT 0.05
#define HEAD_SHARE 0.75

/* The listed words of Chinese key s (longest match; an unlisted character
 * is a word of its own, HT_GF_UNKNOWN): how many, and the classes of the
 * first and the last. */
static size_t zh_segments(const ht_genfreq *g, const char *s, size_t len, unsigned *first,
			  unsigned *last, double *p_whole, size_t *first_chars, size_t *last_chars)
{
	size_t n = 0, first_len = 0, last_len = 0;
	*p_whole = 0;
	for (size_t i = 0; i < len;) {
		size_t w = ht_genfreq_longest(g, s + i, len - i);
		unsigned pos = HT_GF_UNKNOWN;
		if (w) {
			double p = ht_genfreq_prob(g, s + i, w, &pos);
			if (i == 0 && w == len)
				*p_whole = p;
		} else {
			size_t k = i;
			ht_utf8_next(s, len, &k);
			w = k - i;
		}
		if (n == 0) {
			*first = pos;
			first_len = w;
		}
		*last = pos;
		last_len = w;
		n++;
		i += w;
	}
	*last_chars = last_len <= 3 ? 1 : last_len / 3;
	*first_chars = 0;
	for (size_t i = 0; i < first_len; i++)
		*first_chars += ((unsigned char)s[i] & 0xC0) != 0x80;
	/* 可 before a verb is the derivational prefix "-able" (可持续, 可再生) */
	if (n > 1 && first_len == 3 && memcmp(s, "可", 3) == 0)
		*first &= ~(unsigned)HT_GF_VERB;
	return n;
}

/* A coordination whose left part is a place name used on its own (at
 * least three times as often as the coordination) joins two names
 * (中亚和南亚国家); others are one concept (人权和基本自由, 信息和通信技术,
 * 经济及社会理事会). */
static int joins_terms(const ht_termset *ts, const struct tcand *c, ht_buf *scratch)
{
	for (unsigned j = 1; j + 1 < c->n; j++) {
		size_t pos = c->first_pos + j;
		if (!(ts->key_flags[ts->tk[pos]] & KEY_CONJ) || zh_pair_is_word(ts, pos) ||
		    zh_pair_is_word(ts, pos - 1))
			continue;
		uint32_t left = ht_termset_cand_at(ts, c->first_pos, j);
		if (left == NONE || ts->c[left].freq < 3 * c->freq)
			continue;
		cand_key(ts, &ts->c[left], scratch);
		unsigned cls = 0;
		ht_genfreq_prob(ts->general, scratch->s, scratch->len, &cls);
		if (cls & HT_GF_NAME)
			return 1;
	}
	return 0;
}

/* Chinese phrase rules (above); 1 when c stays a candidate. */
static int zh_phrase_ok(const ht_termset *ts, const struct tcand *c, ht_buf *scratch)
{
	unsigned first = 0, last = 0;
	double p;
	size_t verb_chars;
	cand_key(ts, c, scratch);
	/* the term after a year is judged as a term (2030年 + 可持续发展议程) */
	size_t skip = 0, year = (ts->key_flags[ts->tk[c->first_pos]] & KEY_YEAR) != 0;
	if (year)
		skip = strlen(ht_strmap_str(&ts->keys, ts->tk[c->first_pos]));
	size_t last_chars;
	size_t nseg = zh_segments(ts->general, scratch->s + skip, scratch->len - skip, &first, &last, &p,
				  &verb_chars, &last_chars);
	verb_chars += year;
	if (nseg < 2) /* one word: not a verb or an adjective alone */
		return !(first & (HT_GF_VERB | HT_GF_ADJ | HT_GF_FUNC));
	if ((first & HT_GF_LEAD) || (last & HT_GF_FUNC) || (last == HT_GF_ADJ && last_chars == 1))
		return 0;
	if (first & HT_GF_VERB) {
		/* a verb governing a term used on its own (加强 + 区域, 实现 +
		 * 可持续发展) opens a phrase; one that only modifies its noun
		 * (对抗措施) makes a term */
		uint32_t rest = ht_termset_cand_at(ts, c->first_pos + verb_chars, c->n - verb_chars);
		if (rest != NONE && ts->c[rest].freq >= 2 * c->freq)
			return 0;
	}
	const char *const *targets;
	cand_key(ts, c, scratch);
	return !joins_terms(ts, c, scratch) ||
	       (ts->dict && ht_dict_lookup(ts->dict, scratch->s, scratch->len, &targets) > 0);
}

/* The general-word cut of c's score (1 when it is no general word). */
static double general_weight(const ht_termset *ts, const struct tcand *c, ht_buf *scratch)
{
	double p = 0;
	unsigned pos = 0;
	cand_key(ts, c, scratch);
	if (ts->tl == HT_TL_ZH) {
		unsigned first, last;
		size_t fc, lc;
		if (zh_segments(ts->general, scratch->s, scratch->len, &first, &last, &p, &fc, &lc) != 1)
			return 1;
		pos = first;
	} else {
		if (c->n != 1 || utf8proc_category(ht_utf8_next(scratch->s, scratch->len, &(size_t){0})) ==
					 UTF8PROC_CATEGORY_LU)
			return 1; /* phrases, and capitalised words (names, "States") */
		p = ht_genfreq_prob(ts->general, scratch->s, scratch->len, &pos);
	}
	if (pos & HT_GF_NAME)
		return 1;
	/* a listed word used mostly inside longer terms is their head (理事会 in
	 * 安全理事会, 人权理事会): alone it is the general word, not a term */
	if (ts->tl == HT_TL_ZH && pos != HT_GF_UNKNOWN && c->nest_sum >= HEAD_SHARE * c->freq &&
	    c->sum_left >= HEAD_SHARE * c->freq)
		return GENERAL_WEIGHT;
	if (p < GENERAL_P)
		return 1;
	double words = ts->tl == HT_TL_ZH ? ts->npos / 1.5 : (double)ts->npos;
	double weirdness = (c->freq / (words > 1 ? words : 1)) / p;
	return weirdness >= DOMAIN_WEIRDNESS ? 1 : GENERAL_WEIGHT;
}

static void score_candidates(ht_termset *ts)
{
	ht_buf scratch = HT_BUF_INIT;
	unsigned side = ts->tl == HT_TL_ZH ? 3 : 1;
	int zh_phrases = ts->tl == HT_TL_ZH && ts->general;
	for (size_t i = 0; i < ts->nc; i++) {
		struct tcand *c = &ts->c[i];
		c->valid = is_closed(c) && edges_ok(ts, c, &scratch) && !is_coordination(ts, c, side) &&
			   (!zh_phrases || zh_phrase_ok(ts, c, &scratch));
	}
	/* Candidates were made level by level: walking back visits longer ones first. */
	uint32_t *stamp = ht_xcalloc(ts->nc + 1, sizeof *stamp);
	for (size_t i = ts->nc; i-- > 0;)
		if (ts->c[i].valid && !ts->c[i].governed && ts->c[i].n >= 2)
			nest_in_substrings(ts, (uint32_t)i, stamp);
	free(stamp);
	for (size_t i = 0; i < ts->nc; i++) {
		struct tcand *c = &ts->c[i];
		if (!c->valid)
			continue;
		double nested = c->nest_count ? c->nest_sum / c->nest_count : 0;
		c->score = (c->freq - nested) * length_weight(ts, c->n) * (1 + diversity(c));
		if (is_coordination(ts, c, 0))
			c->score *= 0.75; /* coordinations are seldom one concept */
		if (c->governed)
			c->score *= 0.25;
		if (ts->general)
			c->score *= general_weight(ts, c, &scratch);
		if (c->score <= 0)
			c->valid = 0;
	}
#ifdef HT_TERMS_DEBUG
	if (getenv("HT_TERMS_DEBUG")) {
		for (size_t i = 0; i < ts->nc; i++) {
			struct tcand *c = &ts->c[i];
			cand_key(ts, c, &scratch);
			int closed = is_closed(c);
			fprintf(stderr, "DBG\t%s\tb=%u\tf=%u\tn=%u\tml=%u\tmr=%u\thl=%.2f\thr=%.2f\tnest=%.1f/%u\tclosed=%d\tvalid=%d\tscore=%.2f\n",
				scratch.s, c->bounded, c->freq, c->n, c->max_left, c->max_right, entropy(c->freq, c->flog_left),
				entropy(c->freq, c->flog_right), (double)c->nest_sum, c->nest_count, closed, c->valid, c->score);
		}
	}
#endif
	ht_buf_release(&scratch);
}

/* Known terms that occur are valid candidates (once is enough), ranked at
 * least as a plain C-value would rank them.  Returns candidate -> known
 * index (NONE for others). */
static uint32_t *mark_known(ht_termset *ts, const uint32_t *key_of)
{
	size_t *which;
	uint32_t *cands = ht_termset_match_known(ts, key_of, &which);
	uint32_t *known_of = ht_xmalloc((ts->nc + 1) * sizeof *known_of);
	for (size_t i = 0; i < ts->nc; i++)
		known_of[i] = NONE;
	for (size_t j = 0; cands[j] != NONE; j++) {
		struct tcand *c = &ts->c[cands[j]];
		double plain = c->freq * length_weight(ts, c->n);
		if (!c->valid || c->score < plain)
			c->score = plain;
		c->valid = 1;
		c->known = c->prefix == NONE && (c->n > 1 || ts->unigram[ts->tk[c->first_pos]] != cands[j]) ? 2 : 1;
		if (known_of[cands[j]] == NONE)
			known_of[cands[j]] = (uint32_t)which[j];
	}
	free(cands);
	free(which);
	return known_of;
}

struct rank_key {
	double score;
	uint32_t freq, id;
	unsigned n;
};

static int by_score(const void *pa, const void *pb)
{
	const struct rank_key *a = pa, *b = pb;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->freq != b->freq)
		return a->freq > b->freq ? -1 : 1;
	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* ---- occurrences of the ranked candidates: units and surface forms ---- */

struct occ_pass {
	uint32_t *rank_of;   /* candidate -> rank, NONE when not ranked */
	uint32_t *pos_unit;  /* position -> unit */
	uint32_t *last_unit; /* per rank, the last unit recorded */
	uint32_t *log;       /* (rank, unit) pairs */
	size_t n_log, cap_log;
	ht_strmap forms;     /* (rank, surfaces...) signatures */
	uint32_t *form_count;
	size_t cap_form;
	uint32_t *best_form, *best_count;
	uint32_t *last_form, *last_pos; /* per rank, the form last seen and where */
	ht_buf sig;
};

/* Arabic forms opened by a clitic conjunction or preposition (والدول,
 * بالتنمية) count half when choosing the form shown. */
static int clitic_led(const ht_termset *ts, size_t i)
{
	if (ts->tl != HT_TL_AR)
		return 0;
	const char *s = ht_strmap_str(&ts->surfs, ts->pos_surf[i]);
	size_t len = ht_strmap_len(&ts->surfs, ts->pos_surf[i]);
	static const char *const lead[] = {"وال", "بال", "فال", "كال", "لل", NULL};
	for (const char *const *l = lead; *l; l++)
		if (len > strlen(*l) && memcmp(s, *l, strlen(*l)) == 0)
			return 1;
	return 0;
}

static int same_surfaces(const ht_termset *ts, size_t a, size_t b, unsigned n);
static uint32_t form_of(ht_termset *ts, struct occ_pass *p, uint32_t r, size_t i, unsigned n);

static void record(ht_termset *ts, struct occ_pass *p, uint32_t r, size_t i, unsigned n)
{
	uint32_t u = p->pos_unit[i];
	if (p->last_unit[r] != u) {
		p->last_unit[r] = u;
		HT_GROW(p->log, p->n_log + 2, p->cap_log);
		p->log[p->n_log++] = r;
		p->log[p->n_log++] = u;
	}
	uint32_t f = p->last_form[r];
	if (f == NONE || !same_surfaces(ts, p->last_pos[r], i, n)) {
		f = form_of(ts, p, r, i, n);
		p->last_form[r] = f;
		p->last_pos[r] = (uint32_t)i;
	}
	p->form_count[f] += clitic_led(ts, i) ? 1 : 2;
	if (p->form_count[f] > p->best_count[r]) {
		p->best_count[r] = p->form_count[f];
		p->best_form[r] = f;
	}
}

/* Do the occurrences at a and b look the same (surfaces and inner spaces)? */
static int same_surfaces(const ht_termset *ts, size_t a, size_t b, unsigned n)
{
	for (unsigned j = 0; j < n; j++)
		if (ts->pos_surf[a + j] != ts->pos_surf[b + j] ||
		    (j && (ts->pos_flags[a + j] & POS_SPACE) != (ts->pos_flags[b + j] & POS_SPACE)))
			return 0;
	return 1;
}

/* The id of the surface form of rank r's occurrence at i. */
static uint32_t form_of(ht_termset *ts, struct occ_pass *p, uint32_t r, size_t i, unsigned n)
{
	ht_buf_reset(&p->sig);
	ht_buf_add(&p->sig, &r, sizeof r);
	for (unsigned j = 0; j < n; j++) {
		uint32_t s = ts->pos_surf[i + j];
		uint8_t sp = j && (ts->pos_flags[i + j] & POS_SPACE);
		ht_buf_add(&p->sig, &s, sizeof s);
		ht_buf_add(&p->sig, &sp, 1);
	}
	int added;
	uint32_t f = ht_strmap_intern(&p->forms, p->sig.s, p->sig.len, &added);
	HT_GROW(p->form_count, p->forms.n, p->cap_form);
	if (added)
		p->form_count[f] = 0;
	return f;
}

/* The text of a surface signature: Han characters are joined without spaces. */
static const char *form_text(ht_termset *ts, const char *sig, size_t len)
{
	ht_buf b = HT_BUF_INIT;
	const char *prev = NULL;
	for (size_t o = sizeof(uint32_t); o + 5 <= len; o += 5) {
		uint32_t s;
		memcpy(&s, sig + o, sizeof s);
		const char *w = ht_strmap_str(&ts->surfs, s);
		if (prev && sig[o + 4] && (ts->tl != HT_TL_ZH || (is_ascii_word(prev) && is_ascii_word(w))))
			ht_buf_addc(&b, ' ');
		ht_buf_add(&b, w, ht_strmap_len(&ts->surfs, s));
		prev = w;
	}
	const char *r = ht_arena_strndup(&ts->out, b.s, b.len);
	ht_buf_release(&b);
	return r;
}

static void collect_occurrences(ht_termset *ts, unsigned max_n)
{
	struct occ_pass p;
	memset(&p, 0, sizeof p);
	size_t npos = ts->npos, nr = ts->n_ranked;
	p.rank_of = ht_xmalloc((ts->nc + 1) * sizeof *p.rank_of);
	for (size_t i = 0; i < ts->nc; i++)
		p.rank_of[i] = NONE;
	for (size_t r = 0; r < nr; r++)
		p.rank_of[ts->rk[r].cand] = (uint32_t)r;
	p.pos_unit = ht_xmalloc((npos + 1) * sizeof *p.pos_unit);
	for (size_t u = 0, i = 0; i < npos; i++) {
		while (u + 1 < ts->n_units && ts->units[u + 1].first_pos <= i)
			u++;
		p.pos_unit[i] = (uint32_t)u;
	}
	p.last_unit = ht_xmalloc((nr + 1) * sizeof *p.last_unit);
	p.best_form = ht_xcalloc(nr + 1, sizeof *p.best_form);
	p.best_count = ht_xcalloc(nr + 1, sizeof *p.best_count);
	p.last_form = ht_xmalloc((nr + 1) * sizeof *p.last_form);
	p.last_pos = ht_xmalloc((nr + 1) * sizeof *p.last_pos);
	for (size_t r = 0; r < nr; r++)
		p.last_unit[r] = p.last_form[r] = NONE;
	ht_strmap_init(&p.forms);

	uint32_t *prev = ht_xmalloc((npos + 1) * sizeof *prev);
	uint32_t *next = ht_xmalloc((npos + 1) * sizeof *next);
	for (size_t i = 0; i < npos; i++)
		prev[i] = ts->unigram[ts->tk[i]];
	for (unsigned n = 1; n <= max_n; n++) {
		if (n > 1) {
			for (size_t i = 0; i < npos; i++) {
				next[i] = NONE;
				if (i + n > npos || prev[i] == NONE || prev[i + 1] == NONE)
					continue;
				next[i] = find_extension(ts, prev[i], prev[i + 1]);
			}
			uint32_t *t = prev;
			prev = next;
			next = t;
		}
		for (size_t i = 0; i < npos; i++)
			if (prev[i] != NONE && p.rank_of[prev[i]] != NONE)
				record(ts, &p, p.rank_of[prev[i]], i, n);
	}
	free(prev);
	free(next);
	/* known terms the levels did not reach */
	for (size_t k = 0; k < ts->n_known_pos; k++) {
		const struct known_pos *kp = &ts->known_pos[k];
		if (kp->cand != NONE && ts->c[kp->cand].known == 2 && p.rank_of[kp->cand] != NONE)
			record(ts, &p, p.rank_of[kp->cand], kp->pos, ts->c[kp->cand].n);
	}

	/* units per rank: counting sort of the log */
	size_t *start = ht_xcalloc(nr + 1, sizeof *start);
	for (size_t k = 0; k < p.n_log; k += 2)
		start[p.log[k] + 1]++;
	for (size_t r = 0; r < nr; r++)
		start[r + 1] += start[r];
	ts->unit_store = ht_xmalloc((p.n_log / 2 + 1) * sizeof *ts->unit_store);
	for (size_t r = 0; r < nr; r++) {
		ts->rk[r].units = ts->unit_store + start[r];
		ts->rk[r].n_units = 0;
	}
	for (size_t k = 0; k < p.n_log; k += 2) {
		struct ranked *rk = &ts->rk[p.log[k]];
		rk->units[rk->n_units++] = p.log[k + 1];
	}
	for (size_t r = 0; r < nr; r++) {
		/* positions were visited in order within a level, so units ascend */
		uint32_t f = p.best_form[r];
		ts->rk[r].term = form_text(ts, ht_strmap_str(&p.forms, f), ht_strmap_len(&p.forms, f));
	}
	free(start);
	free(p.rank_of);
	free(p.pos_unit);
	free(p.last_unit);
	free(p.log);
	free(p.form_count);
	free(p.best_form);
	free(p.best_count);
	free(p.last_form);
	free(p.last_pos);
	ht_buf_release(&p.sig);
	ht_strmap_release(&p.forms);
}

ht_status ht_termset_rank(ht_termset *ts, size_t min_freq, ht_error *err)
{
	rank_release(ts);
	if (min_freq < 1)
		min_freq = 1;
	if (ts->npos >= UINT32_MAX / 2)
		return ht_error_set(err, HT_ERR_USAGE, "terms: too much text for one term set (%zu tokens)",
				    ts->npos);
	unsigned max_n = ts->tl == HT_TL_ZH ? MAX_HAN : MAX_WORDS;
	uint32_t *key_of = build_keys(ts);
	ts->tk = ht_xmalloc((ts->npos + 1) * sizeof *ts->tk);
	const uint32_t *name_of = key_of + ts->surfs.n;
	for (size_t i = 0; i < ts->npos; i++) {
		uint32_t s = ts->pos_surf[i];
		ts->tk[i] = key_of[s];
		if (!ts->tk[i] && name_of[s] && !(ts->pos_flags[i] & POS_INITIAL))
			ts->tk[i] = name_of[s];
	}

	uint32_t *prev = ht_xmalloc((ts->npos + 1) * sizeof *prev);
	uint32_t *next = ht_xmalloc((ts->npos + 1) * sizeof *next);
	count_unigrams(ts, min_freq, prev);
	ht_pairmap level;
	ht_pairmap_init(&level);
	/* one level more than max_n: its counts are the extensions of the longest */
	for (unsigned n = 2; n <= max_n + 1; n++) {
		size_t added = count_level(ts, &level, n, max_n, min_freq, prev, next);
		uint32_t *t = prev;
		prev = next;
		next = t;
		if (!added && n > max_n)
			break;
		if (!added && n <= max_n) {
			/* no n-gram: still none longer, but the (n-1)-grams got their extensions */
			break;
		}
	}
	ht_pairmap_release(&level);
	free(prev);
	free(next);

	index_extensions(ts);
	score_candidates(ts);
	uint32_t *known_of = ts->n_known ? mark_known(ts, key_of) : NULL;
	free(key_of);
	struct rank_key *order = ht_xmalloc((ts->nc + 1) * sizeof *order);
	size_t nr = 0;
	for (size_t i = 0; i < ts->nc; i++)
		if (ts->c[i].valid)
			order[nr++] = (struct rank_key){ts->c[i].score, ts->c[i].freq, (uint32_t)i, ts->c[i].n};
	qsort(order, nr, sizeof *order, by_score);
	ts->rk = ht_xcalloc(nr + 1, sizeof *ts->rk);
	ts->n_ranked = nr;
	ht_buf b = HT_BUF_INIT;
	size_t cap_key_rank = 0;
	for (size_t r = 0; r < nr; r++) {
		ts->rk[r].cand = order[r].id;
		cand_key(ts, &ts->c[order[r].id], &b);
		int added;
		uint32_t k = ht_strmap_intern(&ts->rank_keys, b.s, b.len, &added);
		ts->rk[r].key = ht_strmap_str(&ts->rank_keys, k);
		HT_GROW(ts->key_rank, ts->rank_keys.n, cap_key_rank);
		if (added)
			ts->key_rank[k] = (uint32_t)r; /* the best of candidates that look alike */
	}
	ht_buf_release(&b);
	free(order);
	if (known_of) {
		ts->rank_known = ht_xmalloc((nr + 1) * sizeof *ts->rank_known);
		for (size_t r = 0; r < nr; r++) {
			uint32_t k = known_of[ts->rk[r].cand];
			ts->rank_known[r] = k == NONE ? SIZE_MAX : ts->known[k].id;
		}
		free(known_of);
	}
	collect_occurrences(ts, max_n);
	return HT_OK;
}

/* ---- accessors ---- */

const char *ht_termset_lang(const ht_termset *ts) { return ts->lang; }
size_t ht_termset_unit_count(const ht_termset *ts) { return ts->n_units; }
size_t ht_termset_count(const ht_termset *ts) { return ts->n_ranked; }
const char *ht_termset_term(const ht_termset *ts, size_t i) { return ts->rk[i].term; }
const char *ht_termset_key(const ht_termset *ts, size_t i) { return ts->rk[i].key; }
size_t ht_termset_freq(const ht_termset *ts, size_t i) { return ts->c[ts->rk[i].cand].freq; }
double ht_termset_score(const ht_termset *ts, size_t i) { return ts->c[ts->rk[i].cand].score; }
size_t ht_termset_length(const ht_termset *ts, size_t i) { return ts->c[ts->rk[i].cand].n; }

static const struct tunit *example(const ht_termset *ts, size_t i)
{
	const struct ranked *r = &ts->rk[i];
	return r->n_units ? &ts->units[r->units[0]] : NULL;
}

const char *ht_termset_example_doc(const ht_termset *ts, size_t i)
{
	const struct tunit *u = example(ts, i);
	return u ? u->doc : NULL;
}

const char *ht_termset_example_unit(const ht_termset *ts, size_t i)
{
	const struct tunit *u = example(ts, i);
	return u ? u->unit : NULL;
}

const size_t *ht_termset_units(const ht_termset *ts, size_t i, size_t *n)
{
	*n = ts->rk[i].n_units;
	return ts->rk[i].units;
}

size_t ht_termset_find(const ht_termset *ts, const char *key)
{
	uint32_t k = ht_strmap_find(&ts->rank_keys, key, strlen(key));
	return k == UINT32_MAX ? SIZE_MAX : ts->key_rank[k];
}
