/* Shared helpers: input decoding, buffers, tokens, keys, atomic output. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>

#include "common/parallel.h"
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
	ck_assert_str_eq(err.message, "t.txt: byte 2: invalid UTF-8 (a NUL byte: binary data?)");
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

/* The match key as utf8proc_map gives it for the whole text (what
 * ht_key_fold did before its fast path): the reference of the tests below. */
static void reference_key(const char *s, size_t len, ht_buf *out)
{
	ht_buf_reset(out);
	utf8proc_uint8_t *f = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &f,
					  UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
						  UTF8PROC_CASEFOLD);
	if (n < 0) {
		ht_buf_add(out, s, len);
		return;
	}
	for (size_t i = 0; i < (size_t)n;) {
		size_t start = i;
		int32_t cp = ht_utf8_next((const char *)f, (size_t)n, &i);
		if (!((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640))
			ht_buf_add(out, f + start, i - start);
	}
	free(f);
	ht_buf_add(out, "", 0);
}

/* 1 when ht_key_fold and the reference agree on s[0..len). */
static int same_key(const char *s, size_t len, ht_buf *a, ht_buf *b)
{
	ht_buf_reset(a);
	ht_key_fold(s, len, a);
	reference_key(s, len, b);
	return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

/* Every code point alone and next to what it could compose or reorder with:
 * a Han character, a capital, e and a combining acute (U+0301), a Hangul
 * syllable and vowel jamo, a dot below (U+0323, class 220). */
START_TEST(key_fold_every_code_point)
{
	static const char *const before[] = {"", "\xE4\xB8\xAD", "A", "e", "\xEA\xB0\x80", "\xE1\x84\x80"};
	static const char *const after[] = {"", "\xE4\xB8\xAD", "\xCC\x81", "\xCC\xA3\xCC\x81", "\xE1\x85\xA1", "B"};
	ht_buf a = HT_BUF_INIT, b = HT_BUF_INIT;
	size_t mismatches = 0;
	for (int32_t cp = 0; cp < 0x110000; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		char c[4];
		size_t n = ht_utf8_encode(cp, c);
		for (size_t x = 0; x < sizeof before / sizeof *before; x++)
			for (size_t y = 0; y < sizeof after / sizeof *after; y++) {
				if (cp >= 0x10000 && x + y > 1)
					continue; /* few contexts where little is assigned */
				if (cp >= 0x10000 && cp % 16 && x + y) /* (and keep the sanitizer build quick) */
					continue;
				char s[32];
				size_t lb = strlen(before[x]), la = strlen(after[y]);
				memcpy(s, before[x], lb);
				memcpy(s + lb, c, n);
				memcpy(s + lb + n, after[y], la);
				if (!same_key(s, lb + n + la, &a, &b) && mismatches++ < 5)
					fprintf(stderr, "key_fold: U+%04X after \"%s\" before \"%s\" differs\n", (unsigned)cp,
						before[x], after[y]);
			}
	}
	ck_assert_uint_eq(mismatches, 0);
	ht_buf_release(&a);
	ht_buf_release(&b);
}
END_TEST

/* Text that is not UTF-8 is its own key, wherever the bad bytes are. */
START_TEST(key_fold_invalid_utf8)
{
	static const char *const bad[] = {"\xE4\xB8\xAD\xFF\xE6\x96\x87", "\xE4\xB8\xAD\xE4\xB8", "\xC3" "A\xE4\xB8\xAD",
					  "\xC3\xA9\x80", "\xE4\xB8\xAD\xC0\x80", "\xE0\x90\xB0 ABC",
					  "\xED\xA0\x80\xE4\xB8\xAD", "\xEF\xBC\xA1\xF0\xE4\xB8\xAD", "Ab\xE4"};
	ht_buf a = HT_BUF_INIT, b = HT_BUF_INIT;
	for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
		ck_assert_int_eq(same_key(bad[k], strlen(bad[k]), &a, &b), 1);
		ck_assert_mem_eq(a.s, bad[k], strlen(bad[k]));
	}
	ht_buf_reset(&a);
	ht_key_fold("", 0, &a); /* an empty key is an empty string, not NULL */
	ck_assert_ptr_nonnull(a.s);
	ck_assert_str_eq(a.s, "");
	ht_buf_release(&a);
	ht_buf_release(&b);
}
END_TEST

/* Real multilingual text: every line, and whole 4 KB blocks of bytes as
 * they are in the files (NFD and all), of the UN devset in six languages
 * and the gold sets' Chinese, English, German, French and Hungarian. */
START_TEST(key_fold_real_text)
{
	static const char *const files[] = {
		"corpora/unpc-devset/UNv1.0.devset.ar", "corpora/unpc-devset/UNv1.0.devset.en",
		"corpora/unpc-devset/UNv1.0.devset.es", "corpora/unpc-devset/UNv1.0.devset.fr",
		"corpora/unpc-devset/UNv1.0.devset.ru", "corpora/unpc-devset/UNv1.0.devset.zh",
		"gold/mac-dev-zh-en/zh/001",            "gold/mac-dev-zh-en/en/001",
		"gold/textberg-de-fr/test0.de",          "gold/textberg-de-fr/test0.fr",
		"gold/hunalign-1984-hu-en/hu.sen"};
	ht_buf a = HT_BUF_INIT, b = HT_BUF_INIT;
	size_t checked = 0;
	for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
		const char *path = ht_test_shared(files[f]);
		if (!path) {
			fprintf(stderr, "key_fold_real_text: ../shared/%s is absent, not checked\n", files[f]);
			continue;
		}
		FILE *fp = fopen(path, "rb");
		ck_assert_ptr_nonnull(fp);
		ht_buf raw = HT_BUF_INIT;
		char chunk[65536];
		size_t got;
		while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
			ht_buf_add(&raw, chunk, got);
		fclose(fp);
		for (size_t at = 0; at < raw.len;) {
			const char *nl = memchr(raw.s + at, '\n', raw.len - at);
			size_t len = nl ? (size_t)(nl - raw.s - at) : raw.len - at;
			if (!same_key(raw.s + at, len, &a, &b))
				ck_abort_msg("key_fold: %s differs at byte %zu", files[f], at);
			at += len + 1;
			checked++;
		}
		for (size_t at = 0; at < raw.len; at += 4096) {
			size_t len = raw.len - at < 4096 ? raw.len - at : 4096;
			if (!same_key(raw.s + at, len, &a, &b))
				ck_abort_msg("key_fold: %s differs in the block at byte %zu", files[f], at);
		}
		ht_buf_release(&raw);
	}
	if (!checked)
		fprintf(stderr, "key_fold_real_text: ../shared is absent, nothing checked\n");
	ht_buf_release(&a);
	ht_buf_release(&b);
}
END_TEST

/* What ht_tokenize decides without asking utf8proc: U+4E00..U+9FFF are Han
 * letters (no separator, no digit), nothing below U+3000 is CJK, and in ASCII
 * only 0-9 are digits and only the space is a separator by category. */
START_TEST(tokenize_fast_paths_agree_with_utf8proc)
{
	for (int32_t cp = 0x4E00; cp <= 0x9FFF; cp++) {
		utf8proc_category_t c = utf8proc_category(cp);
		ck_assert_int_eq(ht_is_han(cp) && ht_is_cjk(cp), 1);
		ck_assert_int_ne(c, UTF8PROC_CATEGORY_ND);
		ck_assert_int_eq(c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP,
				 0);
	}
	for (int32_t cp = 0; cp < 0x3000; cp++) /* no CJK below U+3000 */
		ck_assert_int_eq(ht_is_cjk(cp) || ht_is_han(cp), 0);
	for (int32_t cp = 0; cp < 0x80; cp++) {
		utf8proc_category_t c = utf8proc_category(cp);
		ck_assert_int_eq(c == UTF8PROC_CATEGORY_ND, cp >= '0' && cp <= '9');
		ck_assert_int_eq(c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP,
				 cp == ' ');
	}
	ht_token *t = NULL;
	size_t n = 0, cap = 0;
	const char *s = "\xE4\xB8\x80\xE9\xBF\xBF 7"; /* U+4E00 U+9FFF, a space, a digit */
	ht_tokenize(s, strlen(s), &t, &n, &cap);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(t[0].type, HT_TOK_HAN);
	ck_assert_int_eq(t[1].type, HT_TOK_HAN);
	ck_assert_int_eq(t[2].type, HT_TOK_NUMBER);
	free(t);
}
END_TEST

/* Large tables: usable, zeroed by the calloc form, freed with free(); a
 * reserved buffer is empty and grows past its reservation as any other. */
START_TEST(table_allocations)
{
	size_t n = (size_t)5 << 20;
	unsigned char *z = ht_xcalloc_table(n, 1);
	for (size_t i = 0; i < n; i += 4096)
		ck_assert_uint_eq(z[i], 0);
	ck_assert_uint_eq(z[n - 1], 0);
	z[n - 1] = 1;
	free(z);
	char *small = ht_xmalloc_table(10);
	memcpy(small, "123456789", 10);
	free(small);
	ht_buf b = HT_BUF_INIT;
	ht_buf_adds(&b, "dropped");
	ht_buf_reserve_table(&b, 4);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_str_eq(b.s, "");
	ht_buf_adds(&b, "more than four bytes");
	ck_assert_str_eq(b.s, "more than four bytes");
	ht_buf_release(&b);
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

/* ht_parallel_for: every item exactly once, each on a worker below the
 * thread count, whatever the counts (none, fewer items than threads, the
 * default of one per processor). */
typedef struct loop_record {
	unsigned calls[1000];
	size_t worker[1000];
} loop_record;

static void record_item(void *ctx, size_t item, size_t worker)
{
	loop_record *r = ctx;
	__atomic_fetch_add(&r->calls[item], 1, __ATOMIC_RELAXED);
	r->worker[item] = worker;
}

START_TEST(parallel_for_covers_every_item_once)
{
	static const size_t items[] = {0, 1, 3, 1000};
	static const size_t threads[] = {1, 2, 7, 0};
	for (size_t a = 0; a < sizeof items / sizeof *items; a++)
		for (size_t b = 0; b < sizeof threads / sizeof *threads; b++) {
			loop_record *r = ht_xcalloc(1, sizeof *r);
			size_t limit = threads[b] ? threads[b] : ht_threads_default();
			ht_parallel_for(items[a], threads[b], record_item, r);
			for (size_t i = 0; i < items[a]; i++) {
				ck_assert_uint_eq(r->calls[i], 1);
				ck_assert_uint_lt(r->worker[i], limit);
			}
			for (size_t i = items[a]; i < 1000; i++)
				ck_assert_uint_eq(r->calls[i], 0);
			free(r);
		}
	ck_assert_uint_ge(ht_threads_default(), 1);
	ck_assert_uint_le(ht_threads_default(), HT_MAX_THREADS);
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
	tcase_add_test(tc, key_fold_every_code_point);
	tcase_add_test(tc, key_fold_invalid_utf8);
	tcase_add_test(tc, key_fold_real_text);
	tcase_add_test(tc, tokenize_mixed_scripts);
	tcase_add_test(tc, table_allocations);
	tcase_add_test(tc, tokenize_fast_paths_agree_with_utf8proc);
	tcase_add_test(tc, parallel_for_covers_every_item_once);
	tcase_add_test(tc, outfile_atomic);
	tcase_add_test(tc, outfile_keeps_devices);
	tcase_add_test(tc, buf_and_json);
	tcase_set_timeout(tc, 120); /* every code point in context, under the sanitizers too */
	suite_add_tcase(s, tc);
	return ht_test_run(s);
}
