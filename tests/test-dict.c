/* Dictionaries: CC-CEDICT lines, TSV lists, dictd (FreeDict) files,
 * compositions through English, hostile shapes (huge headwords, a headword
 * with 100k translations), malformed lines, files that are no dictionary,
 * missing files and packages. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "common/util.h"
#include "hutong/dict.h"
#include "tests/testutil.h"

static char tmpdir[64];

static const char *write_tmp(const char *name, const char *text)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	FILE *fp = fopen(path, "wb");
	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	fclose(fp);
	return path;
}

static void setup(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/ht-test-dict-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

static int has_target(const ht_dict *d, const char *key, const char *want)
{
	const char *const *t;
	size_t n = ht_dict_lookup(d, key, strlen(key), &t);
	for (size_t i = 0; i < n; i++)
		if (strcmp(t[i], want) == 0)
			return 1;
	return 0;
}

START_TEST(cedict_lines)
{
	const char *path = write_tmp("c.u8", "# CC-CEDICT\n"
					     "#! version=1\n"
					     "中國 中国 [Zhong1 guo2] /China/Middle Kingdom/\n"
					     "發展 发展 [fa1 zhan3] /development/growth/to develop/CL:個|个[ge4]/\n"
					     "中國人 中国人 [Zhong1 guo2 ren2] /Chinese person/\n"
					     "AA制 AA制 [A A zhi4] /to split the bill (Tw)/\n");
	ht_dict *d = NULL;
	ht_error err = {0};
	ck_assert_int_eq(ht_dict_load(path, "zh", "en", &d, &err), HT_OK);
	ck_assert_str_eq(ht_dict_from(d), "zh");
	ck_assert_str_eq(ht_dict_to(d), "en");
	/* simplified and traditional headwords both count */
	ck_assert_uint_eq(ht_dict_entry_count(d), 7);
	ck_assert(has_target(d, "中国", "China"));
	ck_assert(has_target(d, "中國", "Middle Kingdom"));
	const char *const *t;
	ck_assert_uint_eq(ht_dict_lookup(d, "发展", strlen("发展"), &t), 3); /* CL: is not a translation */
	ck_assert_str_eq(t[2], "to develop");
	/* notes in parentheses go, keys are folded (AA -> aa) */
	ck_assert(has_target(d, "aa制", "to split the bill"));
	ck_assert_uint_eq(ht_dict_lookup(d, "美国", strlen("美国"), &t), 0);
	ck_assert_ptr_null(t);
	/* a prefix of a longer key only is not an entry */
	ck_assert_uint_eq(ht_dict_lookup(d, "中", strlen("中"), &t), 0);
	/* longest match: 中国人 over 中国 */
	const char *s = "中国人民";
	ck_assert_uint_eq(ht_dict_longest_prefix(d, s, strlen(s)), strlen("中国人"));
	s = "中国的";
	ck_assert_uint_eq(ht_dict_longest_prefix(d, s, strlen(s)), strlen("中国"));
	s = "美国";
	ck_assert_uint_eq(ht_dict_longest_prefix(d, s, strlen(s)), 0);
	ht_dict_free(d);
}
END_TEST

/* What the loader groups and indexes as it reads: translations of one key
 * from lines apart (in input order, each once), a traditional form that
 * folds to the simplified one, a key first seen as a prefix of a longer one. */
START_TEST(cedict_grouping)
{
	const char *path = write_tmp("g.u8", "中華人民共和國 中华人民共和国 [Zhong1 hua2] /People's Republic of China/\n"
					     "中國 中国 [Zhong1 guo2] /China/\n"
					     "ＡＢ AB [A B] /ab (letters)/ab/the letters/\n"
					     "中華 中华 [Zhong1 hua2] /China/Chinese/\n"
					     "中國 中国 [zhong1 guo2] /Middle Kingdom/China/\n");
	ht_dict *d = NULL;
	ck_assert_int_eq(ht_dict_load(path, "zh", "en", &d, NULL), HT_OK);
	ck_assert_uint_eq(ht_dict_entry_count(d), 7);
	const char *const *t;
	ck_assert_uint_eq(ht_dict_lookup(d, "中国", strlen("中国"), &t), 2);
	ck_assert_str_eq(t[0], "China");
	ck_assert_str_eq(t[1], "Middle Kingdom");
	ck_assert_uint_eq(ht_dict_lookup(d, "ab", 2, &t), 2);
	ck_assert_str_eq(t[0], "ab");
	ck_assert_str_eq(t[1], "the letters");
	ck_assert_uint_eq(ht_dict_lookup(d, "中华", strlen("中华"), &t), 2);
	ck_assert_str_eq(t[1], "Chinese");
	ck_assert_uint_eq(ht_dict_lookup(d, "中华人民", strlen("中华人民"), &t), 0);
	const char *s = "中华民族";
	ck_assert_uint_eq(ht_dict_longest_prefix(d, s, strlen(s)), strlen("中华"));
	s = "中华人民共和国成立";
	ck_assert_uint_eq(ht_dict_longest_prefix(d, s, strlen(s)), strlen("中华人民共和国"));
	ht_dict_free(d);
}
END_TEST

/* Keys with more prefixes than the table was sized for (a key a line): it
 * grows, and keeps every key and prefix. */
START_TEST(long_keys_grow_the_table)
{
	char text[2048] = "";
	for (int i = 0; i < 100; i++)
		strcat(text, i % 2 ? "文" : "中");
	strcat(text, "\tlong\n中\tmiddle\n");
	ht_dict *d = NULL;
	ck_assert_int_eq(ht_dict_load(write_tmp("long.tsv", text), "zh", "en", &d, NULL), HT_OK);
	ck_assert_uint_eq(ht_dict_entry_count(d), 2);
	size_t keylen = strlen(text) - strlen("\tlong\n中\tmiddle\n");
	const char *const *t;
	ck_assert_uint_eq(ht_dict_lookup(d, text, keylen, &t), 1);
	ck_assert_str_eq(t[0], "long");
	ck_assert_uint_eq(ht_dict_lookup(d, "中", strlen("中"), &t), 1);
	ck_assert_str_eq(t[0], "middle");
	ck_assert_uint_eq(ht_dict_lookup(d, text, keylen - 3, &t), 0);
	ck_assert_uint_eq(ht_dict_longest_prefix(d, text, keylen - 3), strlen("中"));
	ck_assert_uint_eq(ht_dict_longest_prefix(d, text, keylen + 1), keylen);
	ht_dict_free(d);
}
END_TEST

START_TEST(tsv_list)
{
	const char *path = write_tmp("g.tsv", "landlocked developing countries\tpays en développement sans littoral\t12\n"
					      "\n"
					      "Connectivity\tconnectivité\n"
					      "connectivity\tinterconnexion\n");
	ht_dict *d = NULL;
	ck_assert_int_eq(ht_dict_load(path, "en", "fr", &d, NULL), HT_OK);
	ck_assert_str_eq(ht_dict_from(d), "en");
	ck_assert_uint_eq(ht_dict_entry_count(d), 2);
	ck_assert(has_target(d, "landlocked developing countries", "pays en développement sans littoral"));
	ck_assert(has_target(d, "connectivity", "connectivité"));
	ck_assert(has_target(d, "connectivity", "interconnexion"));
	ht_dict_free(d);
}
END_TEST

START_TEST(malformed_lines_name_file_and_line)
{
	ht_dict *d = (ht_dict *)1;
	ht_error err = {0};
	const char *path = write_tmp("bad.u8", "# comment\n中国 中国 [Zhong1 guo2] /China/\n中国 /China/\n");
	ck_assert_int_eq(ht_dict_load(path, "zh", "en", &d, &err), HT_ERR_DATA);
	ck_assert_ptr_null(d);
	char want[256];
	snprintf(want, sizeof want, "%s:3: ", path);
	ck_assert_msg(strncmp(err.message, want, strlen(want)) == 0, "got %s", err.message);

	path = write_tmp("bad.tsv", "a\tb\nno tab here\n");
	ck_assert_int_eq(ht_dict_load(path, "en", "fr", &d, &err), HT_ERR_DATA);
	snprintf(want, sizeof want, "%s:2: no TAB", path);
	ck_assert_msg(strncmp(err.message, want, strlen(want)) == 0, "got %s", err.message);

	path = write_tmp("empty.tsv", "a\tb\n\tb\n");
	ck_assert_int_eq(ht_dict_load(path, "en", "fr", &d, &err), HT_ERR_DATA);
	snprintf(want, sizeof want, "%s:2: empty source", path);
	ck_assert_msg(strncmp(err.message, want, strlen(want)) == 0, "got %s", err.message);
}
END_TEST

START_TEST(missing_and_empty_files)
{
	ht_dict *d = NULL;
	ht_error err = {0};
	ck_assert_int_eq(ht_dict_load("/nonexistent/cedict.u8", "zh", "en", &d, &err), HT_ERR_IO);
	ck_assert_ptr_nonnull(strstr(err.message, "/nonexistent/cedict.u8"));
	ck_assert_ptr_null(d);
	/* an empty dictionary is valid and finds nothing */
	const char *path = write_tmp("empty.u8", "");
	ck_assert_int_eq(ht_dict_load(path, "zh", "en", &d, &err), HT_OK);
	const char *const *t;
	ck_assert_uint_eq(ht_dict_entry_count(d), 0);
	ck_assert_uint_eq(ht_dict_lookup(d, "中国", strlen("中国"), &t), 0);
	ck_assert_uint_eq(ht_dict_longest_prefix(d, "中国", strlen("中国")), 0);
	ht_dict_free(d);
	ht_dict_free(NULL);
}
END_TEST

START_TEST(real_cedict)
{
	const char *path = ht_test_shared("resources/cedict_ts.u8");
	if (!path)
		return; /* ../shared absent: nothing to check */
	ht_dict *d = NULL;
	ht_error err = {0};
	ck_assert_int_eq(ht_dict_load(path, "zh", "en", &d, &err), HT_OK);
	ck_assert_uint_gt(ht_dict_entry_count(d), 100000);
	ck_assert(has_target(d, "可持续发展", "sustainable development"));
	ck_assert(has_target(d, "联合国", "United Nations"));
	const char *s = "联合国大会";
	ck_assert_uint_ge(ht_dict_longest_prefix(d, s, strlen(s)), strlen("联合国"));
	ht_dict_free(d);
}
END_TEST


/* A headword of 300,000 code points: every prefix is in the table, which
 * grows many times; each growth must not hash the keys again (quadratic),
 * and nothing is dropped (keys of 64 KB and more were). */
START_TEST(huge_headword_loads_in_linear_time)
{
	size_t cps = 300000;
	ht_buf text = HT_BUF_INIT;
	for (size_t i = 0; i < cps; i++)
		ht_buf_adds(&text, i % 3 ? "文" : "中");
	size_t keylen = text.len;
	ht_buf_adds(&text, "\tlong\n中\tmiddle\n");
	ht_dict *d = NULL;
	ck_assert_int_eq(ht_dict_load(write_tmp("huge.tsv", text.s), "zh", "en", &d, NULL), HT_OK);
	ck_assert_uint_eq(ht_dict_entry_count(d), 2);
	const char *const *t;
	ck_assert_uint_eq(ht_dict_lookup(d, text.s, keylen, &t), 1);
	ck_assert_str_eq(t[0], "long");
	ck_assert_uint_eq(ht_dict_longest_prefix(d, text.s, keylen), keylen);
	ck_assert_uint_eq(ht_dict_longest_prefix(d, text.s, keylen - 3), strlen("中"));
	ht_dict_free(d);
	ht_buf_release(&text);
}
END_TEST

/* One headword with 100,000 distinct translations (and each of them twice):
 * all kept, once each, in input order; the duplicates found without
 * comparing every translation with every other. */
START_TEST(headword_with_100k_translations)
{
	ht_buf text = HT_BUF_INIT;
	for (int rep = 0; rep < 2; rep++)
		for (int i = 0; i < 100000; i++)
			ht_buf_addf(&text, "word\tsense %d\n", i);
	ht_buf_adds(&text, "other\tthing\n");
	ht_dict *d = NULL;
	ck_assert_int_eq(ht_dict_load(write_tmp("many.tsv", text.s), "en", "fr", &d, NULL), HT_OK);
	const char *const *t;
	ck_assert_uint_eq(ht_dict_lookup(d, "word", 4, &t), 100000);
	ck_assert_str_eq(t[0], "sense 0");
	ck_assert_str_eq(t[65535], "sense 65535");
	ck_assert_str_eq(t[99999], "sense 99999");
	ck_assert_uint_eq(ht_dict_lookup(d, "other", 5, &t), 1);
	ht_dict_free(d);
	ht_buf_release(&text);
}
END_TEST

/* A CC-CEDICT file is zh -> en whatever pair it is opened for (en -> zh
 * used to make its Chinese headwords "English"). */
START_TEST(cedict_is_zh_en_both_ways)
{
	const char *path = write_tmp("c2.u8", "中國 中国 [Zhong1 guo2] /China/\n");
	ht_dict *d = NULL;
	ck_assert_int_eq(ht_dict_open(path, "en", "zh", &d, NULL), HT_OK);
	ck_assert_str_eq(ht_dict_from(d), "zh");
	ck_assert_str_eq(ht_dict_to(d), "en");
	ck_assert_ptr_eq(ht_dict_side(d, "zh"), d);
	ck_assert_ptr_null(ht_dict_side(d, "en"));
	ck_assert(has_target(d, "中国", "China"));
	ht_dict_free(d);
}
END_TEST

/* A dictd dictionary as dictfmt writes FreeDict's: index of base-64
 * offsets, data gzip-compressed (dictzip is gzip). */
static void write_dictd(const char *dir, const char *name, const char *const *heads,
			const char *const *defs, size_t n, int compress)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char path[256];
	ht_buf data = HT_BUF_INIT, index = HT_BUF_INIT;
	ht_buf_adds(&index, "\tA\tA\n00databaseinfo\tA\tB\n"); /* as dictfmt: an empty headword, a description */
	for (size_t i = 0; i < n; i++) {
		size_t off = data.len, len = strlen(defs[i]);
		ht_buf_adds(&data, defs[i]);
		char o[8], l[8];
		size_t k = 0;
		do
			o[k++] = b64[off % 64];
		while ((off /= 64) > 0);
		for (size_t a = 0; a < k / 2; a++) {
			char c = o[a];
			o[a] = o[k - 1 - a];
			o[k - 1 - a] = c;
		}
		o[k] = 0;
		k = 0;
		do
			l[k++] = b64[len % 64];
		while ((len /= 64) > 0);
		for (size_t a = 0; a < k / 2; a++) {
			char c = l[a];
			l[a] = l[k - 1 - a];
			l[k - 1 - a] = c;
		}
		l[k] = 0;
		ht_buf_addf(&index, "%s\t%s\t%s\n", heads[i], o, l);
	}
	snprintf(path, sizeof path, "%s/%s.index", dir, name);
	FILE *fp = fopen(path, "wb");
	fputs(index.s, fp);
	fclose(fp);
	snprintf(path, sizeof path, "%s/%s.dict%s", dir, name, compress ? ".dz" : "");
	if (compress) {
		gzFile gz = gzopen(path, "wb");
		gzwrite(gz, data.s, (unsigned)data.len);
		gzclose(gz);
	} else {
		fp = fopen(path, "wb");
		fwrite(data.s, 1, data.len, fp);
		fclose(fp);
	}
	ht_buf_release(&data);
	ht_buf_release(&index);
}

START_TEST(dictd_freedict_entries)
{
	const char *heads[] = {"house", "bank", "Carport", "cold"};
	const char *defs[] = {"house /haʊs/ <n>\n1. maison\n2. domicile, foyer\n",
			      "bank /bæŋk/\nbanque; rive\nFinanz: ein Kreditinstitut\n",
			      "Carport /ˈkaːɐ̯poːɐ̯t/ <n, masc>\nabri d'auto\n",
			      "cold\nfroid (temps)\nquelque chose qui est bien trop long pour être une traduction\n"};
	write_dictd(tmpdir, "freedict-eng-fra", heads, defs, 4, 1);
	char path[256];
	snprintf(path, sizeof path, "%s/freedict-eng-fra.index", tmpdir);
	ht_dict *d = NULL;
	ht_error err = {0};
	/* the file's name says en -> fr, whatever the caller gives */
	ck_assert_msg(ht_dict_load(path, "fr", "en", &d, &err) == HT_OK, "%s", err.message);
	ck_assert_str_eq(ht_dict_from(d), "en");
	ck_assert_str_eq(ht_dict_to(d), "fr");
	ck_assert_uint_eq(ht_dict_entry_count(d), 4);
	const char *const *t;
	ck_assert_uint_eq(ht_dict_lookup(d, "house", 5, &t), 3);
	ck_assert_str_eq(t[0], "maison");
	ck_assert_str_eq(t[2], "foyer");
	ck_assert(has_target(d, "bank", "rive"));
	ck_assert_uint_eq(ht_dict_lookup(d, "bank", 4, &t), 2); /* the note is no translation */
	ck_assert(has_target(d, "carport", "abri d'auto"));
	ck_assert_uint_eq(ht_dict_lookup(d, "cold", 4, &t), 1); /* nor a definition */
	ck_assert_str_eq(t[0], "froid");
	ck_assert_ptr_nonnull(strstr(ht_dict_source(d), "FreeDict eng-fra"));
	ht_dict_free(d);
	/* the same uncompressed, named by its data file */
	write_dictd(tmpdir, "plain", heads, defs, 4, 0);
	snprintf(path, sizeof path, "%s/plain.dict", tmpdir);
	ck_assert_int_eq(ht_dict_load(path, "en", "fr", &d, &err), HT_OK);
	ck_assert(has_target(d, "house", "domicile"));
	ht_dict_free(d);
}
END_TEST

START_TEST(dictd_bad_index)
{
	ht_error err = {0};
	ht_dict *d = NULL;
	write_tmp("bad.dict", "house\nmaison\n");
	const char *path = write_tmp("bad.index", "house\tA\tN\nbank\tA\n");
	ck_assert_int_eq(ht_dict_load(path, "en", "fr", &d, &err), HT_ERR_DATA);
	char want[256];
	snprintf(want, sizeof want, "%s:2: not a dictd index entry", path);
	ck_assert_msg(strncmp(err.message, want, strlen(want)) == 0, "got %s", err.message);
	path = write_tmp("bad.index", "house\tA\tZZ\n");
	ck_assert_int_eq(ht_dict_load(path, "en", "fr", &d, &err), HT_ERR_DATA);
	ck_assert_msg(strstr(err.message, "past the end") != NULL, "got %s", err.message);
	ck_assert_ptr_null(d);
}
END_TEST

/* Neither CC-CEDICT, TSV nor dictd: "FILE: not a dictionary". */
START_TEST(not_a_dictionary)
{
	ht_error err = {0};
	ht_dict *d = NULL;
	const char *path = write_tmp("prose.txt", "This is some prose.\nIt has no tabs.\n");
	ck_assert_int_eq(ht_dict_load(path, "en", "fr", &d, &err), HT_ERR_DATA);
	char want[256];
	snprintf(want, sizeof want, "%s: not a dictionary", path);
	ck_assert_msg(strncmp(err.message, want, strlen(want)) == 0, "got %s", err.message);
	path = write_tmp("image.png", "\x89PNG\r\n\x1a\n");
	FILE *fp = fopen(path, "ab");
	fwrite("\0\0\0\rIHDR", 1, 8, fp);
	fclose(fp);
	ck_assert_int_eq(ht_dict_load(path, "en", "fr", &d, &err), HT_ERR_DATA);
	snprintf(want, sizeof want, "%s: not a dictionary", path);
	ck_assert_msg(strncmp(err.message, want, strlen(want)) == 0, "got %s", err.message);
	ck_assert_ptr_null(d);
}
END_TEST

/* Packages named by the user that are not installed: the message names the
 * Debian package. */
START_TEST(missing_freedict_names_the_package)
{
	ht_error err = {0};
	ht_dict *d = NULL;
	ck_assert_int_eq(ht_dict_open("freedict", "xx", "yy", &d, &err), HT_ERR_IO);
	ck_assert_msg(strstr(err.message, "dict-freedict-xx-yy") != NULL, "got %s", err.message);
	ck_assert_int_eq(ht_dict_open("eng-xx", "en", "xx", &d, &err), HT_ERR_IO);
	ck_assert_msg(strstr(err.message, "apt-get install dict-freedict-eng-xx") != NULL, "got %s", err.message);
	/* auto with nothing for the pair is no error: no dictionary */
	ck_assert_int_eq(ht_dict_open("auto", "xx", "yy", &d, &err), HT_OK);
	ck_assert_ptr_null(d);
}
END_TEST

/* zh -> xx through English, from a CEDICT and FreeDict's eng-xx / xx-eng
 * found on the data path: an unambiguous gloss gives its word, a word
 * reached through two glosses wins over one gloss's fan-out. */
START_TEST(composed_through_english)
{
	write_tmp("cedict_ts.u8", "銀行 银行 [yin2 hang2] /bank/\n"
				  "房子 房子 [fang2 zi5] /house/building/\n"
				  "冷 冷 [leng3] /cold/\n");
	const char *h1[] = {"bank", "house", "building", "cold"};
	const char *d1[] = {"bank\nbanque\n", "house\n1. maison\n2. foyer\n", "building\nbâtiment, maison\n",
			    "cold\nfroid\n"};
	write_dictd(tmpdir, "freedict-eng-xx", h1, d1, 4, 1);
	const char *h2[] = {"rive"};
	const char *d2[] = {"rive\nbank\n"};
	write_dictd(tmpdir, "freedict-xx-eng", h2, d2, 1, 1);
	setenv("HUTONG_DATA", tmpdir, 1);
	ht_error err = {0};
	ht_dict *d = NULL;
	ck_assert_msg(ht_dict_open("auto", "xx", "zh", &d, &err) == HT_OK, "%s", err.message);
	unsetenv("HUTONG_DATA");
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(ht_dict_from(d), "zh"); /* zh keys: they segment the Chinese text */
	ck_assert_str_eq(ht_dict_to(d), "xx");
	ck_assert_msg(strstr(ht_dict_source(d), "composed through English") != NULL, "%s", ht_dict_source(d));
	ck_assert(has_target(d, "银行", "banque"));
	ck_assert(has_target(d, "银行", "rive"));
	const char *const *t;
	/* maison through house and building (support 1/2 + 1/2), foyer and
	 * bâtiment 1/2 each: all within half of the best */
	ck_assert_uint_eq(ht_dict_lookup(d, "房子", strlen("房子"), &t), 3);
	ck_assert_str_eq(t[0], "maison");
	ck_assert(has_target(d, "冷", "froid"));
	ht_dict_free(d);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("dict");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, cedict_lines);
	tcase_add_test(tc, cedict_grouping);
	tcase_add_test(tc, long_keys_grow_the_table);
	tcase_add_test(tc, tsv_list);
	tcase_add_test(tc, malformed_lines_name_file_and_line);
	tcase_add_test(tc, missing_and_empty_files);
	tcase_add_test(tc, real_cedict);
	tcase_add_test(tc, huge_headword_loads_in_linear_time);
	tcase_add_test(tc, headword_with_100k_translations);
	tcase_add_test(tc, cedict_is_zh_en_both_ways);
	tcase_add_test(tc, dictd_freedict_entries);
	tcase_add_test(tc, dictd_bad_index);
	tcase_add_test(tc, not_a_dictionary);
	tcase_add_test(tc, missing_freedict_names_the_package);
	tcase_add_test(tc, composed_through_english);
	suite_add_tcase(s, tc);
	return ht_test_run(s);
}
