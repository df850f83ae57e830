/* Reading input text: encodings (BOMs, UTF-16/32 through ICU, legacy
 * encodings named or detected), error offsets in the file, repair, linear
 * NFC, and the permissions of output files. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "common/util.h"
#include "tests/testutil.h"

static ht_status decode_as(const char *enc, const char *data, size_t len, int repair, ht_buf *out,
			   ht_text_info *info, ht_error *err)
{
	ht_text_opts o = {enc, repair};
	return ht_text_decode_opts("t.txt", data, len, &o, out, info, err);
}

#define DECODE(enc, lit, repair, out, info, err) decode_as(enc, lit, sizeof lit - 1, repair, out, info, err)

START_TEST(utf16_and_utf32_by_bom)
{
	ht_buf out = HT_BUF_INIT;
	ht_text_info info;
	/* UTF-32LE "中a\r\nb", UTF-32BE U+20000: not read as UTF-16 with NULs */
	ck_assert_int_eq(DECODE(NULL, "\xFF\xFE\0\0\x2D\x4E\0\0" "a\0\0\0\r\0\0\0\n\0\0\0b\0\0\0", 0, &out,
				&info, NULL),
			 HT_OK);
	ck_assert_str_eq(out.s, "\xE4\xB8\xAD" "a\nb");
	ck_assert_str_eq(info.encoding, "UTF-32LE");
	ck_assert_int_eq(DECODE(NULL, "\0\0\xFE\xFF\0\x02\0\0", 0, &out, &info, NULL), HT_OK);
	ck_assert_str_eq(out.s, "\xF0\xA0\x80\x80");
	ck_assert_str_eq(info.encoding, "UTF-32BE");
	ck_assert_int_eq(DECODE(NULL, "\xFE\xFF\0a\0\r\0\n", 0, &out, &info, NULL), HT_OK);
	ck_assert_str_eq(out.s, "a\n");
	ck_assert_str_eq(info.encoding, "UTF-16BE");
	ht_buf_release(&out);
}
END_TEST

START_TEST(utf16_errors_name_file_offsets)
{
	ht_buf out = HT_BUF_INIT;
	ht_text_info info;
	ht_error err = {0};
	/* a lone high surrogate at byte 6 (BOM + "ab"), then "cd" */
	ck_assert_int_eq(DECODE(NULL, "\xFF\xFE" "a\0b\0\x00\xD8" "c\0d\0", 0, &out, &info, &err), HT_ERR_DATA);
	ck_assert_str_eq(err.message, "t.txt: byte 6: invalid UTF-16LE (an unpaired surrogate)");
	/* a lone low surrogate, big-endian */
	ck_assert_int_eq(DECODE(NULL, "\xFE\xFF\0a\xDC\x00\0b", 0, &out, &info, &err), HT_ERR_DATA);
	ck_assert_str_eq(err.message, "t.txt: byte 4: invalid UTF-16BE (an unpaired surrogate)");
	/* an odd byte at the end is not dropped */
	ck_assert_int_eq(DECODE(NULL, "\xFF\xFE" "a\0b\0c", 0, &out, &info, &err), HT_ERR_DATA);
	ck_assert_str_eq(err.message, "t.txt: byte 6: the text ends inside a UTF-16LE character");
	/* a NUL character: its place in the file, not in the decoded text */
	ck_assert_int_eq(DECODE(NULL, "\xFF\xFE" "a\0\0\0b\0", 0, &out, &info, &err), HT_ERR_DATA);
	ck_assert_str_eq(err.message, "t.txt: byte 4: a NUL character (binary data?)");
	/* --repair: one U+FFFD each, counted */
	ck_assert_int_eq(DECODE(NULL, "\xFF\xFE" "a\0\x00\xD8" "b\0c", 1, &out, &info, &err), HT_OK);
	ck_assert_str_eq(out.s, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
	ck_assert_uint_eq(info.repairs, 2);
	ht_buf_release(&out);
}
END_TEST

/* 联合国大会 in GB18030, 聯合國大會 in Big5, French in windows-1252,
 * Russian in KOI8-R, Arabic in windows-1256: named, and detected. */
static const struct {
	const char *enc, *bytes, *utf8;
} legacy[] = {
	{"GB18030", "\xC1\xAA\xBA\xCF\xB9\xFA\xB4\xF3\xBB\xE1\xCD\xA8\xB9\xFD\xC1\xCB\xB9\xD8\xD3\xDA\xBF\xC9\xB3\xD6\xD0\xF8\xB7\xA2\xD5\xB9\xB5\xC4\xBE\xF6\xD2\xE9\xA1\xA3",
	 "联合国大会通过了关于可持续发展的决议。"},
	{"Big5", "\xC1p\xA6X\xB0\xEA\xA4j\xB7|\xB3q\xB9L\xA4" "F\xC3\xF6\xA9\xF3\xA5i\xAB\xF9\xC4\xF2\xB5o\xAEi\xAA\xBA\xA8M\xC4\xB3\xA1" "C",
	 "聯合國大會通過了關於可持續發展的決議。"},
	{"windows-1252", "Le Secr\xE9tariat g\xE9n\xE9ral a pr\xE9sent\xE9 son rapport sur la qualit\xE9 de l\x92\xE9" "ducation et la s\xE9" "curit\xE9.",
	 "Le Secrétariat général a présenté son rapport sur la qualité de l’éducation et la sécurité."},
	{"KOI8-R", "\xE7\xC5\xCE\xC5\xD2\xC1\xCC\xD8\xCE\xC1\xD1 \xE1\xD3\xD3\xC1\xCD\xC2\xCC\xC5\xD1 \xD0\xD2\xC9\xCE\xD1\xCC\xC1 \xD2\xC5\xDA\xCF\xCC\xC0\xC3\xC9\xC0 \xCF \xD2\xC1\xDA\xD7\xC9\xD4\xC9\xC9.",
	 "Генеральная Ассамблея приняла резолюцию о развитии."},
	{"windows-1256", "\xC7\xE1\xCC\xE3\xDA\xED\xC9 \xC7\xE1\xDA\xC7\xE3\xC9 \xE1\xE1\xC3\xE3\xE3 \xC7\xE1\xE3\xCA\xCD\xCF\xC9 \xCA\xDA\xCA\xE3\xCF \xC7\xE1\xDE\xD1\xC7\xD1.",
	 "الجمعية العامة للأمم المتحدة تعتمد القرار."},
};

START_TEST(legacy_encodings_named_and_detected)
{
	for (size_t i = 0; i < sizeof legacy / sizeof *legacy; i++) {
		ht_buf out = HT_BUF_INIT;
		ht_text_info info;
		ht_error err = {0};
		size_t n = strlen(legacy[i].bytes);
		ck_assert_msg(decode_as(legacy[i].enc, legacy[i].bytes, n, 0, &out, &info, &err) == HT_OK, "%s: %s",
			      legacy[i].enc, err.message);
		ck_assert_str_eq(out.s, legacy[i].utf8);
		ck_assert_int_eq(info.detected, 0);
		/* auto: the detector names it, and the caller is told */
		ck_assert_msg(decode_as(NULL, legacy[i].bytes, n, 0, &out, &info, &err) == HT_OK, "%s: %s",
			      legacy[i].enc, err.message);
		ck_assert_msg(strcmp(out.s, legacy[i].utf8) == 0, "%s detected as %s", legacy[i].enc, info.encoding);
		ck_assert_int_eq(info.detected, 1);
		ck_assert_int_ge(info.confidence, 20);
		/* the commands without --encoding only hear what it looks like */
		ck_assert_int_eq(ht_text_decode("t.txt", legacy[i].bytes, n, &out, NULL, &err), HT_ERR_DATA);
		ck_assert_msg(strstr(err.message, "invalid UTF-8 (the text looks like "), "%s", err.message);
		ht_buf_release(&out);
	}
}
END_TEST

START_TEST(no_guess_for_broken_utf8_or_binary)
{
	ht_buf out = HT_BUF_INIT;
	ht_text_info info;
	ht_error err = {0};
	/* UTF-8 Chinese with one bad byte stays UTF-8: an error at the byte */
	static const char broken[] = "联合国大会通过了关于可持续发展的决议\xFF联合国大会通过了关于可持续发展的决议。";
	ck_assert_int_eq(decode_as(NULL, broken, sizeof broken - 1, 0, &out, &info, &err), HT_ERR_DATA);
	ck_assert_str_eq(err.message, "t.txt: byte 54: invalid UTF-8");
	/* binary (NUL bytes, high bytes) is not decoded as some legacy encoding */
	static const char bin[] = "\x7F" "ELF\x02\x01\x01\0\0\0\x90\xFF\xC0\xE8\xA7\xF3\x81\x92\0";
	ck_assert_int_eq(decode_as(NULL, bin, sizeof bin - 1, 0, &out, &info, &err), HT_ERR_DATA);
	ck_assert_msg(strstr(err.message, "NUL byte"), "%s", err.message);
	/* an explicit UTF-8 never guesses; an unknown name is misuse */
	ck_assert_int_eq(DECODE("UTF-8", "caf\xE9 cr\xE8me br\xFBl\xE9" "e", 0, &out, &info, &err), HT_ERR_DATA);
	ck_assert_str_eq(err.message, "t.txt: byte 3: invalid UTF-8");
	ck_assert_int_eq(DECODE("no-such-encoding", "abc", 0, &out, &info, &err), HT_ERR_USAGE);
	ht_buf_release(&out);
}
END_TEST

START_TEST(folder_as_input)
{
	ht_buf out = HT_BUF_INIT;
	ht_error err = {0};
	ck_assert_int_eq(ht_text_read("/", &out, NULL, &err), HT_ERR_IO);
	ck_assert_str_eq(err.message, "/: is a folder, not a file");
	ht_buf_release(&out);
}
END_TEST

/* The NFC of s as utf8proc gives it for the whole text. */
static char *whole_nfc(const char *s, size_t len)
{
	utf8proc_uint8_t *r = NULL;
	ck_assert_int_ge(utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &r,
				      UTF8PROC_STABLE | UTF8PROC_COMPOSE),
			 0);
	return (char *)r;
}

/* Random text of letters, Hangul jamo and combining marks in runs shorter
 * than the cut: pieces give exactly the NFC of the whole. */
START_TEST(nfc_pieces_equal_whole)
{
	static const int32_t pool[] = {'a', 'e', 'o', ' ', '\n', 0x0301, 0x0316, 0x0327, 0x0308, 0x064E,
				       0x0651, 0x0650, 0x1100, 0x1161, 0x11A8, 0xAC00, 0x0915, 0x093C,
				       0x0CC6, 0x0CD5, 0x4E2D, 0x00E9, 0x0344, 0x212B, 0x1E0A, 0x0323};
	unsigned seed = 12345;
	for (int round = 0; round < 200; round++) {
		ht_buf t = HT_BUF_INIT;
		int run = 0;
		for (int i = 0; i < 3000; i++) {
			seed = seed * 1103515245u + 12345u;
			int32_t cp = pool[(seed >> 16) % (sizeof pool / sizeof *pool)];
			int mark = utf8proc_get_property(cp)->combining_class != 0;
			if (mark && ++run >= 25)
				cp = 'x', run = 0;
			else if (!mark)
				run = 0;
			char enc[4];
			ht_buf_add(&t, enc, ht_utf8_encode(cp, enc));
		}
		char *want = whole_nfc(t.s, t.len);
		ht_text_nfc(&t);
		ck_assert_str_eq(t.s, want);
		free(want);
		ht_buf_release(&t);
	}
}
END_TEST

/* 200,000 marks on one letter: normalised in pieces of 30 (no quadratic
 * sort), every mark kept, each piece in canonical order. */
START_TEST(nfc_absurd_run_is_linear_and_whole)
{
	ht_buf t = HT_BUF_INIT;
	ht_buf_addc(&t, 'a');
	for (int i = 0; i < 100000; i++)
		ht_buf_adds(&t, "\xCC\x81\xCC\x96"); /* U+0301 (230), U+0316 (220) */
	size_t len = t.len;
	ht_text_nfc(&t);
	/* á forms (U+0316 goes first in canonical order and does not block), nothing else changes */
	ck_assert_uint_eq(t.len, len - 1);
	ck_assert(memcmp(t.s, "\xC3\xA1\xCC\x96", 4) == 0);
	size_t i = 0, marks = 0;
	while (i < t.len) {
		int32_t cp = ht_utf8_next(t.s, t.len, &i);
		marks += cp == 0x0301 || cp == 0x0316;
	}
	ck_assert_uint_eq(marks, 200000 - 1);
	ht_buf_release(&t);
}
END_TEST

START_TEST(outputs_follow_the_umask)
{
	char dir[] = "/tmp/ht-test-input-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof path, "%s/out.txt", dir);
	mode_t old = umask(027);
	ht_outfile of;
	ck_assert_int_eq(ht_outfile_open(&of, path, NULL), HT_OK);
	fputs("x", of.fp);
	ck_assert_int_eq(ht_outfile_commit(&of, NULL), HT_OK);
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0640);
	/* a file that is replaced keeps its permissions */
	chmod(path, 0664);
	ck_assert_int_eq(ht_outfile_open(&of, path, NULL), HT_OK);
	fputs("y", of.fp);
	ck_assert_int_eq(ht_outfile_commit(&of, NULL), HT_OK);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0664);
	umask(old);
	unlink(path);
	rmdir(dir);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("input");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, utf16_and_utf32_by_bom);
	tcase_add_test(tc, utf16_errors_name_file_offsets);
	tcase_add_test(tc, legacy_encodings_named_and_detected);
	tcase_add_test(tc, no_guess_for_broken_utf8_or_binary);
	tcase_add_test(tc, folder_as_input);
	tcase_add_test(tc, nfc_pieces_equal_whole);
	tcase_add_test(tc, nfc_absurd_run_is_linear_and_whole);
	tcase_add_test(tc, outputs_follow_the_umask);
	suite_add_tcase(s, tc);
	return ht_test_run(s);
}
