/* Shared helpers: input decoding, buffers, tokens, keys, atomic output. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/util.h"
#include "tests/testutil.h"

static ht_status decode(const char *data, size_t len, ht_buf *out, size_t *repairs, ht_error *err)
{
	return ht_text_decode("t.txt", data, len, out, repairs, err);
}

START_TEST(invalid_utf8_names_byte)
{
	ht_buf out = HT_BUF_INIT;
	ht_error err = {0};
	ck_assert_int_eq(decode("abc\xff" "def", 7, &out, NULL, &err), HT_ERR_DATA);
	ck_assert_str_eq(err.message, "t.txt: byte 3: invalid UTF-8");
	/* the offset counts the BOM */
	ck_assert_int_eq(decode("\xEF\xBB\xBF" "ab\xC3", 6, &out, NULL, &err), HT_ERR_DATA);
	ck_assert_str_eq(err.message, "t.txt: byte 5: invalid UTF-8");
	ht_buf_release(&out);
}
END_TEST

START_TEST(repair_counts_bad_bytes)
{
	ht_buf out = HT_BUF_INIT;
	size_t repairs = 0;
	ck_assert_int_eq(decode("a\xff\xfe" "b\xed\xa0\x80", 7, &out, &repairs, NULL), HT_OK);
	ck_assert_uint_eq(repairs, 5); /* two stray bytes, and a surrogate's three */
	ck_assert_str_eq(out.s, "a\xEF\xBF\xBD\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	ht_buf_release(&out);
}
END_TEST

START_TEST(nul_byte_is_invalid)
{
	ht_buf out = HT_BUF_INIT;
	ht_error err = {0};
	ck_assert_int_eq(decode("ab\0c", 4, &out, NULL, &err), HT_ERR_DATA);
	ck_assert_str_eq(err.message, "t.txt: byte 2: invalid UTF-8");
	ht_buf_release(&out);
}
END_TEST

START_TEST(bom_crlf_utf16)
{
	ht_buf out = HT_BUF_INIT;
	ck_assert_int_eq(decode("\xEF\xBB\xBFl1\r\nl2\r\n", 11, &out, NULL, NULL), HT_OK);
	ck_assert_str_eq(out.s, "l1\nl2\n");
	/* UTF-16LE "中a" and UTF-16BE with a surrogate pair (U+20000) */
	ck_assert_int_eq(decode("\xFF\xFE\x2D\x4E\x61\x00", 6, &out, NULL, NULL), HT_OK);
	ck_assert_str_eq(out.s, "\xE4\xB8\xAD" "a");
	ck_assert_int_eq(decode("\xFE\xFF\xD8\x40\xDC\x00", 6, &out, NULL, NULL), HT_OK);
	ck_assert_str_eq(out.s, "\xF0\xA0\x80\x80");
	ht_buf_release(&out);
}
END_TEST

START_TEST(nfc_on_read)
{
	ht_buf out = HT_BUF_INIT;
	/* e + combining acute becomes é */
	ck_assert_int_eq(decode("Re\xCC\x81sum", 7, &out, NULL, NULL), HT_OK);
	ck_assert_str_eq(out.s, "R\xC3\xA9sum");
	ht_buf_release(&out);
}
END_TEST

START_TEST(key_fold_width_case_arabic)
{
	ht_buf k = HT_BUF_INIT;
	ht_key_fold("ＵＮ Member", strlen("ＵＮ Member"), &k);
	ck_assert_str_eq(k.s, "un member");
	ht_buf_reset(&k);
	/* كِتَـاب (with kasra, fatha, tatweel) folds to كتاب */
	const char *ar = "\xD9\x83\xD9\x90\xD8\xAA\xD9\x8E\xD9\x80\xD8\xA7\xD8\xA8";
	ht_key_fold(ar, strlen(ar), &k);
	ck_assert_str_eq(k.s, "\xD9\x83\xD8\xAA\xD8\xA7\xD8\xA8");
	ht_buf_release(&k);
}
END_TEST

START_TEST(tokenize_mixed_scripts)
{
	const char *s = "互联互通 l'homme, 1.25 A/75/948";
	ht_token *t = NULL;
	size_t n = 0, cap = 0;
	ht_tokenize(s, strlen(s), &t, &n, &cap);
	const char *want[] = {"互", "联", "互", "通", "l'homme", ",", "1.25", "A", "/", "75", "/", "948"};
	ck_assert_uint_eq(n, sizeof want / sizeof *want);
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(strncmp(s + t[i].start, want[i], t[i].len) == 0 && strlen(want[i]) == t[i].len, 1);
	ck_assert_int_eq(t[0].type, HT_TOK_HAN);
	ck_assert_int_eq(t[6].type, HT_TOK_NUMBER);
	ck_assert_int_eq(t[5].type, HT_TOK_PUNCT);
	free(t);
}
END_TEST

START_TEST(outfile_atomic)
{
	char dir[] = "/tmp/ht-test-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof path, "%s/out.txt", dir);
	ht_outfile of;
	ck_assert_int_eq(ht_outfile_open(&of, path, NULL), HT_OK);
	fputs("half", of.fp);
	ht_outfile_abort(&of);
	ck_assert_int_ne(access(path, F_OK), 0); /* an aborted run leaves nothing */
	ck_assert_int_eq(ht_outfile_open(&of, path, NULL), HT_OK);
	fputs("whole", of.fp);
	ck_assert_int_eq(ht_outfile_commit(&of, NULL), HT_OK);
	ht_buf b = HT_BUF_INIT;
	ck_assert_int_eq(ht_text_read(path, &b, NULL, NULL), HT_OK);
	ck_assert_str_eq(b.s, "whole");
	ht_buf_release(&b);
	unlink(path);
	rmdir(dir);
	ht_error err = {0};
	ck_assert_int_eq(ht_outfile_open(&of, "/nonexistent-dir/x", &err), HT_ERR_IO);
	ck_assert_ptr_nonnull(strstr(err.message, "/nonexistent-dir/x"));
}
END_TEST

/* Renaming a temporary file over /dev/null would replace the device (as
 * root): a target that is not a regular file is written in place. */
START_TEST(outfile_keeps_devices)
{
	struct stat st;
	if (stat("/dev/null", &st) != 0 || !S_ISCHR(st.st_mode))
		return; /* nothing to check on this system */
	ht_outfile of;
	ck_assert_int_eq(ht_outfile_open(&of, "/dev/null", NULL), HT_OK);
	ck_assert_ptr_null(of.tmp);
	fputs("gone", of.fp);
	ck_assert_int_eq(ht_outfile_commit(&of, NULL), HT_OK);
	ck_assert_int_eq(stat("/dev/null", &st), 0);
	ck_assert(S_ISCHR(st.st_mode));
}
END_TEST

START_TEST(buf_and_json)
{
	ht_buf b = HT_BUF_INIT;
	ck_assert_str_eq(b.s, "");
	ht_json_add_str(&b, "a\"b\\c\nd\x01", 8);
	ck_assert_str_eq(b.s, "\"a\\\"b\\\\c\\nd\\u0001\"");
	ht_buf_addf(&b, "%d", 42);
	ck_assert_uint_eq(b.len, strlen(b.s));
	ht_buf_release(&b);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("common");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, invalid_utf8_names_byte);
	tcase_add_test(tc, repair_counts_bad_bytes);
	tcase_add_test(tc, nul_byte_is_invalid);
	tcase_add_test(tc, bom_crlf_utf16);
	tcase_add_test(tc, nfc_on_read);
	tcase_add_test(tc, key_fold_width_case_arabic);
	tcase_add_test(tc, tokenize_mixed_scripts);
	tcase_add_test(tc, outfile_atomic);
	tcase_add_test(tc, outfile_keeps_devices);
	tcase_add_test(tc, buf_and_json);
	suite_add_tcase(s, tc);
	return ht_test_run(s);
}
