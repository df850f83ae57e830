/* Target-side word n-grams and their match keys (see pairing-internal.h).
 *
 * The key of an n-gram decides which surface forms count as one target
 * term, so it carries the linguistic choices: the first word's case is folded
 * (it may only be capitalised because it opens a sentence) while later
 * capitals are kept ("Member States", "small island developing States");
 * plurals merge lightly; Russian endings and Arabic clitics are stripped. */
#include "lexicon/pairing-internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---- function words: an n-gram never starts or ends with one ---- */

static const char *const stop_en[] = {
	"a", "about", "above", "after", "against", "all", "also", "am", "among", "an", "and",
	"any", "are", "as", "at", "be", "been", "being", "between", "both", "but", "by", "can",
	"could", "did", "do", "does", "during", "each", "either", "etc", "for", "from", "had",
	"has", "have", "having", "he", "her", "his", "how", "i", "if", "in", "including", "into",
	"is", "it", "its", "may", "more", "most", "must", "no", "nor", "not", "of", "on", "or",
	"other", "our", "over", "per", "shall", "she", "should", "so", "such", "than", "that",
	"the", "their", "them", "there", "these", "they", "this", "those", "through", "to",
	"under", "until", "upon", "us", "very", "was", "we", "well", "were", "what", "when",
	"where", "whether", "which", "while", "who", "whom", "whose", "will", "with", "within",
	"without", "would", "you", "your"};
static const char *const stop_fr[] = {
	"a", "afin", "ai", "au", "aux", "avec", "c", "ce", "ces", "cet", "cette", "d", "dans",
	"de", "des", "du", "elle", "elles", "en", "entre", "est", "et", "eux", "il", "ils", "j",
	"l", "la", "le", "les", "leur", "leurs", "lors", "lui", "m", "mais", "n", "ne", "ni",
	"nos", "notre", "ont", "ou", "où", "par", "pas", "pour", "qu", "que", "qui", "s", "sa",
	"sans", "se", "ses", "si", "son", "sont", "sous", "sur", "t", "tous", "tout", "toute",
	"toutes", "un", "une", "y", "à", "été", "être"};
static const char *const stop_es[] = {
	"a", "al", "ante", "bajo", "como", "con", "contra", "cual", "de", "del", "desde", "durante",
	"e", "el", "ella", "ellos", "en", "entre", "es", "esta", "este", "estos", "fue", "ha", "han",
	"hasta", "la", "las", "le", "les", "lo", "los", "mediante", "más", "ni", "no", "nos", "o",
	"para", "pero", "por", "que", "quien", "se", "ser", "si", "sin", "sobre", "son", "su",
	"sus", "también", "todas", "todos", "tras", "u", "un", "una", "y"};
static const char *const stop_ru[] = {
	"а", "без", "в", "во", "все", "всех", "для", "до", "его", "ее", "её", "же", "за", "и",
	"из", "или", "их", "к", "как", "ко", "между", "на", "над", "не", "ни", "но", "о", "об",
	"от", "по", "под", "при", "с", "со", "также", "то", "том", "у", "что", "это", "этих",
	"этой", "этом", "эти", "этот", "является"};
static const char *const stop_ar[] = {
	"أن", "أو", "إلى", "إن", "ان", "التي", "الذي", "الذين", "بين", "ذلك", "على", "عن", "فى",
	"في", "كل", "كما", "لا", "ما", "مع", "من", "هذا", "هذه", "هو", "هي", "و", "وفي", "ومن"};

struct ht_ngrammer {
	char lang[8];
	size_t max_tokens;
	int han_words;   /* Chinese and Japanese: every Han character is a word */
	const char **stop;
	size_t nstop;
	/* per-segment scratch */
	ht_token *toks;
	size_t ntoks, cap;
	struct tok_info *info;
	size_t info_cap;
	ht_buf keys, key;
};

enum tok_kind { TK_WORD, TK_NUMBER, TK_HYPHEN, TK_BREAK };

struct tok_info {
	enum tok_kind kind;
	int stop;
	int neg;       /* a negation (не, not, non, no, غير): it opens the n-gram it negates */
	int glued_prev, glued_next; /* joined by a hyphen to the word before / after */
	size_t skip;               /* bytes of an elided article ("l'", "d'") at its start */
	size_t kfirst, kfirst_len; /* key as first word (case folded), offsets into keys */
	size_t krest, krest_len;   /* key in any other place (capitals kept) */
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static const char *primary_lang(const char *lang, char out[8])
{
	size_t i = 0;
	for (; lang && lang[i] && lang[i] != '-' && lang[i] != '_' && i < 7; i++)
		out[i] = (char)((lang[i] >= 'A' && lang[i] <= 'Z') ? lang[i] + 32 : lang[i]);
	out[i] = 0;
	return out;
}

ht_ngrammer *ht_ngrammer_new(const char *lang, size_t max_tokens)
{
	ht_ngrammer *ng = ht_xcalloc(1, sizeof *ng);
	primary_lang(lang, ng->lang);
	ng->max_tokens = max_tokens ? max_tokens : 1;
	ng->han_words = strcmp(ng->lang, "zh") == 0 || strcmp(ng->lang, "ja") == 0;
	const char *const *list = NULL;
	size_t n = 0;
#define USE(l) (list = (l), n = sizeof(l) / sizeof *(l))
	if (strcmp(ng->lang, "en") == 0)
		USE(stop_en);
	else if (strcmp(ng->lang, "fr") == 0)
		USE(stop_fr);
	else if (strcmp(ng->lang, "es") == 0)
		USE(stop_es);
	else if (strcmp(ng->lang, "ru") == 0)
		USE(stop_ru);
	else if (strcmp(ng->lang, "ar") == 0)
		USE(stop_ar);
#undef USE
	ng->stop = ht_xmalloc((n ? n : 1) * sizeof *ng->stop);
	for (size_t i = 0; i < n; i++)
		ng->stop[i] = list[i];
	ng->nstop = n;
	qsort(ng->stop, n, sizeof *ng->stop, cmp_str);
	ht_buf_init(&ng->keys);
	ht_buf_init(&ng->key);
	return ng;
}

void ht_ngrammer_free(ht_ngrammer *ng)
{
	if (!ng)
		return;
	free(ng->stop);
	free(ng->toks);
	free(ng->info);
	ht_buf_release(&ng->keys);
	ht_buf_release(&ng->key);
	free(ng);
}

int ht_ngrammer_is_stopword(const ht_ngrammer *ng, const char *w, size_t len)
{
	char tmp[64];
	if (len >= sizeof tmp || ng->nstop == 0)
		return 0;
	memcpy(tmp, w, len);
	tmp[len] = 0;
	const char *p = tmp;
	return bsearch(&p, ng->stop, ng->nstop, sizeof *ng->stop, cmp_str) != NULL;
}

/* ---- word keys ---- */

static int ends_with(const char *s, size_t len, const char *suf)
{
	size_t n = strlen(suf);
	return len >= n && memcmp(s + len - n, suf, n) == 0;
}

static size_t count_cps(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* English, French, Spanish: plural and possessive endings of the key that
 * starts at b->s[from]: countries -> country, States -> State, pays -> pay. */
static void latin_stem(const char *lang, ht_buf *b, size_t from)
{
	const char *w = b->s + from;
	size_t len = b->len - from;
	if (ends_with(w, len, "'s"))
		len -= 2;
	else if (ends_with(w, len, "\xE2\x80\x99s"))
		len -= 4;
	ht_buf_truncate(b, from + len);
	if (len < 4)
		return;
	if (strcmp(lang, "en") == 0) {
		if (ends_with(w, len, "ies")) {
			ht_buf_truncate(b, from + len - 3);
			ht_buf_addc(b, 'y');
		} else if (w[len - 1] == 's' && !ends_with(w, len, "ss") && !ends_with(w, len, "us") &&
			   !ends_with(w, len, "is"))
			ht_buf_truncate(b, from + len - 1);
		return;
	}
	if ((w[len - 1] == 's' && !ends_with(w, len, "ss")) ||
	    (strcmp(lang, "fr") == 0 && w[len - 1] == 'x'))
		ht_buf_truncate(b, from + len - 1);
}

static const char *const ru_reflexive[] = {"ся", "сь"};
static const char *const ru_endings[] = {
	"ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "иям", "иях", "ией",
	"ая", "яя", "ое", "ее", "ые", "ие", "ой", "ей", "ий", "ый", "ым", "им", "ом", "ем", "ую",
	"юю", "ых", "их", "ах", "ях", "ам", "ям", "ов", "ев", "ия", "ию", "ье", "ья", "ью", "ьи",
	"а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й"};

/* Russian: one inflectional ending (after a reflexive particle), keeping a
 * stem of at least three letters.  A grouping key, not a linguistic stem. */
static size_t russian_stem(const char *w, size_t len)
{
	for (size_t i = 0; i < 2; i++)
		if (ends_with(w, len, ru_reflexive[i]) && count_cps(w, len) > 5) {
			len -= strlen(ru_reflexive[i]);
			break;
		}
	for (size_t i = 0; i < sizeof ru_endings / sizeof *ru_endings; i++) {
		size_t n = strlen(ru_endings[i]);
		if (ends_with(w, len, ru_endings[i]) && count_cps(w, len - n) >= 3)
			return len - n;
	}
	return len;
}

/* Arabic (after ht_key_fold removed diacritics and tatweel): unify alef forms,
 * alef maqsura and ta marbuta, then strip a conjunction, the article with its
 * attached prepositions, and one suffix (light stemming in the manner of
 * Larkey's light10). */
static void arabic_key(ht_buf *b, size_t from)
{
	ht_buf tmp = HT_BUF_INIT;
	size_t i = from;
	while (i < b->len) {
		size_t st = i;
		int32_t cp = ht_utf8_next(b->s, b->len, &i);
		if (cp == 0x0623 || cp == 0x0625 || cp == 0x0622)
			cp = 0x0627;
		else if (cp == 0x0649)
			cp = 0x064A;
		else if (cp == 0x0629)
			cp = 0x0647;
		else {
			ht_buf_add(&tmp, b->s + st, i - st);
			continue;
		}
		char enc[4];
		ht_buf_add(&tmp, enc, ht_utf8_encode(cp, enc));
	}
	const char *s = tmp.s;
	size_t len = tmp.len;
	if (len >= 8 && memcmp(s, "و", 2) == 0) {
		s += 2;
		len -= 2;
	}
	static const char *const prefixes[] = {"وال", "بال", "كال", "فال", "لل", "ال"};
	for (size_t k = 0; k < sizeof prefixes / sizeof *prefixes; k++) {
		size_t n = strlen(prefixes[k]);
		if (len >= n + 4 && memcmp(s, prefixes[k], n) == 0) {
			s += n;
			len -= n;
			break;
		}
	}
	/* a bare preposition (bi-, li-, ka-, fa-) on a long word: بتغير -> تغير */
	static const char *const clitics[] = {"ب", "ل", "ك", "ف"};
	for (size_t k = 0; k < sizeof clitics / sizeof *clitics; k++)
		if (count_cps(s, len) >= 5 && memcmp(s, clitics[k], 2) == 0) {
			s += 2;
			len -= 2;
			break;
		}
	static const char *const suffixes[] = {"ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"};
	for (size_t k = 0; k < sizeof suffixes / sizeof *suffixes; k++) {
		size_t n = strlen(suffixes[k]);
		if (len >= n + 4 && ends_with(s, len, suffixes[k]))
			len -= n;
	}
	ht_buf_truncate(b, from);
	ht_buf_add(b, s, len);
	ht_buf_release(&tmp);
}

/* The language's light normalisation of the key that starts at out->s[from]. */
static void normalise_key(const char *pl, ht_buf *out, size_t from)
{
	if (strcmp(pl, "en") == 0 || strcmp(pl, "fr") == 0 || strcmp(pl, "es") == 0)
		latin_stem(pl, out, from);
	else if (strcmp(pl, "ru") == 0)
		ht_buf_truncate(out, from + russian_stem(out->s + from, out->len - from));
	else if (strcmp(pl, "ar") == 0)
		arabic_key(out, from);
}

void ht_pair_word_key(const char *lang, const char *w, size_t len, int keep_case, ht_buf *out)
{
	char pl[8];
	primary_lang(lang, pl);
	size_t from = out->len;
	if (keep_case)
		ht_buf_add(out, w, len);
	else
		ht_key_fold(w, len, out);
	normalise_key(pl, out, from);
}

/* ---- scanning ---- */

static int is_hyphen(int32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }

static int opens_sentence(int32_t cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == ';' || cp == 0x2022 ||
	       cp == 0x3002 || cp == 0xFF1A || cp == 0xFF1B;
}

static int is_opening_mark(int32_t cp)
{
	return cp == '"' || cp == '(' || cp == '[' || cp == 0x201C || cp == 0x00AB ||
	       cp == 0x2018 || cp == '\'';
}

/* Chinese function characters: a Chinese n-gram neither starts nor ends
 * with one (的 和 与 及 在 对 是 等 并 或 其 之 了 为 以 于 将 把 被 由 从 向). */
static int is_zh_function_char(int32_t cp)
{
	static const int32_t fn[] = {0x7684, 0x548C, 0x4E0E, 0x53CA, 0x5728, 0x5BF9, 0x662F,
				     0x7B49, 0x5E76, 0x6216, 0x5176, 0x4E4B, 0x4E86, 0x4E3A,
				     0x4EE5, 0x4E8E, 0x5C06, 0x628A, 0x88AB, 0x7531, 0x4ECE,
				     0x5411};
	return ht_cp_index(fn, sizeof fn / sizeof *fn, cp) >= 0;
}

static int is_upper_initial(const char *w, size_t len)
{
	size_t i = 0;
	int32_t cp = ht_utf8_next(w, len, &i);
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

/* French and Italian elided articles and particles: l'homme, d'ici, qu'il. */
static size_t elision_length(const char *lang, const char *w, size_t len)
{
	if (strcmp(lang, "fr") != 0 && strcmp(lang, "it") != 0)
		return 0;
	for (size_t i = 1; i <= 3 && i < len; i++) {
		if (w[i] == '\'' && i + 1 < len)
			return i + 1;
		if (i + 3 < len && memcmp(w + i, "\xE2\x80\x99", 3) == 0)
			return i + 3;
	}
	return 0;
}

/* Negations: an n-gram never starts right after one, so that the
 * equivalent of 内陆发展中国家 keeps the не of "не имеющих выхода к морю". */
static int is_negation(const char *w, size_t len)
{
	static const char *const neg[] = {"не", "ни", "not", "non", "no", "غير", "لا", "без", NULL};
	for (const char *const *n = neg; *n; n++)
		if (strlen(*n) == len && memcmp(*n, w, len) == 0)
			return 1;
	return 0;
}

static void classify_tokens(ht_ngrammer *ng, const char *s, size_t len)
{
	ht_tokenize(s, len, &ng->toks, &ng->ntoks, &ng->cap);
	HT_GROW(ng->info, ng->ntoks + 1, ng->info_cap);
	ht_buf_reset(&ng->keys);
	for (size_t t = 0; t < ng->ntoks; t++) {
		const ht_token *tk = &ng->toks[t];
		struct tok_info *in = &ng->info[t];
		memset(in, 0, sizeof *in);
		size_t i = tk->start;
		int32_t cp = ht_utf8_next(s, len, &i);
		if (tk->type == HT_TOK_NUMBER)
			in->kind = TK_NUMBER;
		else if (tk->type == HT_TOK_PUNCT && is_hyphen(cp))
			in->kind = TK_HYPHEN;
		else if (tk->type == HT_TOK_WORD || (tk->type == HT_TOK_HAN && ng->han_words))
			in->kind = TK_WORD;
		else
			in->kind = TK_BREAK;
		if (in->kind == TK_BREAK)
			continue;
		const char *w = s + tk->start;
		size_t wl = tk->len;
		if (in->kind == TK_HYPHEN) {
			w = "-";
			wl = 1;
		} else if (in->kind == TK_WORD) {
			in->skip = elision_length(ng->lang, w, wl);
			w += in->skip;
			wl -= in->skip;
		}
		in->kfirst = ng->keys.len;
		ht_key_fold(w, wl, &ng->keys);
		in->stop = in->kind == TK_WORD &&
			   (tk->type == HT_TOK_HAN ? is_zh_function_char(cp)
						   : ht_ngrammer_is_stopword(ng, ng->keys.s + in->kfirst,
									     ng->keys.len - in->kfirst));
		in->neg = in->kind == TK_WORD && is_negation(ng->keys.s + in->kfirst, ng->keys.len - in->kfirst);
		normalise_key(ng->lang, &ng->keys, in->kfirst);
		in->kfirst_len = ng->keys.len - in->kfirst;
		if (in->kind == TK_WORD && is_upper_initial(w, wl)) {
			in->krest = ng->keys.len;
			ht_pair_word_key(ng->lang, w, wl, 1, &ng->keys);
			in->krest_len = ng->keys.len - in->krest;
		} else {
			in->krest = in->kfirst;
			in->krest_len = in->kfirst_len;
		}
	}
}

/* A hyphen written without spaces between two words makes one compound
 * (nuclear-weapon-free): n-grams never cut it. */
static void mark_compounds(ht_ngrammer *ng)
{
	for (size_t t = 1; t + 1 < ng->ntoks; t++) {
		const ht_token *a = &ng->toks[t - 1], *h = &ng->toks[t], *b = &ng->toks[t + 1];
		if (ng->info[t].kind != TK_HYPHEN || ng->info[t - 1].kind == TK_BREAK ||
		    ng->info[t + 1].kind == TK_BREAK)
			continue;
		if (a->start + a->len == h->start && h->start + h->len == b->start) {
			ng->info[t - 1].glued_next = 1;
			ng->info[t + 1].glued_prev = 1;
		}
	}
}

static int starts_sentence(const ht_ngrammer *ng, const char *s, size_t len, size_t t)
{
	while (t > 0) {
		const ht_token *p = &ng->toks[t - 1];
		size_t i = p->start;
		int32_t cp = ht_utf8_next(s, len, &i);
		if (p->type != HT_TOK_PUNCT)
			return p->type == HT_TOK_NUMBER && t == 1; /* "1. Decides" */
		if (opens_sentence(cp))
			return 1;
		if (!is_opening_mark(cp))
			return 0;
		t--;
	}
	return 1;
}

void ht_ngrammer_scan(ht_ngrammer *ng, const char *s, size_t len, ht_ngram_fn fn, void *ctx)
{
	classify_tokens(ng, s, len);
	mark_compounds(ng);
	const struct tok_info *info = ng->info;
	for (size_t i = 0; i < ng->ntoks; i++) {
		/* a number opens a name it belongs to ("2030 Agenda", "1540 Committee") */
		int number_opens = info[i].kind == TK_NUMBER && i + 1 < ng->ntoks && info[i + 1].kind == TK_WORD &&
				   !info[i + 1].stop && is_upper_initial(s + ng->toks[i + 1].start, ng->toks[i + 1].len);
		if ((info[i].kind != TK_WORD && !number_opens) || (info[i].stop && !info[i].neg) ||
		    info[i].glued_prev || (i > 0 && info[i - 1].neg))
			continue;
		ht_ngram g;
		g.start = ng->toks[i].start + info[i].skip;
		g.initial = starts_sentence(ng, s, len, i);
		g.pos = len ? (double)ng->toks[i].start / (double)len : 0.0;
		g.nwords = 0;
		ht_buf_reset(&ng->key);
		uint64_t hash = HT_HASH_SEED;
		for (size_t j = i; j < ng->ntoks && j - i < ng->max_tokens; j++) {
			const struct tok_info *in = &info[j];
			if (in->kind == TK_BREAK)
				break;
			size_t from = ng->key.len;
			if (j > i) {
				if (ng->toks[j].type != HT_TOK_HAN || ng->toks[j - 1].type != HT_TOK_HAN)
					ht_buf_addc(&ng->key, ' ');
				ht_buf_add(&ng->key, ng->keys.s + in->krest, in->krest_len);
			} else
				ht_buf_add(&ng->key, ng->keys.s + in->kfirst, in->kfirst_len);
			hash = ht_hash_more(hash, ng->key.s + from, ng->key.len - from);
			if (in->kind == TK_WORD)
				g.nwords++;
			if (in->kind != TK_WORD || in->stop || in->glued_next)
				continue;
			g.len = ng->toks[j].start + ng->toks[j].len - g.start;
			g.ntok = j - i + 1;
			g.key = ng->key.s;
			g.keylen = ng->key.len;
			g.hash = hash;
			fn(&g, ctx);
		}
	}
}
