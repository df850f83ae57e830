/* The sentence splitter's rules, on sentences shaped like those of UN
 * documents (most of them cases that ICU's sentence break alone gets wrong),
 * and language identification. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/util.h"
#include "hutong/sentence.h"
#include "tests/testutil.h"

/* Split `text` and return the sentences joined with '|' (the texts here have
 * none); also checks that the spans cover the text without gaps. */
static char *split_marked(const char *lang, const char *text)
{
	ht_splitter *sp = NULL;
	ht_error err = {0};
	ck_assert_int_eq(ht_splitter_new(lang, &sp, &err), HT_OK);
	ht_span *spans = NULL;
	size_t n = 0, cap = 0, len = strlen(text);
	ck_assert_int_eq(ht_splitter_split(sp, text, len, &spans, &n, &cap, &err), HT_OK);
	ht_buf out = HT_BUF_INIT;
	size_t at = 0;
	for (size_t i = 0; i < n; i++) {
		ck_assert_uint_eq(spans[i].start, at);
		ck_assert_uint_gt(spans[i].len, 0);
		if (i)
			ht_buf_addc(&out, '|');
		ht_buf_add(&out, text + at, spans[i].len);
		at += spans[i].len;
	}
	ck_assert_uint_eq(at, len);
	free(spans);
	ht_splitter_free(sp);
	return ht_buf_detach(&out, NULL);
}

#define SPLITS(lang, text, expected)                                \
	do {                                                        \
		char *got_ = split_marked(lang, text);              \
		ck_assert_str_eq(got_, expected);                   \
		free(got_);                                         \
	} while (0)

START_TEST(plain_sentences_split)
{
	SPLITS("en", "The Committee met twice. It adopted its report. Was it enough? Yes!",
	       "The Committee met twice. |It adopted its report. |Was it enough? |Yes!");
	SPLITS("en", "", "");
	SPLITS("en", "One sentence without a full stop", "One sentence without a full stop");
}
END_TEST

START_TEST(titles_never_end)
{
	SPLITS("en", "Mr. Smith and Mrs. Jones met Ms. Lee and Dr. Brown in St. Lucia. They agreed.",
	       "Mr. Smith and Mrs. Jones met Ms. Lee and Dr. Brown in St. Lucia. |They agreed.");
	SPLITS("fr", "M. Dupont a rencontré Mme Durand. MM. Martin et Petit étaient présents.",
	       "M. Dupont a rencontré Mme Durand. |MM. Martin et Petit étaient présents.");
	SPLITS("es", "El Sr. García y la Sra. López hablaron. La Sra. Pérez también.",
	       "El Sr. García y la Sra. López hablaron. |La Sra. Pérez también.");
	SPLITS("fr", "La séance est ouverte par S. E. M. Abel Ayoko (Nigéria). Il est élu.",
	       "La séance est ouverte par S. E. M. Abel Ayoko (Nigéria). |Il est élu.");
	SPLITS("es", "Por ejemplo, en la causa Fiscal c. Kunarac, la Sala decidió. Luego apeló.",
	       "Por ejemplo, en la causa Fiscal c. Kunarac, la Sala decidió. |Luego apeló.");
}
END_TEST

START_TEST(references_join_before_numbers)
{
	SPLITS("en", "See resolution 70/1, para. 31, and No. 5 of vol. II, pp. 12-15. Then vote.",
	       "See resolution 70/1, para. 31, and No. 5 of vol. II, pp. 12-15. |Then vote.");
	SPLITS("en", "The cost rose (ibid., para. 31). The Board agreed (see arts. 3 and 4).",
	       "The cost rose (ibid., para. 31). |The Board agreed (see arts. 3 and 4).");
	SPLITS("en", "Read Corr. 1 and Add. 2 and Rev. 3. Done.",
	       "Read Corr. 1 and Add. 2 and Rev. 3. |Done.");
	/* a reference word before a capital still ends the sentence */
	SPLITS("en", "The figures are on the next p. The rest follows.",
	       "The figures are on the next p. |The rest follows.");
	SPLITS("es", "Véase el párr. 5 del art. 3 y el núm. 2. Se aprobó.",
	       "Véase el párr. 5 del art. 3 y el núm. 2. |Se aprobó.");
	SPLITS("ru", "См. п. 3 ст. 5 Конвенции. Комитет согласился.",
	       "См. п. 3 ст. 5 Конвенции. |Комитет согласился.");
	SPLITS("en", "Empresa Argentina de Soluciones Satelitales S.A. (ARSAT) launched it.",
	       "Empresa Argentina de Soluciones Satelitales S.A. (ARSAT) launched it.");
}
END_TEST

START_TEST(latin_abbreviations)
{
	SPLITS("en", "Several bodies, i.e. UNDP and UNICEF, and others, e.g. WHO, attended. Fine.",
	       "Several bodies, i.e. UNDP and UNICEF, and others, e.g. WHO, attended. |Fine.");
	SPLITS("en", "Funds, staff, etc. are needed. Smith v. Jones was cited.",
	       "Funds, staff, etc. are needed. |Smith v. Jones was cited.");
	/* "etc." before a capital ends the sentence, as in official texts */
	SPLITS("en", "Funds, staff, etc. The Board noted it.", "Funds, staff, etc. |The Board noted it.");
	SPLITS("fr", "Certaines mesures, p. ex. la formation, sont utiles. Voir l’art. 5.",
	       "Certaines mesures, p. ex. la formation, sont utiles. |Voir l’art. 5.");
}
END_TEST

START_TEST(russian_rules)
{
	SPLITS("ru", "Выделено 5 млн. долл. США. Комитет одобрил это.",
	       "Выделено 5 млн. долл. США. |Комитет одобрил это.");
	/* "долл. США" is one unit even before a capital */
	SPLITS("ru", "Сумма в 200 долл. США Комитет счел разумной.",
	       "Сумма в 200 долл. США Комитет счел разумной.");
	SPLITS("ru", "Совещание прошло в г. Женеве. Оно завершилось в 2015 г. Комитет одобрил доклад.",
	       "Совещание прошло в г. Женеве. |Оно завершилось в 2015 г. |Комитет одобрил доклад.");
	SPLITS("ru", "Есть два подхода, т.е. Комиссия выбирает. И т.д. Все согласны.",
	       "Есть два подхода, т.е. Комиссия выбирает. |И т.д. |Все согласны.");
	SPLITS("ru", "Выступил А. Иванов. Он согласился.", "Выступил А. Иванов. |Он согласился.");
	/* no sentence starts with a lower-case letter, after "?" either */
	SPLITS("ru", "Следует ли ускорить график вывода ГХФУ? и если да, то как?",
	       "Следует ли ускорить график вывода ГХФУ? и если да, то как?");
}
END_TEST

START_TEST(initials)
{
	SPLITS("en", "The report of J. Smith was read. Andrzej T. Abraszewski (Poland) spoke.",
	       "The report of J. Smith was read. |Andrzej T. Abraszewski (Poland) spoke.");
	SPLITS("en", "Statement by J. R. R. Tolkien. Next item.", "Statement by J. R. R. Tolkien. |Next item.");
	/* a letter after a word that names parts is no initial */
	SPLITS("en", "The data are in annex B. The Committee took note.",
	       "The data are in annex B. |The Committee took note.");
	SPLITS("en", "See Group C. Its members agreed.", "See Group C. |Its members agreed.");
	SPLITS("ru", "См. приложение Б. Комитет согласился.", "См. приложение Б. |Комитет согласился.");
}
END_TEST

START_TEST(numbers_and_symbols)
{
	SPLITS("en", "Growth was 1.25 per cent in 2015. Adopted as A/RES/70/1. See E/CN.4/2005/L.10 and S/2015/1.",
	       "Growth was 1.25 per cent in 2015. |Adopted as A/RES/70/1. |See E/CN.4/2005/L.10 and S/2015/1.");
}
END_TEST

START_TEST(enumeration_labels_stay_with_their_sentence)
{
	SPLITS("en", "1. Decides to convene the meeting. 2. Requests a report.",
	       "1. Decides to convene the meeting. |2. Requests a report.");
	SPLITS("en", "II. Mandate and methods of work", "II. Mandate and methods of work");
	SPLITS("en", "B. Treaties and other instruments", "B. Treaties and other instruments");
	SPLITS("ru", "IV. G. Оценка оперативной деятельности", "IV. G. Оценка оперативной деятельности");
	SPLITS("en", "(a) Decides to act; (b) Requests more.", "(a) Decides to act; (b) Requests more.");
	SPLITS("en", "76/295. Connectivity in Central Asia", "76/295. Connectivity in Central Asia");
	SPLITS("zh", "二．维护国际和平与安全", "二．维护国际和平与安全");
	SPLITS("zh", "第五节．资源使用情况：战略部署储存物", "第五节．资源使用情况：战略部署储存物");
	SPLITS("zh", "112．接管阿姆兰市的案例。", "112．接管阿姆兰市的案例。");
}
END_TEST

START_TEST(footnote_reference_after_full_stop)
{
	SPLITS("en", "It indicated a certain level of planning.[23] The group then left.",
	       "It indicated a certain level of planning.[23] |The group then left.");
	SPLITS("en", "It indicated a certain level of planning.[23]", "It indicated a certain level of planning.[23]");
}
END_TEST

START_TEST(chinese_terminators_and_closings)
{
	SPLITS("zh", "大会通过了决议。安理会表示欢迎！这是否足够？是的。",
	       "大会通过了决议。|安理会表示欢迎！|这是否足够？|是的。");
	/* closing quotes and brackets stay with their sentence */
	SPLITS("zh", "他说：“我们同意。”委员会注意到这一点（见附件？）接着休会。",
	       "他说：“我们同意。”|委员会注意到这一点（见附件？）|接着休会。");
	/* the semicolon does not end a sentence (as in the UN Parallel Corpus) */
	SPLITS("zh", "第一，加强合作；第二，增加资源。", "第一，加强合作；第二，增加资源。");
	/* an ASCII full stop glued to the next character is no sentence end */
	SPLITS("zh", "目标是\"免后世再遭.战祸\"。", "目标是\"免后世再遭.战祸\"。");
	/* a straight quote after 。 opens the next sentence when quotes are balanced */
	SPLITS("zh", "有两方面目的。\"因此，报告很重要。\"", "有两方面目的。|\"因此，报告很重要。\"");
	SPLITS("zh", "他说\"我们同意。\"然后离开。", "他说\"我们同意。\"|然后离开。");
	/* opening quotes and brackets glued after a terminator open the next sentence */
	SPLITS("zh", "他哭了起来。“哈哈，又放倒了一个！”汪淼说。（见附件。）",
	       "他哭了起来。|“哈哈，又放倒了一个！”|汪淼说。|（见附件。）");
}
END_TEST

START_TEST(arabic_terminators)
{
	SPLITS("ar", "اعتمدت اللجنة التقرير. هل هذا كاف؟ نعم!",
	       "اعتمدت اللجنة التقرير. |هل هذا كاف؟ |نعم!");
	/* a lone letter with a full stop is an abbreviation: "(ص. 34)" = page 34 */
	SPLITS("ar", "الملاريا وفقر الدم (ص. 34). وتلاحظ اللجنة ذلك.",
	       "الملاريا وفقر الدم (ص. 34). |وتلاحظ اللجنة ذلك.");
	/* a word ending in a shadda is still a word */
	SPLITS("ar", "وقع هجوم على مكان مقدّس. فهذه الهجمات خطيرة.",
	       "وقع هجوم على مكان مقدّس. |فهذه الهجمات خطيرة.");
}
END_TEST

START_TEST(punctuation_only_pieces_join_the_sentence_before)
{
	SPLITS("fr", "Ils sont soumis aux principes de la Constitution. >>",
	       "Ils sont soumis aux principes de la Constitution. >>");
}
END_TEST

START_TEST(other_languages_use_root_rules)
{
	SPLITS("de", "Das ist gut. Wir gehen.", "Das ist gut. |Wir gehen.");
	SPLITS("x-unknown-tag", "One. Two.", "One. |Two.");
	SPLITS(NULL, "One. Two.", "One. |Two.");
	SPLITS("EN-gb", "Mr. Smith left. Done.", "Mr. Smith left. |Done.");
}
END_TEST

START_TEST(odd_input_keeps_the_text)
{
	/* spaces only, a lone terminator, bytes that are not UTF-8 */
	SPLITS("en", "   ", "   ");
	SPLITS("en", ". . .", ". . .");
	char *got = split_marked("zh", "\xff\xfe。\xe4\xb8。a\xc3");
	free(got);
	got = split_marked("ar", "\xd9");
	free(got);
}
END_TEST

START_TEST(long_paragraph)
{
	ht_buf b = HT_BUF_INIT;
	for (int i = 0; i < 20000; i++)
		ht_buf_adds(&b, "See para. 5 of the report by Mr. Smith. ");
	ht_splitter *sp = NULL;
	ck_assert_int_eq(ht_splitter_new("en", &sp, NULL), HT_OK);
	ht_span *spans = NULL;
	size_t n = 0, cap = 0;
	ck_assert_int_eq(ht_splitter_split(sp, b.s, b.len, &spans, &n, &cap, NULL), HT_OK);
	ck_assert_uint_eq(n, 20000);
	/* the splitter is reusable: a short text after a long one */
	ck_assert_int_eq(ht_splitter_split(sp, "A. B. Two. Three.", 17, &spans, &n, &cap, NULL), HT_OK);
	ck_assert_uint_eq(n, 2);
	free(spans);
	ht_splitter_free(sp);
	ht_buf_release(&b);
}
END_TEST

START_TEST(lang_from_filename)
{
	ck_assert_str_eq(ht_lang_from_filename("A_RES_76_295.zh.txt"), "zh");
	ck_assert_str_eq(ht_lang_from_filename("/some/dir/report.en"), "en");
	ck_assert_str_eq(ht_lang_from_filename("../shared/corpora/unpc-devset/UNv1.0.devset.ru"), "ru");
	ck_assert_str_eq(ht_lang_from_filename("UNv1.0.devset.ar"), "ar");
	ck_assert_str_eq(ht_lang_from_filename("cmn_hans.html"), "zh");
	ck_assert_str_eq(ht_lang_from_filename("eng.html"), "en");
	ck_assert_str_eq(ht_lang_from_filename("fra.html"), "fr");
	ck_assert_str_eq(ht_lang_from_filename("spa.html"), "es");
	ck_assert_str_eq(ht_lang_from_filename("rus.html"), "ru");
	ck_assert_str_eq(ht_lang_from_filename("corpora/fetched/udhr/arb.html"), "ar");
	ck_assert_str_eq(ht_lang_from_filename("udhr_eng.xml"), "en");
	ck_assert_str_eq(ht_lang_from_filename("udhr_cmn_hans.xml"), "zh");
	ck_assert_str_eq(ht_lang_from_filename("X.FR"), "fr");
	ck_assert_ptr_null(ht_lang_from_filename("notes.txt"));
	ck_assert_ptr_null(ht_lang_from_filename("A_RES_76_295.txt"));
	ck_assert_ptr_null(ht_lang_from_filename(""));
	ck_assert_ptr_null(ht_lang_from_filename(NULL));
	/* a language code in a folder name does not count */
	ck_assert_ptr_null(ht_lang_from_filename("zh/report.txt"));
}
END_TEST

static const char *detect(const char *s) { return ht_lang_detect(s, strlen(s)); }

START_TEST(lang_detect_scripts_and_words)
{
	ck_assert_str_eq(detect("大会通过了关于中亚和南亚互联互通的决议 (A/RES/76/295)。"), "zh");
	ck_assert_str_eq(detect("اعتمدت الجمعية العامة القرار"), "ar");
	ck_assert_str_eq(detect("Генеральная Ассамблея приняла резолюцию"), "ru");
	ck_assert_str_eq(detect("The General Assembly adopted the resolution on connectivity."), "en");
	ck_assert_str_eq(detect("L’Assemblée générale a adopté la résolution sur les transports et la connectivité."), "fr");
	ck_assert_str_eq(detect("La Asamblea General aprobó la resolución sobre los transportes y la conectividad."), "es");
	ck_assert_str_eq(detect(""), "und");
	ck_assert_str_eq(detect("12345 ... !!!"), "und");
	ck_assert_str_eq(detect("xyzzy plugh"), "und");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sentence");
	TCase *tc = tcase_create("rules");
	tcase_add_test(tc, plain_sentences_split);
	tcase_add_test(tc, titles_never_end);
	tcase_add_test(tc, references_join_before_numbers);
	tcase_add_test(tc, latin_abbreviations);
	tcase_add_test(tc, russian_rules);
	tcase_add_test(tc, initials);
	tcase_add_test(tc, numbers_and_symbols);
	tcase_add_test(tc, enumeration_labels_stay_with_their_sentence);
	tcase_add_test(tc, footnote_reference_after_full_stop);
	tcase_add_test(tc, chinese_terminators_and_closings);
	tcase_add_test(tc, arabic_terminators);
	tcase_add_test(tc, punctuation_only_pieces_join_the_sentence_before);
	tcase_add_test(tc, other_languages_use_root_rules);
	tcase_add_test(tc, odd_input_keeps_the_text);
	tcase_add_test(tc, long_paragraph);
	suite_add_tcase(s, tc);
	TCase *tl = tcase_create("lang");
	tcase_add_test(tl, lang_from_filename);
	tcase_add_test(tl, lang_detect_scripts_and_words);
	suite_add_tcase(s, tl);
	return ht_test_run(s);
}
