/* Term candidates: boundaries, fragments, keys, grouping of inflected forms,
 * units and examples; then the six languages on ../shared (skipped when absent). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/util.h"
#include "hutong/dict.h"
#include "hutong/terms.h"
#include "tests/testutil.h"

/* A term set of `lang` fed with the NULL-terminated lines, ranked. */
static ht_termset *rank_lines(const char *lang, size_t min_freq, const char *const *lines)
{
	ht_termset *ts = ht_termset_new(lang);
	char unit[32];
	for (size_t i = 0; lines[i]; i++) {
		snprintf(unit, sizeof unit, "u%zu", i + 1);
		ht_termset_add_text(ts, lines[i], strlen(lines[i]), "doc", unit);
	}
	ht_error err = {0};
	ck_assert_int_eq(ht_termset_rank(ts, min_freq, &err), HT_OK);
	return ts;
}

/* Rank of the candidate whose shown form is `term`, or SIZE_MAX. */
static size_t rank_of(const ht_termset *ts, const char *term)
{
	for (size_t i = 0; i < ht_termset_count(ts); i++)
		if (strcmp(ht_termset_term(ts, i), term) == 0)
			return i;
	return SIZE_MAX;
}

START_TEST(zh_fragments_do_not_rank)
{
	static const char *const lines[] = {
		"加强中亚和南亚之间的互联互通。",
		"区域互联互通对可持续发展至关重要。",
		"促进互联互通和可持续发展目标。",
		"欢迎中亚和南亚的互联互通倡议。",
		"实现可持续发展，加强互联互通。",
		NULL};
	ht_termset *ts = rank_lines("zh", 2, lines);
	ck_assert_uint_lt(rank_of(ts, "互联互通"), 3);
	ck_assert_uint_ne(rank_of(ts, "可持续发展"), SIZE_MAX);
	ck_assert_uint_eq(ht_termset_find(ts, "互联互通"), rank_of(ts, "互联互通"));
	ck_assert_uint_eq(ht_termset_find(ts, "联互通"), SIZE_MAX);
	ck_assert_uint_eq(ht_termset_length(ts, rank_of(ts, "互联互通")), 4);
	/* fragments: not closed, or bounded by a function character */
	static const char *const fragments[] = {"联互通", "互联互", "可持续发", "持续发展", "和可持续",
						"的互联互通", "亚和南亚", "加强互联互通", "中亚和南亚", NULL};
	for (size_t i = 0; fragments[i]; i++)
		ck_assert_msg(rank_of(ts, fragments[i]) == SIZE_MAX, "fragment %s ranked", fragments[i]);
	ht_termset_free(ts);
}
END_TEST

START_TEST(zh_edges_keep_words_and_dates_separate)
{
	static const char *const lines[] = {
		"促进性别平等，2015年性别平等。",
		"实现性别平等；和平与安全",
		"2015 年 9 月 25 日第 70/1 号决议",
		"第七十六届会议 2015年9月",
		NULL};
	ht_termset *ts = rank_lines("zh", 2, lines);
	/* 等 ends 性别平等 as part of 平等: the edge rule keeps it */
	ck_assert_uint_ne(rank_of(ts, "性别平等"), SIZE_MAX);
	ck_assert_uint_eq(rank_of(ts, "性别平"), SIZE_MAX);
	/* dates and ordinals separate: no 年9, 年性别, 十六届 */
	for (size_t i = 0; i < ht_termset_count(ts); i++) {
		const char *t = ht_termset_term(ts, i);
		ck_assert_msg(!strstr(t, "年") && !strstr(t, "届") && !strstr(t, "2015"), "date in %s", t);
	}
	ht_termset_free(ts);
}
END_TEST

START_TEST(zh_dictionary_words_may_carry_edge_function_characters)
{
	static const char *const lines[] = {"采取对抗措施。", "不采取对抗措施！", "对抗措施", NULL};
	ht_termset *ts = rank_lines("zh", 2, lines);
	ck_assert_uint_eq(rank_of(ts, "对抗措施"), SIZE_MAX); /* 对 is a function character */
	ht_termset_free(ts);

	char path[] = "/tmp/ht-terms-dict-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	static const char entry[] = "對抗 对抗 [dui4 kang4] /to withstand/to resist/\n";
	ck_assert_int_eq(write(fd, entry, sizeof entry - 1), (int)(sizeof entry - 1));
	close(fd);
	ht_dict *dict = NULL;
	ht_error err = {0};
	ck_assert_int_eq(ht_dict_load(path, "zh", "en", &dict, &err), HT_OK);
	unlink(path);
	ts = ht_termset_new("zh");
	ht_termset_set_dict(ts, dict);
	for (size_t i = 0; lines[i]; i++)
		ht_termset_add_text(ts, lines[i], strlen(lines[i]), "doc", NULL);
	ck_assert_int_eq(ht_termset_rank(ts, 2, &err), HT_OK);
	ck_assert_uint_ne(rank_of(ts, "对抗措施"), SIZE_MAX);
	ht_termset_free(ts);
	ht_dict_free(dict);
}
END_TEST

START_TEST(en_case_plural_and_units)
{
	static const char *const lines[] = {
		"Member States reaffirm support for least developed countries.",
		"Climate change affects the least developed countries and Member States.",
		"The report states that climate change is a threat to a least developed country.",
		"Member States discussed climate change.",
		NULL};
	ht_termset *ts = rank_lines("en", 2, lines);
	size_t ms = rank_of(ts, "Member States");
	ck_assert_uint_ne(ms, SIZE_MAX);
	ck_assert_str_eq(ht_termset_key(ts, ms), "Member State");
	ck_assert_uint_eq(ht_termset_freq(ts, ms), 3);
	/* a sentence-initial capital folds: "Climate change" and "climate change" are one */
	size_t cc = rank_of(ts, "climate change");
	ck_assert_uint_ne(cc, SIZE_MAX);
	ck_assert_uint_eq(ht_termset_freq(ts, cc), 3);
	ck_assert_str_eq(ht_termset_key(ts, cc), "climate change");
	/* singular and plural are one candidate shown in its most frequent form */
	size_t ldc = rank_of(ts, "least developed countries");
	ck_assert_uint_ne(ldc, SIZE_MAX);
	ck_assert_uint_eq(ht_termset_freq(ts, ldc), 3);
	ck_assert_uint_eq(ht_termset_find(ts, "least developed country"), ldc);
	size_t n;
	const size_t *units = ht_termset_units(ts, ldc, &n);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(units[0], 0);
	ck_assert_uint_eq(units[1], 1);
	ck_assert_uint_eq(units[2], 2);
	ck_assert_str_eq(ht_termset_example_doc(ts, ldc), "doc");
	ck_assert_str_eq(ht_termset_example_unit(ts, ldc), "u1");
	/* function words never open or close a candidate; "least" is no term alone */
	for (size_t i = 0; i < ht_termset_count(ts); i++) {
		const char *t = ht_termset_term(ts, i);
		ck_assert_msg(strncmp(t, "the ", 4) != 0 && strcmp(t, "least") != 0, "bad candidate %s", t);
	}
	ht_termset_free(ts);
}
END_TEST

START_TEST(es_names_articles_and_accents)
{
	static const char *const lines[] = {
		"El Grupo de Estados No Alineados Partes en el Tratado.",
		"No hay acuerdo del Grupo de Estados No Alineados Partes.",
		"Los países menos adelantados y las naciones.",
		"Ayuda a los países menos adelantados.",
		"De los países menos adelantados, la nación.",
		"Grupo de Estados No Alineados Partes en el Tratado.",
		"Los Estados No Alineados Partes.",
		"Estados No Alineados Partes",
		NULL};
	ht_termset *ts = rank_lines("es", 2, lines);
	/* "No" inside a name is a word; a candidate does not start after it */
	ck_assert_uint_eq(rank_of(ts, "Alineados Partes"), SIZE_MAX);
	ck_assert_uint_ne(rank_of(ts, "Estados No Alineados Partes"), SIZE_MAX);
	/* an article on the left of nearly every occurrence does not make a fragment */
	ck_assert_uint_ne(rank_of(ts, "países menos adelantados"), SIZE_MAX);
	/* accents and -es plurals share a key: nación, naciones */
	ck_assert_str_eq(ht_termset_key(ts, rank_of(ts, "países menos adelantados")), "pais menos adelantado");
	ht_termset_free(ts);
}
END_TEST

START_TEST(ru_inflected_forms_group)
{
	static const char *const lines[] = {
		"Цели в области устойчивого развития.",
		"Повестка дня в области устойчивого развития.",
		"Устойчивое развитие требует усилий.",
		"Содействие устойчивому развитию.",
		"Доклад об устойчивом развитии и устойчивого развития.",
		NULL};
	ht_termset *ts = rank_lines("ru", 2, lines);
	size_t i = rank_of(ts, "устойчивого развития");
	ck_assert_uint_ne(i, SIZE_MAX);
	ck_assert_uint_eq(ht_termset_freq(ts, i), 6);
	ck_assert_uint_eq(rank_of(ts, "устойчивое развитие"), SIZE_MAX); /* grouped, not apart */
	ht_termset_free(ts);
}
END_TEST

START_TEST(ar_diacritics_tatweel_and_clitics_group)
{
	static const char *const lines[] = {
		"التنمية المستدامة في العالم",
		"أهداف التنميـة المستدامة",
		"التَّنْمِيَة المستدامة للجميع",
		"من أجل التنمية المستدامة",
		"والتنمية المستدامة",
		NULL};
	ht_termset *ts = rank_lines("ar", 2, lines);
	size_t i = rank_of(ts, "التنمية المستدامة");
	ck_assert_uint_ne(i, SIZE_MAX);
	ck_assert_uint_eq(ht_termset_freq(ts, i), 5);
	ht_termset_free(ts);
}
END_TEST

START_TEST(fr_elision_is_not_part_of_terms)
{
	static const char *const lines[] = {
		"La protection de l'environnement marin.",
		"Sur l’environnement marin et le développement durable.",
		"Le développement durable de l'environnement marin.",
		NULL};
	ht_termset *ts = rank_lines("fr", 2, lines);
	ck_assert_uint_ne(rank_of(ts, "environnement marin"), SIZE_MAX);
	ck_assert_uint_ne(rank_of(ts, "développement durable"), SIZE_MAX);
	for (size_t i = 0; i < ht_termset_count(ts); i++)
		ck_assert_msg(strncmp(ht_termset_term(ts, i), "l", 1) != 0 ||
				      strncmp(ht_termset_term(ts, i), "l'", 2) != 0,
			      "elided article in %s", ht_termset_term(ts, i));
	ht_termset_free(ts);
}
END_TEST

START_TEST(empty_min_freq_and_rerank)
{
	static const char *const none[] = {NULL};
	ht_termset *ts = rank_lines("en", 2, none);
	ck_assert_uint_eq(ht_termset_count(ts), 0);
	ck_assert_str_eq(ht_termset_lang(ts), "en");
	ht_termset_add_text(ts, "", 0, NULL, NULL);
	ht_termset_add_text(ts, "climate change", 14, NULL, NULL);
	ht_error err = {0};
	ck_assert_int_eq(ht_termset_rank(ts, 2, &err), HT_OK);
	ck_assert_uint_eq(ht_termset_count(ts), 0);
	ck_assert_int_eq(ht_termset_rank(ts, 1, &err), HT_OK);
	size_t i = rank_of(ts, "climate change");
	ck_assert_uint_ne(i, SIZE_MAX);
	ck_assert_ptr_null(ht_termset_example_doc(ts, i));
	ck_assert_uint_eq(ht_termset_unit_count(ts), 2);
	/* text added after ranking: rank again */
	ht_termset_add_text(ts, "Climate change again.", 21, "d", "u3");
	ck_assert_int_eq(ht_termset_rank(ts, 2, &err), HT_OK);
	i = rank_of(ts, "climate change");
	ck_assert_uint_ne(i, SIZE_MAX);
	ck_assert_uint_eq(ht_termset_freq(ts, i), 2);
	ht_termset_free(ts);
	ht_termset_free(NULL);
}
END_TEST

START_TEST(invalid_and_odd_text_does_not_crash)
{
	ht_termset *ts = ht_termset_new("xx");
	static const char odd[] = "\xEF\xBF\xBD\xEF\xBF\xBD --- ... 12 34 ---- a-b-c-d \xD9\x80\xD9\x80";
	for (int k = 0; k < 3; k++)
		ht_termset_add_text(ts, odd, sizeof odd - 1, "d", "u");
	ht_error err = {0};
	ck_assert_int_eq(ht_termset_rank(ts, 2, &err), HT_OK);
	for (size_t i = 0; i < ht_termset_count(ts); i++)
		ck_assert_ptr_nonnull(ht_termset_term(ts, i));
	ht_termset_free(ts);
}
END_TEST

/* ---- the shared corpora ---- */

static char *read_shared(const char *rel, size_t *len)
{
	const char *path = ht_test_shared(rel);
	if (!path)
		return NULL;
	ht_buf b = HT_BUF_INIT;
	ht_error err = {0};
	ck_assert_int_eq(ht_text_read(path, &b, NULL, &err), HT_OK);
	return ht_buf_detach(&b, len);
}

/* The UNPC development set of `lang`, one sentence a unit. */
static ht_termset *devset(const char *lang)
{
	char rel[128];
	snprintf(rel, sizeof rel, "corpora/unpc-devset/UNv1.0.devset.%s", lang);
	size_t len;
	char *text = read_shared(rel, &len);
	ht_termset *ts = ht_termset_new(lang);
	for (size_t at = 0; at < len;) {
		char *nl = memchr(text + at, '\n', len - at);
		size_t end = nl ? (size_t)(nl - text) : len;
		ht_termset_add_text(ts, text + at, end - at, "devset", NULL);
		at = end + 1;
	}
	free(text);
	ht_error err = {0};
	ck_assert_int_eq(ht_termset_rank(ts, 2, &err), HT_OK);
	return ts;
}

static void expect_top(const ht_termset *ts, const char *term, size_t top)
{
	size_t r = rank_of(ts, term);
	ck_assert_msg(r < top, "%s: '%s' ranks %zu, not in the top %zu", ht_termset_lang(ts), term,
		      r == SIZE_MAX ? 0 : r + 1, top);
}

START_TEST(devset_en)
{
	ht_termset *ts = devset("en");
	expect_top(ts, "United Nations", 5);
	expect_top(ts, "Member States", 10);
	expect_top(ts, "sustainable development", 40);
	expect_top(ts, "human rights", 10);
	expect_top(ts, "civil society", 80);
	ht_termset_free(ts);
}
END_TEST

START_TEST(devset_fr_es_ru_ar_zh)
{
	ht_termset *ts = devset("fr");
	expect_top(ts, "Conseil de sécurité", 10);
	expect_top(ts, "développement durable", 60);
	ht_termset_free(ts);
	ts = devset("es");
	expect_top(ts, "Consejo de Seguridad", 10);
	expect_top(ts, "desarrollo sostenible", 60);
	ht_termset_free(ts);
	ts = devset("ru");
	expect_top(ts, "Совета Безопасности", 10);
	expect_top(ts, "устойчивого развития", 80);
	ht_termset_free(ts);
	ts = devset("ar");
	expect_top(ts, "مجلس الأمن", 10);
	expect_top(ts, "التنمية المستدامة", 100);
	ht_termset_free(ts);
	ts = devset("zh");
	expect_top(ts, "安全理事会", 10);
	expect_top(ts, "可持续发展", 40);
	ck_assert_uint_eq(rank_of(ts, "朝鲜民主主义人民共"), SIZE_MAX);
	ht_termset_free(ts);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("terms");
	TCase *tc = tcase_create("candidates");
	tcase_add_test(tc, zh_fragments_do_not_rank);
	tcase_add_test(tc, zh_edges_keep_words_and_dates_separate);
	tcase_add_test(tc, zh_dictionary_words_may_carry_edge_function_characters);
	tcase_add_test(tc, en_case_plural_and_units);
	tcase_add_test(tc, es_names_articles_and_accents);
	tcase_add_test(tc, ru_inflected_forms_group);
	tcase_add_test(tc, ar_diacritics_tatweel_and_clitics_group);
	tcase_add_test(tc, fr_elision_is_not_part_of_terms);
	tcase_add_test(tc, empty_min_freq_and_rerank);
	tcase_add_test(tc, invalid_and_odd_text_does_not_crash);
	suite_add_tcase(s, tc);
	if (ht_test_shared("corpora/unpc-devset")) {
		TCase *shared = tcase_create("shared");
		tcase_set_timeout(shared, 60);
		tcase_add_test(shared, devset_en);
		tcase_add_test(shared, devset_fr_es_ru_ar_zh);
		suite_add_tcase(s, shared);
	} else
		printf("SKIP: ../shared/corpora/unpc-devset is absent: the corpus checks do not run\n");
	return ht_test_run(s);
}
