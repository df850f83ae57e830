/* The store: schema versions refused clearly, folding and marks, names of
 * inputs, similarity, and a tiny build queried through the library. */
#include <sqlite3.h>
#include <strings.h>
#include <sys/stat.h>

#include "testutil.h"

#include "hutong/build.h"
#include "hutong/lookup.h"
#include "hutong/store.h"
#include "store/corpus.h"
#include "store/fold.h"
#include "store/lookup-internal.h"

static char tmpdir[256];

static void make_tmp(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/ht-test-store-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

/* Checked teardown: the test's folder goes, whatever the test did. */
static void remove_tmp(void)
{
	if (!tmpdir[0])
		return;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tmpdir);
}

static void write_file(const char *rel, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", tmpdir, rel);
	FILE *fp = fopen(path, "wb");
	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	fclose(fp);
}

/* A two-document corpus (a table and a line-parallel pair), built into
 * tmpdir/out; returns the store's path (static). */
static const char *build_tiny(void)
{
	static char db[600];
	char in[512], out[512];
	make_tmp();
	snprintf(in, sizeof in, "%s/in", tmpdir);
	snprintf(out, sizeof out, "%s/out", tmpdir);
	mkdir(in, 0777);
	write_file("in/terms.tsv", "key\tzh\ten\tfr\n"
				   "a\t安全理事会\tSecurity Council\tConseil de sécurité\n"
				   "b\t安全理事会的报告\tReport of the Security Council\tRapport du Conseil de sécurité\n"
				   "c\t可持续发展\tsustainable development\tdéveloppement durable\n"
				   "d\t可持续发展目标\tSustainable Development Goals\tobjectifs de développement durable\n");
	write_file("in/pair.zh", "安全理事会今天开会。\n可持续发展是目标。\n");
	write_file("in/pair.en", "The Security Council met today.\nSustainable development is the goal.\n");
	const char *inputs[] = {in};
	ht_build_opts o;
	ht_build_opts_init(&o);
	o.out_dir = out;
	o.dict = "none";
	ht_build_result *r = NULL;
	ht_error err = {0};
	ht_status st = ht_build(inputs, 1, &o, &r, &err);
	ck_assert_msg(st == HT_OK, "build: %s", err.message);
	ck_assert_uint_eq(ht_build_result_built(r), 2);
	ht_build_result_free(r);
	snprintf(db, sizeof db, "%s/hutong.db", out);
	return db;
}

static void set_version(const char *db, const char *version)
{
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
	char sql[128];
	snprintf(sql, sizeof sql, "UPDATE meta SET value = '%s' WHERE key = 'schema_version'", version);
	ck_assert_int_eq(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}

START_TEST(test_schema_version_refused)
{
	const char *db = build_tiny();
	ck_assert_int_eq(ht_store_schema_version_of(db), HT_STORE_SCHEMA_VERSION);
	ht_store *s = NULL;
	ht_error err = {0};
	ck_assert_int_eq(ht_store_open(db, &s, &err), HT_OK);
	ht_store_counts c;
	ht_store_count(s, &c, &err);
	ck_assert_uint_eq(c.documents, 2);
	ck_assert_uint_eq(c.units, 6);
	ht_store_close(s);
	set_version(db, "99");
	ck_assert_int_eq(ht_store_open(db, &s, &err), HT_ERR_DATA);
	ck_assert_ptr_nonnull(strstr(err.message, "store schema version 99; this hutong"));
	ck_assert_ptr_nonnull(strstr(err.message, "reads version 1"));
	ht_lookup *lk = NULL;
	ck_assert_int_eq(ht_lookup_open(db, &lk, &err), HT_ERR_DATA);
	ck_assert_ptr_null(lk);
	/* a build into that folder does not overwrite a newer store */
	char in[512], out[512];
	snprintf(in, sizeof in, "%s/in", tmpdir);
	snprintf(out, sizeof out, "%s/out", tmpdir);
	const char *inputs[] = {in};
	ht_build_opts o;
	ht_build_opts_init(&o);
	o.out_dir = out;
	o.dict = "none";
	ht_build_result *r = NULL;
	ck_assert_int_eq(ht_build(inputs, 1, &o, &r, &err), HT_ERR_DATA);
	ck_assert_ptr_nonnull(strstr(err.message, "store of a newer schema"));
	ck_assert_int_eq(ht_store_schema_version_of(db), 99);
	/* an older one is rebuilt */
	set_version(db, "0");
	ck_assert_msg(ht_build(inputs, 1, &o, &r, &err) == HT_OK, "%s", err.message);
	ht_build_result_free(r);
	ck_assert_int_eq(ht_store_schema_version_of(db), HT_STORE_SCHEMA_VERSION);
}
END_TEST

START_TEST(test_not_a_store)
{
	make_tmp();
	write_file("x.db", "just some text, no database");
	char path[512];
	snprintf(path, sizeof path, "%s/x.db", tmpdir);
	ht_store *s = NULL;
	ht_error err = {0};
	ck_assert_int_eq(ht_store_open(path, &s, &err), HT_ERR_DATA);
	ck_assert_ptr_nonnull(strstr(err.message, "not a hutong store"));
	snprintf(path, sizeof path, "%s/missing.db", tmpdir);
	ck_assert_int_eq(ht_store_open(path, &s, &err), HT_ERR_IO);
}
END_TEST

START_TEST(test_lookup_both_sides)
{
	const char *db = build_tiny();
	ht_lookup *lk;
	ht_error err = {0};
	ck_assert_int_eq(ht_lookup_open(db, &lk, &err), HT_OK);
	ht_lookup_result *r;
	/* Chinese inside unsegmented text, three units have it */
	ck_assert_int_eq(ht_lookup_query(lk, "安全理事会", strlen("安全理事会"), NULL, &r, &err), HT_OK);
	ck_assert_int_eq(ht_lookup_result_match(r), HT_MATCH_EXACT);
	ck_assert_uint_eq(ht_lookup_hit_total(r), 3);
	const ht_lookup_hit *h = ht_lookup_hit_at(r, 0);
	ck_assert_str_eq(h->text.lang, "zh");
	ck_assert_uint_ge(h->text.nmarks, 1);
	ck_assert_uint_eq(h->text.marks[0].len, strlen("安全理事会"));
	ht_lookup_result_free(r);
	/* two characters go through the trigrams they start, also at a text's end */
	ck_assert_int_eq(ht_lookup_query(lk, "发展", strlen("发展"), NULL, &r, &err), HT_OK);
	ck_assert_uint_eq(ht_lookup_hit_total(r), 3);
	ht_lookup_result_free(r);
	/* French without accents, in the word index */
	ck_assert_int_eq(ht_lookup_query(lk, "conseil de securite", 19, NULL, &r, &err), HT_OK);
	ck_assert_uint_eq(ht_lookup_hit_total(r), 2);
	h = ht_lookup_hit_at(r, 0);
	ck_assert_str_eq(h->text.lang, "fr");
	ck_assert_uint_eq(h->text.nmarks, 1);
	ck_assert_int_eq(strncmp(h->text.text + h->text.marks[0].start, "Conseil de sécurité",
				 h->text.marks[0].len), 0);
	ht_lookup_result_free(r);
	/* a near match: similarity as CAT tools count it */
	ck_assert_int_eq(ht_lookup_query(lk, "sustainable developmnet", 23, NULL, &r, &err), HT_OK);
	ck_assert_int_eq(ht_lookup_result_match(r), HT_MATCH_NEAR);
	ck_assert_int_eq(strcasecmp(ht_lookup_result_effective(r), "sustainable development"), 0);
	ck_assert_double_eq_tol(ht_lookup_result_similarity(r), 1 - 2.0 / 23, 1e-9);
	ht_lookup_result_free(r);
	/* invalid UTF-8 is an error, never a crash */
	ck_assert_int_eq(ht_lookup_query(lk, "a\xff", 2, NULL, &r, &err), HT_ERR_DATA);
	ht_lookup_close(lk);
}
END_TEST

START_TEST(test_fold_and_marks)
{
	ht_folded f;
	ht_folded_init(&f);
	const char *t = "Le Conseil de Sécurité  a dit ; STRASSE, Straße.";
	ht_fold(t, strlen(t), &f);
	ck_assert_str_eq(f.s.s, "le conseil de securite a dit ; strasse, strasse.");
	ht_span *m = NULL;
	size_t n = 0, cap = 0;
	ht_lookup_mark(&f, t, "strasse", 7, 0, &m, &n, &cap);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(strncmp(t + m[1].start, "Straße", m[1].len), 0);
	n = 0; /* "seil" is inside a word: no mark outside Han text */
	ht_lookup_mark(&f, t, "seil", 4, 0, &m, &n, &cap);
	ck_assert_uint_eq(n, 0);
	/* inflected forms, word by word on their stems */
	const char *ru = "Заявление Председателя Совета Безопасности";
	ht_fold(ru, strlen(ru), &f);
	ht_buf q = HT_BUF_INIT;
	ht_fold_into("Совет Безопасности", strlen("Совет Безопасности"), &q);
	n = 0;
	ht_lookup_mark(&f, ru, q.s, q.len, 1, &m, &n, &cap);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(strncmp(ru + m[0].start, "Совета Безопасности", m[0].len), 0);
	ck_assert_uint_eq(m[0].len, strlen("Совета Безопасности"));
	ht_buf_release(&q);
	free(m);
	ht_folded_release(&f);
}
END_TEST

START_TEST(test_similarity)
{
	ck_assert_double_eq(ht_fold_similarity("abc", 3, "abc", 3), 1);
	ck_assert_double_eq_tol(ht_fold_similarity("совета", 12, "совет", 10), 5.0 / 6, 1e-9);
	ck_assert_double_eq(ht_fold_similarity("abc", 3, "xyz", 3), 0);
}
END_TEST

START_TEST(test_name_parts)
{
	char b[16];
	ck_assert_str_eq(ht_lang_of_name_part("zh", 2, b, sizeof b), "zh");
	ck_assert_str_eq(ht_lang_of_name_part("cmn_hans", 8, b, sizeof b), "zh");
	ck_assert_str_eq(ht_lang_of_name_part("eng", 3, b, sizeof b), "en");
	ck_assert_str_eq(ht_lang_of_name_part("fr-CA", 5, b, sizeof b), "fr");
	ck_assert_str_eq(ht_lang_of_name_part("pl", 2, b, sizeof b), "pl");
	ck_assert_ptr_null(ht_lang_of_name_part("md", 2, b, sizeof b));
	ck_assert_ptr_null(ht_lang_of_name_part("ids", 3, b, sizeof b));
	ck_assert_ptr_null(ht_lang_of_name_part("udhr_eng", 8, b, sizeof b));
	ck_assert_ptr_null(ht_lang_of_name_part("txt", 3, b, sizeof b));
}
END_TEST

START_TEST(test_scan_names)
{
	make_tmp();
	char d[600];
	snprintf(d, sizeof d, "%s/udhr", tmpdir);
	mkdir(d, 0777);
	write_file("udhr/eng.html", "<p>x</p>");
	write_file("udhr/fra.html", "<p>x</p>");
	write_file("A.zh.txt", "x");
	write_file("UNv1.0.devset.zh", "x");
	write_file("UNv1.0.devset.ids", "x");
	write_file("udhr_rus.xml", "x");
	write_file("notes.md", "x");
	const char *in[] = {tmpdir};
	ht_scan s;
	ht_error err = {0};
	ck_assert_int_eq(ht_scan_inputs(in, 1, NULL, &s, &err), HT_OK);
	ck_assert_uint_eq(s.n, 3); /* A, UNv1.0.devset, udhr (the folder and udhr_rus) */
	ck_assert_str_eq(s.groups[0].name, "A");
	ck_assert_str_eq(s.groups[1].name, "UNv1.0.devset");
	ck_assert_int_eq(s.groups[1].kind, HT_GROUP_LINES);
	ck_assert_ptr_nonnull(s.groups[1].ids);
	ck_assert_str_eq(s.groups[2].name, "udhr");
	ck_assert_uint_eq(s.groups[2].nfiles, 3);
	ck_assert_uint_eq(s.nignored, 1);
	ck_assert_ptr_nonnull(strstr(s.ignored[0], "notes.md"));
	ht_scan_release(&s);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("store");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, NULL, remove_tmp);
	tcase_add_test(tc, test_schema_version_refused);
	tcase_add_test(tc, test_not_a_store);
	tcase_add_test(tc, test_lookup_both_sides);
	tcase_add_test(tc, test_fold_and_marks);
	tcase_add_test(tc, test_similarity);
	tcase_add_test(tc, test_name_parts);
	tcase_add_test(tc, test_scan_names);
	suite_add_tcase(s, tc);
	return ht_test_run(s);
}
