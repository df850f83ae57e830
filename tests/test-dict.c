/* Dictionaries: CC-CEDICT lines, TSV lists, malformed lines, missing files. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/util.h"
#include "hutong/dict.h"
#include "tests/testutil.h"

static char tmpdir[64];

static const char *write_tmp(const char *name, const char *text)
{
	static char path[128];
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
	suite_add_tcase(s, tc);
	return ht_test_run(s);
}
