/* Citation forms: which of the inflected forms of a term found in the text
 * a termbase lists.
 *
 * Russian termbases list a term in the nominative (Совет Безопасности,
 * наименее развитые страны, государства-члены) while running text shows it
 * in every case.  The forms of one target term are grouped by their stems
 * (pairing keys); among those seen, the citation form is the one whose
 * words are nominative: Hunspell's morphological analysis (hunspell-ru)
 * gives each word's lemma; a word equal to its lemma is a nominative
 * singular (or indeclinable), one that is the lemma's regular nominative
 * plural counts the same, an oblique-case ending counts against.  Among
 * equal scores the most frequent form wins, so the number the text uses
 * stays (государства-члены, наименее развитые страны).  The form is always
 * one the text has: nothing is generated, so no form can say what the text
 * does not.  Hunspell is loaded once per process; calls are serialised (a
 * Hunhandle is not thread-safe). */
#include "lexicon/pairing-internal.h"

#include <hunspell/hunspell.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static Hunhandle *ru_handle;
static pthread_once_t ru_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t ru_lock = PTHREAD_MUTEX_INITIALIZER;

static void load_ru(void)
{
	static const char *const dirs[] = {"/usr/share/hunspell", "/usr/share/myspell/dicts",
					   "/usr/share/myspell", NULL};
	for (const char *const *d = dirs; *d && !ru_handle; d++) {
		char aff[512], dic[512];
		snprintf(aff, sizeof aff, "%s/ru_RU.aff", *d);
		snprintf(dic, sizeof dic, "%s/ru_RU.dic", *d);
		FILE *fp = fopen(dic, "rb");
		if (!fp)
			continue;
		fclose(fp);
		ru_handle = Hunspell_create(aff, dic);
	}
}

static int ends_with(const char *w, size_t len, const char *suf)
{
	size_t n = strlen(suf);
	return len >= n && memcmp(w + len - n, suf, n) == 0;
}

static int ends_with_any(const char *w, size_t len, const char *const *list)
{
	for (; *list; list++)
		if (ends_with(w, len, *list))
			return 1;
	return 0;
}

/* Is w the nominative plural of lemma l (стран-а -> стран-ы, совет ->
 * совет-ы, государств-о -> государств-а, развит-ый -> развит-ые)? */
static int nominative_plural(const char *w, size_t wl, const char *l)
{
	static const char *const rules[][2] = {
		{"ый", "ые"}, {"ий", "ие"}, {"ой", "ые"}, {"а", "ы"}, {"а", "и"}, {"я", "и"},
		{"о", "а"}, {"е", "я"}, {"ь", "и"}, {"й", "и"}, {"", "ы"}, {"", "и"}};
	size_t ll = strlen(l);
	for (size_t k = 0; k < sizeof rules / sizeof *rules; k++) {
		size_t a = strlen(rules[k][0]), b = strlen(rules[k][1]);
		if (ll < a || memcmp(l + ll - a, rules[k][0], a) != 0 || wl != ll - a + b)
			continue;
		if (memcmp(w, l, ll - a) == 0 && memcmp(w + ll - a, rules[k][1], b) == 0)
			return 1;
	}
	return 0;
}

/* One Russian word (lower case): +2 when it is its own lemma or the lemma's
 * nominative plural, -1 for an oblique-case ending, else 0. */
static int ru_word_score(const char *w, size_t len)
{
	static const char *const oblique[] = {"ов", "ев", "ей", "ых", "их", "ым", "им", "ам", "ям",
					      "ами", "ями", "ах", "ях", "ом", "ем", "ому", "ему", "ого",
					      "его", "ую", "юю", "ой", "у", "ю", NULL};
	int score = 0;
	char buf[256];
	if (len + 1 > sizeof buf)
		return 0;
	memcpy(buf, w, len);
	buf[len] = 0;
	pthread_mutex_lock(&ru_lock);
	char **stems = NULL;
	int n = Hunspell_stem(ru_handle, &stems, buf);
	for (int k = 0; k < n; k++)
		if (strcmp(stems[k], buf) == 0 || nominative_plural(buf, len, stems[k]))
			score = 2;
	Hunspell_free_list(ru_handle, &stems, n);
	pthread_mutex_unlock(&ru_lock);
	if (score)
		return score;
	return ends_with_any(w, len, oblique) ? -1 : 0;
}

int ht_citation_score(const char *lang, const char *form)
{
	if (!lang || strncmp(lang, "ru", 2) != 0 || (lang[2] && lang[2] != '-' && lang[2] != '_'))
		return 0;
	pthread_once(&ru_once, load_ru);
	if (!ru_handle)
		return 0;
	ht_buf low = HT_BUF_INIT;
	ht_key_fold(form, strlen(form), &low);
	int score = 0;
	/* words and the parts of hyphenated compounds (государства-члены) */
	for (size_t i = 0; i < low.len;) {
		size_t j = i;
		while (j < low.len && low.s[j] != ' ' && low.s[j] != '-')
			j++;
		if (j > i)
			score += ru_word_score(low.s + i, j - i);
		i = j + 1;
	}
	ht_buf_release(&low);
	return score;
}
