/* ht_dict_open: a dictionary by the name a user gives on the command line,
 * and the installed dictionaries that serve a language pair: CC-CEDICT for
 * zh-en, FreeDict's dictd packages (/usr/share/dictd, or the data search
 * path) for the pairs they cover, and compositions through English for the
 * pairs no dictionary serves directly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lexicon/dict-internal.h"

#define CEDICT_FILE "cedict_ts.u8"
#define DICTD_DIR "/usr/share/dictd" /* where Debian's dict-freedict-* packages put them */

int dict_lang_same(const char *a, const char *b)
{
	size_t la = strcspn(a, "-_"), lb = strcspn(b, "-_");
	return la == lb && strncasecmp(a, b, la) == 0;
}

/* ISO 639-3 codes (FreeDict's file names) of the BCP 47 tags. */
static const char *const iso3[][2] = {
	{"en", "eng"}, {"fr", "fra"}, {"es", "spa"}, {"ru", "rus"}, {"ar", "ara"}, {"zh", "zho"},
	{"de", "deu"}, {"hu", "hun"}, {"it", "ita"}, {"pt", "por"}, {"nl", "nld"}, {"sv", "swe"},
	{"pl", "pol"}, {"cs", "ces"}, {"ja", "jpn"}, {"tr", "tur"}, {"el", "ell"}, {"fi", "fin"},
	{"da", "dan"}, {"bg", "bul"}, {"hr", "hrv"}, {"sr", "srp"}, {"sk", "slk"}, {"sl", "slv"},
	{"lt", "lit"}, {"ga", "gle"}, {"la", "lat"}, {"ko", "kor"}, {"hi", "hin"}, {"id", "ind"},
	{"eo", "epo"}, {"nb", "nob"}, {"no", "nor"}, {"uk", "ukr"}, {"ro", "ron"}, {"af", "afr"},
	{"ku", "kur"}, {"cy", "cym"}, {"is", "isl"}, {"sw", "swh"}, {"th", "tha"}, {"mk", "mkd"},
};

/* The three-letter code of a tag (written to out, 8 bytes). */
static void lang_iso3(const char *tag, char *out)
{
	for (size_t i = 0; i < sizeof iso3 / sizeof *iso3; i++)
		if (dict_lang_same(tag, iso3[i][0])) {
			strcpy(out, iso3[i][1]);
			return;
		}
	size_t n = strcspn(tag, "-_");
	snprintf(out, 8, "%.*s", (int)(n < 7 ? n : 7), tag);
	for (char *p = out; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
}

static void lang_from_iso3(const char *code, size_t n, char *out)
{
	for (size_t i = 0; i < sizeof iso3 / sizeof *iso3; i++)
		if (strlen(iso3[i][1]) == n && strncmp(code, iso3[i][1], n) == 0) {
			strcpy(out, iso3[i][0]);
			return;
		}
	snprintf(out, 8, "%.*s", (int)(n < 7 ? n : 7), code);
}

int dict_freedict_langs(const char *path, char *from, char *to)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (strncmp(base, "freedict-", 9) != 0)
		return 0;
	const char *a = base + 9, *dash = strchr(a, '-');
	const char *dot = dash ? strchr(dash, '.') : NULL;
	if (!dash || !dot || dash - a < 2 || dash - a > 3 || dot - dash - 1 < 2 || dot - dash - 1 > 3)
		return 0;
	lang_from_iso3(a, (size_t)(dash - a), from);
	lang_from_iso3(dash + 1, (size_t)(dot - dash - 1), to);
	return 1;
}

void dict_set_langs(ht_dict *d, const char *from, const char *to)
{
	free(d->from);
	free(d->to);
	d->from = ht_xstrdup(from);
	d->to = ht_xstrdup(to);
}

/* ---- finding installed dictionaries ---- */

/* The index of FreeDict's A-B package ("eng-fra"): on the data search path,
 * else where Debian installs it.  1 and its path, or 0. */
static int find_freedict(const char *a3, const char *b3, char *path, size_t size)
{
	char name[64];
	snprintf(name, sizeof name, "freedict-%s-%s.index", a3, b3);
	if (ht_data_find(name, path, size))
		return 1;
	int n = snprintf(path, size, "%s/%s", DICTD_DIR, name);
	if (n > 0 && (size_t)n < size && access(path, R_OK) == 0)
		return 1;
	path[0] = '\0';
	return 0;
}

/* The two directions of a pair in one dictionary: `fwd` is returned, with
 * `rev` (may be NULL) as its other direction. */
static ht_dict *join_directions(ht_dict *fwd, ht_dict *rev)
{
	if (fwd && rev) {
		fwd->rev = rev;
		fwd->owns_rev = 1;
		rev->rev = fwd;
	}
	return fwd ? fwd : rev;
}

/* FreeDict's a-b and b-a packages, either or both ("" when none); *out NULL
 * when neither is installed. */
static ht_status open_freedict_pair(const char *a, const char *b, ht_dict **out, ht_error *err)
{
	char a3[8], b3[8], pab[HT_DATA_PATH_MAX], pba[HT_DATA_PATH_MAX];
	lang_iso3(a, a3);
	lang_iso3(b, b3);
	*out = NULL;
	ht_dict *ab = NULL, *ba = NULL;
	ht_status st = HT_OK;
	if (find_freedict(a3, b3, pab, sizeof pab))
		st = dict_load_dictd(pab, a, b, &ab, err);
	if (st == HT_OK && find_freedict(b3, a3, pba, sizeof pba))
		st = dict_load_dictd(pba, b, a, &ba, err);
	if (st != HT_OK) {
		ht_dict_free(ab);
		ht_dict_free(ba);
		return st;
	}
	if (!ab && !ba)
		return HT_OK;
	ht_dict *d = join_directions(ab, ba);
	ht_buf desc = HT_BUF_INIT;
	if (ab && ba)
		ht_buf_addf(&desc, "%s + %s", ht_dict_source(ab), ht_dict_source(ba));
	else
		ht_buf_addf(&desc, "%s, used both ways: no %s-%s is installed", ht_dict_source(d),
			    ab ? b3 : a3, ab ? a3 : b3);
	free(d->source);
	d->source = ht_buf_detach(&desc, NULL);
	*out = d;
	return HT_OK;
}

static ht_status open_cedict_file(int required, ht_dict **out, ht_error *err)
{
	char path[HT_DATA_PATH_MAX];
	*out = NULL;
	if (!ht_data_find(CEDICT_FILE, path, sizeof path)) {
		if (!required)
			return HT_OK;
		return ht_error_set(err, HT_ERR_IO,
				    "CC-CEDICT (" CEDICT_FILE ") not found on the data path: run "
				    "corpora/fetch.sh, or set HUTONG_DATA to its folder");
	}
	return ht_dict_load(path, "zh", "en", out, err);
}

static ht_status open_cedict(const char *from, const char *to, int required, ht_dict **out,
			     ht_error *err)
{
	int zh_en = (dict_lang_same(from, "zh") && dict_lang_same(to, "en")) ||
		    (dict_lang_same(from, "en") && dict_lang_same(to, "zh"));
	*out = NULL;
	if (!zh_en) {
		if (!required)
			return HT_OK;
		return ht_error_set(err, HT_ERR_USAGE,
				    "CC-CEDICT is a zh-en dictionary: it cannot serve %s-%s", from, to);
	}
	return open_cedict_file(required, out, err);
}

/* What lang's words mean in English: CC-CEDICT for zh, else FreeDict's
 * lang-eng (x_en) and eng-lang (en_x) packages; either may stay NULL. */
static ht_status open_to_english(const char *lang, ht_dict **x_en, ht_dict **en_x, ht_error *err)
{
	*x_en = *en_x = NULL;
	if (dict_lang_same(lang, "zh"))
		return open_cedict_file(0, x_en, err);
	ht_dict *d = NULL;
	ht_status st = open_freedict_pair(lang, "en", &d, err);
	if (st != HT_OK || !d)
		return st;
	ht_dict *other = d->rev;
	d->rev = NULL;
	d->owns_rev = 0;
	if (other)
		other->rev = NULL;
	if (dict_lang_same(d->from, "en")) {
		*en_x = d;
		*x_en = other;
	} else {
		*x_en = d;
		*en_x = other;
	}
	return HT_OK;
}

/* a -> b through English; zh, when it is one of the two, is the source, so
 * that the dictionary's headwords segment the Chinese text. */
static ht_status open_composed(const char *from, const char *to, ht_dict **out, ht_error *err)
{
	const char *a = dict_lang_same(to, "zh") ? to : from, *b = a == to ? from : to;
	ht_dict *a_en = NULL, *en_a = NULL, *b_en = NULL, *en_b = NULL;
	*out = NULL;
	ht_status st = open_to_english(a, &a_en, &en_a, err);
	if (st == HT_OK)
		st = open_to_english(b, &b_en, &en_b, err);
	if (st == HT_OK && (a_en || en_a) && (b_en || en_b)) {
		*out = dict_compose_via_en(a_en, en_a, en_b, b_en, a, b);
		if (*out) {
			ht_buf desc = HT_BUF_INIT;
			ht_buf_addf(&desc, "%s-%s composed through English from ", a, b);
			const ht_dict *parts[4] = {a_en, en_a, en_b, b_en};
			int any = 0;
			for (int i = 0; i < 4; i++)
				if (parts[i]) {
					if (any++)
						ht_buf_adds(&desc, " + ");
					ht_buf_adds(&desc, dict_name(parts[i]));
				}
			free((*out)->source);
			(*out)->source = ht_buf_detach(&desc, NULL);
		}
	}
	ht_dict_free(a_en);
	ht_dict_free(en_a);
	ht_dict_free(b_en);
	ht_dict_free(en_b);
	return st;
}

/* Whatever installed dictionary serves from-to: CC-CEDICT, FreeDict, or a
 * composition through English; *out NULL when nothing does. */
static ht_status open_auto(const char *from, const char *to, ht_dict **out, ht_error *err)
{
	ht_status st = open_cedict(from, to, 0, out, err);
	if (st != HT_OK || *out)
		return st;
	st = open_freedict_pair(from, to, out, err);
	if (st != HT_OK || *out || dict_lang_same(from, "en") || dict_lang_same(to, "en"))
		return st;
	return open_composed(from, to, out, err);
}

/* "freedict" (the pair's own packages) or "freedict-eng-fra" / "eng-fra"
 * (that package): an error naming the Debian package when it is missing. */
static ht_status open_freedict_spec(const char *spec, const char *from, const char *to, ht_dict **out,
				    ht_error *err)
{
	char a3[8], b3[8], path[HT_DATA_PATH_MAX];
	if (strcmp(spec, "freedict") == 0) {
		ht_status st = open_freedict_pair(from, to, out, err);
		if (st != HT_OK || *out)
			return st;
		lang_iso3(from, a3);
		lang_iso3(to, b3);
		return ht_error_set(err, HT_ERR_IO,
				    "no FreeDict dictionary for %s-%s is installed (Debian packages "
				    "dict-freedict-%s-%s, dict-freedict-%s-%s)",
				    from, to, a3, b3, b3, a3);
	}
	const char *name = strncmp(spec, "freedict-", 9) == 0 ? spec + 9 : spec;
	const char *dash = strchr(name, '-');
	snprintf(a3, sizeof a3, "%.*s", (int)(dash - name), name);
	snprintf(b3, sizeof b3, "%s", dash + 1);
	if (!find_freedict(a3, b3, path, sizeof path))
		return ht_error_set(err, HT_ERR_IO,
				    "FreeDict %s-%s is not installed: apt-get install dict-freedict-%s-%s "
				    "(it puts freedict-%s-%s.index in " DICTD_DIR ")",
				    a3, b3, a3, b3, a3, b3);
	return ht_dict_load(path, from, to, out, err);
}

/* "eng-fra", "freedict-eng-fra": a FreeDict package's name. */
static int is_freedict_name(const char *spec)
{
	const char *s = strncmp(spec, "freedict-", 9) == 0 ? spec + 9 : spec;
	size_t a = strspn(s, "abcdefghijklmnopqrstuvwxyz");
	if (a < 2 || a > 3 || s[a] != '-')
		return 0;
	size_t b = strspn(s + a + 1, "abcdefghijklmnopqrstuvwxyz");
	return b >= 2 && b <= 3 && s[a + 1 + b] == '\0';
}

ht_status ht_dict_open(const char *spec, const char *from, const char *to, ht_dict **out,
		       ht_error *err)
{
	*out = NULL;
	if (!spec || strcmp(spec, "none") == 0)
		return HT_OK;
	if (!from || !to)
		return ht_error_set(err, HT_ERR_USAGE, "--dict %s needs the two languages", spec);
	if (strcmp(spec, "auto") == 0)
		return open_auto(from, to, out, err);
	if (strcmp(spec, "cedict") == 0)
		return open_cedict(from, to, 1, out, err);
	ht_status st;
	if (strcmp(spec, "freedict") == 0 || (is_freedict_name(spec) && access(spec, F_OK) != 0))
		st = open_freedict_spec(spec, from, to, out, err);
	else
		st = ht_dict_load(spec, from, to, out, err);
	if (st == HT_OK && !ht_dict_serves(*out, from, to)) {
		ht_error_set(err, HT_ERR_USAGE, "%s: a %s-%s dictionary cannot serve %s-%s", spec,
			     ht_dict_from(*out), ht_dict_to(*out), from, to);
		ht_dict_free(*out);
		*out = NULL;
		return HT_ERR_USAGE;
	}
	return st;
}

int ht_dict_serves(const ht_dict *d, const char *a, const char *b)
{
	if (!d)
		return 0;
	const char *f = ht_dict_from(d), *t = ht_dict_to(d);
	return (dict_lang_same(f, a) && dict_lang_same(t, b)) || (dict_lang_same(f, b) && dict_lang_same(t, a));
}

const ht_dict *ht_dict_side(const ht_dict *d, const char *lang)
{
	if (!d || !lang)
		return NULL;
	if (dict_lang_same(d->from, lang))
		return d;
	if (d->rev && dict_lang_same(d->rev->from, lang))
		return d->rev;
	return NULL;
}
