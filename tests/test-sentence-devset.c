/* The splitter and language identification on the whole UNPC devset
 * (../shared/corpora/unpc-devset; skipped when absent). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/util.h"
#include "hutong/sentence.h"
#include "tests/testutil.h"

static const char *const langs[] = {"ar", "en", "es", "fr", "ru", "zh"};

static void read_devset(const char *lang, ht_buf *out)
{
	char rel[64];
	snprintf(rel, sizeof rel, "corpora/unpc-devset/UNv1.0.devset.%s", lang);
	const char *path = ht_test_shared(rel);
	ck_assert_ptr_nonnull(path);
	ht_error err = {0};
	ck_assert_msg(ht_text_read(path, out, NULL, &err) == HT_OK, "%s", err.message);
}

/* Split s[0..len) and require spans that cover it without gaps or empties. */
static size_t split_covers(ht_splitter *sp, const char *s, size_t len, ht_span **spans, size_t *cap)
{
	size_t n = 0, at = 0;
	ht_error err = {0};
	ck_assert_msg(ht_splitter_split(sp, s, len, spans, &n, cap, &err) == HT_OK, "%s", err.message);
	for (size_t i = 0; i < n; i++) {
		ck_assert_uint_eq((*spans)[i].start, at);
		ck_assert_uint_gt((*spans)[i].len, 0);
		at += (*spans)[i].len;
	}
	ck_assert_uint_eq(at, len);
	return n;
}

/* Every line, and every run of 25 lines joined into one paragraph, splits
 * into sentences that give the text back. */
START_TEST(join_gives_back_text)
{
	const char *lang = langs[_i];
	ht_buf text = HT_BUF_INIT, para = HT_BUF_INIT;
	read_devset(lang, &text);
	ht_splitter *sp = NULL;
	ck_assert_int_eq(ht_splitter_new(lang, &sp, NULL), HT_OK);
	ht_span *spans = NULL;
	size_t cap = 0, lines = 0, sentences = 0;
	const char *sep = strcmp(lang, "zh") == 0 ? "" : " ";
	for (size_t i = 0; i < text.len;) {
		const char *nl = memchr(text.s + i, '\n', text.len - i);
		size_t end = nl ? (size_t)(nl - text.s) : text.len;
		sentences += split_covers(sp, text.s + i, end - i, &spans, &cap);
		if (para.len)
			ht_buf_adds(&para, sep);
		ht_buf_add(&para, text.s + i, end - i);
		if (++lines % 25 == 0) {
			split_covers(sp, para.s, para.len, &spans, &cap);
			ht_buf_reset(&para);
		}
		i = end + 1;
	}
	split_covers(sp, para.s, para.len, &spans, &cap);
	ck_assert_uint_eq(lines, 4000);
	/* one sentence a line, give or take the devset's few multi-sentence lines */
	ck_assert_uint_ge(sentences, 4000);
	ck_assert_uint_le(sentences, 4040);
	free(spans);
	ht_splitter_free(sp);
	ht_buf_release(&para);
	ht_buf_release(&text);
}
END_TEST

START_TEST(detects_the_language_of_each_file)
{
	const char *lang = langs[_i];
	ht_buf text = HT_BUF_INIT;
	read_devset(lang, &text);
	ck_assert_str_eq(ht_lang_detect(text.s, text.len), lang);
	/* and of its first 40 lines ("Sixty-ninth session" alone says nothing) */
	const char *p = text.s;
	for (int i = 0; i < 40 && p; i++)
		p = strchr(p + 1, '\n');
	ck_assert_str_eq(ht_lang_detect(text.s, p ? (size_t)(p - text.s) : text.len), lang);
	char name[64];
	snprintf(name, sizeof name, "UNv1.0.devset.%s", lang);
	ck_assert_str_eq(ht_lang_from_filename(name), lang);
	ht_buf_release(&text);
}
END_TEST

int main(void)
{
	ht_test_require_shared("corpora/unpc-devset/UNv1.0.devset.ids");
	Suite *s = suite_create("sentence-devset");
	TCase *tc = tcase_create("devset");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, join_gives_back_text, 0, 6);
	tcase_add_loop_test(tc, detects_the_language_of_each_file, 0, 6);
	suite_add_tcase(s, tc);
	return ht_test_run(s);
}
