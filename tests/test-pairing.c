/* Bilingual pairing: target n-grams and their keys, the builder on small
 * in-memory translation memories, its errors, and the SDG + UNPC zh-en
 * glossary (when ../shared is present). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/util.h"
#include "hutong/bilingual.h"
#include "lexicon/pairing-internal.h"
#include "tests/testutil.h"

/* ---- keys ---- */

static char *word_key(const char *lang, const char *w, int keep_case)
{
	ht_buf b = HT_BUF_INIT;
	ht_pair_word_key(lang, w, strlen(w), keep_case, &b);
	return ht_buf_detach(&b, NULL);
}

static void assert_same_key(const char *lang, const char *a, const char *b, int same)
{
	char *ka = word_key(lang, a, 0), *kb = word_key(lang, b, 0);
	if (same)
		ck_assert_msg(strcmp(ka, kb) == 0, "%s: '%s' -> '%s' but '%s' -> '%s'", lang, a, ka,
			      b, kb);
	else
		ck_assert_msg(strcmp(ka, kb) != 0, "%s: '%s' and '%s' both -> '%s'", lang, a, b, ka);
	free(ka);
	free(kb);
}

START_TEST(latin_plurals_merge)
{
	assert_same_key("en", "countries", "country", 1);
	assert_same_key("en", "States", "state", 1);
	assert_same_key("en", "Council's", "council", 1);
	assert_same_key("en", "process", "proces", 0); /* -ss is not a plural */
	assert_same_key("fr", "États", "état", 1);
	assert_same_key("fr", "climatiques", "climatique", 1);
	assert_same_key("es", "Estados", "estado", 1);
	/* capitals are kept when asked: "States" is not "states" inside a term */
	char *k = word_key("en", "States", 1);
	ck_assert_str_eq(k, "State");
	free(k);
}
END_TEST

START_TEST(russian_forms_group)
{
	assert_same_key("ru", "государства", "государств", 1);
	assert_same_key("ru", "государствам", "государствах", 1);
	assert_same_key("ru", "устойчивого", "устойчивое", 1);
	assert_same_key("ru", "развивающихся", "развивающиеся", 1);
	assert_same_key("ru", "развития", "развитие", 1);
	assert_same_key("ru", "мир", "мира", 1); /* a short stem survives */
	assert_same_key("ru", "мир", "мэр", 0);
}
END_TEST

START_TEST(arabic_keys_ignore_marks_and_clitics)
{
	/* diacritics and tatweel */
	assert_same_key("ar", "التنمية", "التَّنْمِيَة", 1);
	assert_same_key("ar", "التنمية", "التنـمية", 1);
	/* conjunction, article, prepositions; alef forms and ta marbuta */
	assert_same_key("ar", "والتنمية", "التنمية", 1);
	assert_same_key("ar", "للتنمية", "التنمية", 1);
	assert_same_key("ar", "بتغير", "تغير", 1);
	assert_same_key("ar", "أقل", "اقل", 1);
	assert_same_key("ar", "التنمية", "الأمن", 0);
}
END_TEST

/* ---- n-grams ---- */

typedef struct seen {
	ht_buf keys;    /* "key|surface|initial\n" per n-gram */
	const char *seg;
} seen;

static void record(const ht_ngram *g, void *ctx)
{
	seen *s = ctx;
	ht_buf_add(&s->keys, g->key, g->keylen);
	ht_buf_addc(&s->keys, '|');
	ht_buf_add(&s->keys, s->seg + g->start, g->len);
	ht_buf_addf(&s->keys, "|%d\n", g->initial);
}

static char *scan(const char *lang, const char *text)
{
	ht_ngrammer *ng = ht_ngrammer_new(lang, 7);
	seen s = {HT_BUF_INIT, text};
	ht_ngrammer_scan(ng, text, strlen(text), record, &s);
	ht_ngrammer_free(ng);
	return ht_buf_detach(&s.keys, NULL);
}

START_TEST(ngrams_respect_edges)
{
	char *r = scan("en", "Supports the least developed countries, small-scale fishers and "
			     "small island developing States.");
	ck_assert_ptr_nonnull(strstr(r, "\nleast developed country|least developed countries|0\n"));
	ck_assert_ptr_nonnull(strstr(r, "\nsmall - scale fisher|small-scale fishers|0\n"));
	ck_assert_ptr_nonnull(strstr(r, "\nsmall island developing State|small island developing States|0\n"));
	ck_assert_ptr_nonnull(strstr(r, "support|Supports|1\n")); /* opens the sentence */
	ck_assert_ptr_null(strstr(r, "|the "));        /* no function word at an edge */
	ck_assert_ptr_null(strstr(r, " and|"));
	ck_assert_ptr_null(strstr(r, "countries, small")); /* no crossing of a comma */
	ck_assert_ptr_null(strstr(r, "|small-|"));     /* no hyphen at an edge */
	free(r);
	/* a hyphenated compound is never cut */
	r = scan("en", "a nuclear-weapon-free zone");
	ck_assert_ptr_nonnull(strstr(r, "|nuclear-weapon-free zone|"));
	ck_assert_ptr_null(strstr(r, "|nuclear-weapon|"));
	ck_assert_ptr_null(strstr(r, "|weapon-free zone|"));
	free(r);
	/* French elision: the n-gram starts after l' */
	r = scan("fr", "Promouvoir l'égalité des sexes");
	ck_assert_ptr_nonnull(strstr(r, "|égalité des sexes|"));
	ck_assert_ptr_null(strstr(r, "|l'égalité"));
	free(r);
}
END_TEST

/* ---- the builder ---- */

static ht_tm *tm_of(const char *from, const char *to, const char *const pairs[][2], size_t n)
{
	ht_tm *tm = ht_tm_new(from);
	size_t t = ht_tm_add_lang(tm, to);
	for (size_t i = 0; i < n; i++) {
		char id[24];
		snprintf(id, sizeof id, "%zu", i + 1);
		size_t u = ht_tm_add_unit(tm, "mem", id, -1);
		ht_tm_set_seg(tm, u, 0, pairs[i][0], strlen(pairs[i][0]));
		ht_tm_set_seg(tm, u, t, pairs[i][1], strlen(pairs[i][1]));
	}
	return tm;
}

static const ht_gloss_entry *find_source(const ht_glossary *g, const char *source)
{
	for (size_t i = 0; i < ht_glossary_count(g); i++)
		if (strcmp(ht_glossary_entry(g, i)->source, source) == 0)
			return ht_glossary_entry(g, i);
	return NULL;
}

static const char *const small_corpus[][2] = {
	{"会员国应当应对气候变化。", "Member States should address climate change."},
	{"气候变化影响所有会员国。", "Climate change affects all Member States."},
	{"各会员国讨论了气候变化问题。", "The Member States discussed the issue of climate change."},
	{"气候变化是一项挑战。", "Climate change is a challenge."},
	{"会员国支持民间社会。", "Member States support civil society."},
	{"民间社会参与了会议。", "Civil society took part in the meeting."},
	{"民间社会和会员国合作。", "Civil society and Member States cooperate."},
	{"该报告提交给大会。", "The report was submitted to the Assembly."},
};

START_TEST(build_pairs_terms_with_official_case)
{
	ht_tm *tm = tm_of("zh", "en", small_corpus, sizeof small_corpus / sizeof *small_corpus);
	ht_glossary *g = NULL;
	ht_error err = {0};
	ck_assert_int_eq(ht_glossary_build(tm, "zh", "en", NULL, &g, &err), HT_OK);
	const ht_gloss_entry *e = find_source(g, "气候变化");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->target, "climate change"); /* not the sentence-initial "Climate" */
	ck_assert_uint_eq(e->freq, 4);
	ck_assert(e->score > 0.9 && e->score <= 1.0);
	ck_assert(e->confidence > 0 && e->confidence <= 1.0);
	ck_assert_int_eq(e->suggestion, 0);
	ck_assert_str_eq(e->example_doc, "mem");
	ck_assert_str_eq(e->example_unit, "1");
	e = find_source(g, "会员国");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->target, "Member States");
	e = find_source(g, "民间社会");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->target, "civil society");
	ht_glossary_free(g);
	ht_tm_free(tm);
}
END_TEST

START_TEST(build_errors_are_clear)
{
	ht_tm *tm = tm_of("zh", "en", small_corpus, 2);
	ht_glossary *g = (ht_glossary *)1;
	ht_error err = {0};
	ck_assert_int_eq(ht_glossary_build(tm, "zh", "fr", NULL, &g, &err), HT_ERR_DATA);
	ck_assert_ptr_null(g);
	ck_assert_str_eq(err.message, "the aligned text has no 'fr' segments");
	ht_gloss_opts opts;
	ht_gloss_opts_init(&opts);
	opts.min_freq = 0;
	ck_assert_int_eq(ht_glossary_build(tm, "zh", "en", &opts, &g, &err), HT_ERR_USAGE);
	ht_gloss_opts_init(&opts);
	opts.suggest = 1; /* without a dictionary */
	ck_assert_int_eq(ht_glossary_build(tm, "zh", "en", &opts, &g, &err), HT_ERR_USAGE);
	ht_tm_free(tm);
	/* an empty corpus, and units with one side only */
	tm = ht_tm_new("zh");
	ht_tm_add_lang(tm, "en");
	ck_assert_int_eq(ht_glossary_build(tm, "zh", "en", NULL, &g, &err), HT_ERR_DATA);
	ck_assert_str_eq(err.message, "no aligned unit has both a 'zh' and a 'en' segment");
	size_t u = ht_tm_add_unit(tm, NULL, NULL, -1);
	ht_tm_set_seg(tm, u, 0, "气候变化", strlen("气候变化"));
	ck_assert_int_eq(ht_glossary_build(tm, "zh", "en", NULL, &g, &err), HT_ERR_DATA);
	ht_tm_free(tm);
}
END_TEST

START_TEST(min_freq_and_limit)
{
	ht_tm *tm = tm_of("zh", "en", small_corpus, sizeof small_corpus / sizeof *small_corpus);
	ht_glossary *g = NULL;
	ht_gloss_opts opts;
	ht_gloss_opts_init(&opts);
	opts.min_freq = 4; /* only 气候变化 (4 units) and 会员国 (5) qualify */
	ck_assert_int_eq(ht_glossary_build(tm, "zh", "en", &opts, &g, NULL), HT_OK);
	ck_assert_ptr_null(find_source(g, "民间社会"));
	for (size_t i = 0; i < ht_glossary_count(g); i++)
		ck_assert_uint_ge(ht_glossary_entry(g, i)->freq, 4);
	ht_glossary_free(g);
	opts.min_freq = 2;
	opts.limit = 1;
	ck_assert_int_eq(ht_glossary_build(tm, "zh", "en", &opts, &g, NULL), HT_OK);
	ck_assert_uint_eq(ht_glossary_count(g), 1);
	ht_glossary_free(g);
	ht_tm_free(tm);
}
END_TEST

/* ---- the shared corpus: SDG tables + UNPC devset, zh-en ---- */

static void add_lines_pair(ht_tm *tm, const char *zh_path, const char *en_path)
{
	ht_buf zh = HT_BUF_INIT, en = HT_BUF_INIT;
	ck_assert_int_eq(ht_text_read(zh_path, &zh, NULL, NULL), HT_OK);
	ck_assert_int_eq(ht_text_read(en_path, &en, NULL, NULL), HT_OK);
	const char *a = zh.s, *b = en.s;
	while (*a && *b) {
		const char *ea = strchr(a, '\n'), *eb = strchr(b, '\n');
		size_t la = ea ? (size_t)(ea - a) : strlen(a), lb = eb ? (size_t)(eb - b) : strlen(b);
		size_t u = ht_tm_add_unit(tm, "devset", NULL, -1);
		ht_tm_set_seg(tm, u, 0, a, la);
		ht_tm_set_seg(tm, u, 1, b, lb);
		a += la + (ea != NULL);
		b += lb + (eb != NULL);
	}
	ht_buf_release(&zh);
	ht_buf_release(&en);
}

/* Columns 2 (zh) and 3 (en) of an SDG table, header skipped. */
static void add_sdg_table(ht_tm *tm, const char *path)
{
	ht_buf t = HT_BUF_INIT;
	ck_assert_int_eq(ht_text_read(path, &t, NULL, NULL), HT_OK);
	char *line = strchr(t.s, '\n');
	while (line && *++line) {
		char *end = strchr(line, '\n');
		if (end)
			*end = 0;
		char *f1 = strchr(line, '\t'), *f2 = f1 ? strchr(f1 + 1, '\t') : NULL;
		char *f3 = f2 ? strchr(f2 + 1, '\t') : NULL;
		if (f3 && f2 > f1 + 1 && f3 > f2 + 1) {
			size_t u = ht_tm_add_unit(tm, "sdg", NULL, -1);
			ht_tm_set_seg(tm, u, 0, f1 + 1, (size_t)(f2 - f1 - 1));
			ht_tm_set_seg(tm, u, 1, f2 + 1, (size_t)(f3 - f2 - 1));
		}
		line = end;
	}
	ht_buf_release(&t);
}

START_TEST(un_terms_found)
{
	static const char *const files[] = {"corpora/sdg/global_goals.6lang.tsv",
					    "corpora/sdg/global_targets.6lang.tsv",
					    "corpora/sdg/global_indicators.6lang.tsv"};
	ht_tm *tm = ht_tm_new("zh");
	ht_tm_add_lang(tm, "en");
	for (size_t i = 0; i < 3; i++)
		add_sdg_table(tm, ht_test_shared(files[i]));
	char zh[4096];
	snprintf(zh, sizeof zh, "%s", ht_test_shared("corpora/unpc-devset/UNv1.0.devset.zh"));
	add_lines_pair(tm, zh, ht_test_shared("corpora/unpc-devset/UNv1.0.devset.en"));
	ck_assert_uint_eq(ht_tm_unit_count(tm), 4455);
	ht_glossary *g = NULL;
	ht_error err = {0};
	ck_assert_int_eq(ht_glossary_build(tm, "zh", "en", NULL, &g, &err), HT_OK);
	static const char *const expect[][2] = {
		{"可持续发展", "sustainable development"},
		{"最不发达国家", "least developed countries"},
		{"小岛屿发展中国家", "small island developing States"},
		{"内陆发展中国家", "landlocked developing countries"},
		{"气候变化", "climate change"},
		{"官方发展援助", "official development assistance"},
		{"减少灾害风险", "disaster risk reduction"},
		{"会员国", "Member States"},
		{"安全理事会", "Security Council"},
		{"民间社会", "civil society"},
	};
	for (size_t i = 0; i < sizeof expect / sizeof *expect; i++) {
		const ht_gloss_entry *e = find_source(g, expect[i][0]);
		ck_assert_msg(e != NULL, "%s is not in the glossary", expect[i][0]);
		ck_assert_msg(strcmp(e->target, expect[i][1]) == 0, "%s = '%s', expected '%s'",
			      expect[i][0], e->target, expect[i][1]);
	}
	ht_glossary_free(g);
	ht_tm_free(tm);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pairing");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, latin_plurals_merge);
	tcase_add_test(tc, russian_forms_group);
	tcase_add_test(tc, arabic_keys_ignore_marks_and_clitics);
	tcase_add_test(tc, ngrams_respect_edges);
	tcase_add_test(tc, build_pairs_terms_with_official_case);
	tcase_add_test(tc, build_errors_are_clear);
	tcase_add_test(tc, min_freq_and_limit);
	suite_add_tcase(s, tc);
	if (ht_test_shared("corpora/unpc-devset/UNv1.0.devset.zh") &&
	    ht_test_shared("corpora/sdg/global_goals.6lang.tsv")) {
		TCase *un = tcase_create("un");
		tcase_set_timeout(un, 120);
		tcase_add_test(un, un_terms_found);
		suite_add_tcase(s, un);
	} else
		printf("SKIP (un): ../shared corpora are absent\n");
	return ht_test_run(s);
}
