/* Glossary storage and formats: OmegaT TSV, CSV, JSONL, TBX v2 and TBX v3
 * (TBX-Basic, checked against the TBX v3 RELAX NG schema and, in C, the
 * TBX-Basic Schematron rules that apply to what hutong writes). */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "common/util.h"
#include "hutong/glossary.h"
#include "hutong/termbase.h"
#include "tests/testutil.h"

static const char tbx3_ns[] = "urn:iso:std:iso:30042:ed-2";

static ht_glossary *sample(void)
{
	ht_glossary *g = ht_glossary_new("zh", "en");
	char src[] = "互联互通";
	ht_gloss_entry e = {src, "connectivity", 12, 0.85, 0.9, "A_RES_76_295.zh.txt", "p12", 0};
	ht_glossary_add(g, &e);
	src[0] = 'X'; /* the glossary holds its own copy */
	ht_gloss_entry s = {"内陆发展中国家", "landlocked developing countries, \"LLDCs\"", 0, NAN, 0.5,
			    NULL, NULL, 1};
	ht_glossary_add(g, &s);
	ht_gloss_entry c = {"控制\x01字符", "tab\there\nand <&>", 3, 0.5, 0.4, "d,oc", NULL, 0};
	ht_glossary_add(g, &c);
	return g;
}

/* The glossary written in `format` into a heap string. */
static char *write_to_string(const ht_glossary *g, ht_gloss_format format)
{
	char *data = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&data, &len);
	ck_assert_ptr_nonnull(fp);
	ht_error err = {0};
	ck_assert_int_eq(ht_glossary_write(g, format, fp, &err), HT_OK);
	fclose(fp);
	return data;
}


/* Spreadsheets: a BOM on request, formula-like cells escaped, and read back
 * as they were by the termbase reader. */
START_TEST(csv_escapes_formulas_and_reads_back)
{
	ht_glossary *g = ht_glossary_new("zh", "en");
	ht_gloss_entry e = {.source = "互联互通", .target = "=HYPERLINK(\"http://x\")", .freq = 2};
	ht_glossary_add(g, &e);
	ht_gloss_entry f = {.source = "-减少", .target = "@risk", .freq = 2};
	ht_glossary_add(g, &f);
	char *data = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&data, &len);
	ht_error err = {0};
	ck_assert_int_eq(ht_glossary_write_flags(g, HT_GLOSS_CSV, HT_WRITE_BOM, fp, &err), HT_OK);
	fclose(fp);
	ck_assert(strncmp(data, "\xEF\xBB\xBFzh,en,", 9) == 0);
	ck_assert_ptr_nonnull(strstr(data, "\r\n互联互通,\"'=HYPERLINK(\"\"http://x\"\")\",2,"));
	ck_assert_ptr_nonnull(strstr(data, "\r\n\"'-减少\",\"'@risk\",2,"));
	char path[] = "/tmp/ht-csv-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
	close(fd);
	ht_termbase *tb = NULL;
	ck_assert_int_eq(ht_termbase_read(path, NULL, NULL, &tb, &err), HT_OK);
	unlink(path);
	ck_assert_uint_eq(ht_termbase_lang_count(tb), 2);
	ck_assert_uint_eq(ht_termbase_count(tb), 2);
	ck_assert_str_eq(ht_termbase_term(tb, 0, 1)->term, "=HYPERLINK(\"http://x\")");
	ck_assert_str_eq(ht_termbase_term(tb, 1, 0)->term, "-减少");
	ck_assert_uint_eq(ht_termbase_find(tb, 1, "@RISK"), 1);
	ht_termbase_free(tb);
	ht_glossary_free(g);
	free(data);
}
END_TEST

/* Pair glossaries merge on the pivot term; a pair comes back out. */
START_TEST(termbase_merges_through_the_pivot)
{
	ht_glossary *en = ht_glossary_new("zh", "en"), *fr = ht_glossary_new("zh", "fr");
	ht_gloss_entry a = {.source = "会员国", .target = "Member States", .freq = 9, .score = 0.9};
	ht_gloss_entry b = {.source = "会员国", .target = "États Membres", .freq = 8, .score = 0.8};
	ht_gloss_entry c = {.source = "民间社会", .target = "société civile", .freq = 3, .score = 0.7};
	ht_glossary_add(en, &a);
	ht_glossary_add(fr, &b);
	ht_glossary_add(fr, &c);
	const ht_glossary *g[2] = {en, fr};
	ht_termbase *tb = NULL;
	ht_error err = {0};
	ck_assert_int_eq(ht_termbase_merge(g, 2, &tb, &err), HT_OK);
	ck_assert_uint_eq(ht_termbase_lang_count(tb), 3);
	ck_assert_uint_eq(ht_termbase_count(tb), 2);
	ck_assert_str_eq(ht_termbase_term(tb, 0, 1)->term, "Member States");
	ck_assert_str_eq(ht_termbase_term(tb, 0, 2)->term, "États Membres");
	ck_assert_ptr_null(ht_termbase_term(tb, 1, 1));
	ht_glossary *p = ht_termbase_pair(tb, "zh", "fr");
	ck_assert_uint_eq(ht_glossary_count(p), 2);
	ck_assert_str_eq(ht_glossary_entry(p, 1)->target, "société civile");
	ht_glossary_free(p);
	const ht_glossary *bad[2] = {en, fr};
	ht_glossary *other = ht_glossary_new("en", "fr");
	bad[1] = other;
	ht_termbase *tb2 = NULL;
	ck_assert_int_eq(ht_termbase_merge(bad, 2, &tb2, &err), HT_ERR_USAGE);
	ht_glossary_free(other);
	ht_termbase_free(tb);
	ht_glossary_free(en);
	ht_glossary_free(fr);
}
END_TEST

START_TEST(storage_copies_and_normalises)
{
	ht_glossary *g = sample();
	ck_assert_uint_eq(ht_glossary_count(g), 3);
	ck_assert_str_eq(ht_glossary_entry(g, 0)->source, "互联互通");
	ck_assert_str_eq(ht_glossary_entry(g, 0)->example_unit, "p12");
	ck_assert_ptr_null(ht_glossary_entry(g, 1)->example_doc);
	ck_assert_int_eq(ht_glossary_entry(g, 1)->suggestion, 1);
	ck_assert_ptr_null(ht_glossary_entry(g, 3));
	ck_assert_str_eq(ht_glossary_from(g), "zh");
	ht_glossary_free(g);
	g = ht_glossary_new("zh_CN", "en_US");
	ck_assert_str_eq(ht_glossary_from(g), "zh-CN");
	ck_assert_str_eq(ht_glossary_to(g), "en-US");
	ht_glossary_free(g);
	ck_assert_int_eq(ht_gloss_format_parse("tsv"), HT_GLOSS_TSV);
	ck_assert_int_eq(ht_gloss_format_parse("tbx"), HT_GLOSS_TBX);
	ck_assert_int_eq(ht_gloss_format_parse("tbx3"), HT_GLOSS_TBX3);
	ck_assert_int_eq(ht_gloss_format_parse("jsonl"), HT_GLOSS_JSONL);
	ck_assert_int_eq(ht_gloss_format_parse("xlsx"), -1);
	ck_assert_int_eq(ht_gloss_format_parse(NULL), -1);
}
END_TEST

START_TEST(tsv_is_omegat_glossary)
{
	ht_glossary *g = sample();
	char *out = write_to_string(g, HT_GLOSS_TSV);
	/* no header; attested entries first; the suggestion labelled, last; tabs,
	 * newlines and control characters cannot break a row */
	ck_assert_str_eq(out,
			 "互联互通\tconnectivity\tfrequency 12; Dice 0.850; confidence 0.900; e.g. A_RES_76_295.zh.txt p12\n"
			 "控制字符\ttab here and <&>\tfrequency 3; Dice 0.500; confidence 0.400; e.g. d,oc\n"
			 "内陆发展中国家\tlandlocked developing countries, \"LLDCs\"\tsuggestion: dictionary-based, "
			 "not attested in aligned text; frequency 0; Dice n/a; confidence 0.500\n");
	free(out);
	ht_glossary_free(g);
}
END_TEST

START_TEST(csv_is_rfc4180)
{
	ht_glossary *g = sample();
	char *out = write_to_string(g, HT_GLOSS_CSV);
	ck_assert_str_eq(out,
			 "zh,en,frequency,dice,confidence,example_doc,example_unit,status,statistical\r\n"
			 "互联互通,connectivity,12,0.850,0.900,A_RES_76_295.zh.txt,p12,attested,\r\n"
			 "控制字符,\"tab\there\nand <&>\",3,0.500,0.400,\"d,oc\",,attested,\r\n"
			 "内陆发展中国家,\"landlocked developing countries, \"\"LLDCs\"\"\",0,,0.500,,,suggestion,\r\n");
	free(out);
	ht_glossary_free(g);
}
END_TEST

START_TEST(jsonl_has_every_field)
{
	ht_glossary *g = sample();
	char *out = write_to_string(g, HT_GLOSS_JSONL);
	char *second = strchr(out, '\n') + 1;
	*(second - 1) = '\0';
	ck_assert_str_eq(out, "{\"source\":\"互联互通\",\"target\":\"connectivity\",\"from\":\"zh\",\"to\":\"en\","
			      "\"freq\":12,\"score\":0.85,\"confidence\":0.9,\"example_doc\":\"A_RES_76_295.zh.txt\","
			      "\"example_unit\":\"p12\",\"suggestion\":false,\"termbase\":false,\"statistical\":null}");
	ck_assert_ptr_nonnull(strstr(second, "\"source\":\"控制\\u0001字符\""));
	ck_assert_ptr_nonnull(strstr(second, "\"target\":\"tab\\there\\nand <&>\""));
	ck_assert_ptr_nonnull(strstr(second, "\"example_unit\":null"));
	ck_assert_ptr_nonnull(strstr(second, "\"score\":null,\"confidence\":0.5"));
	ck_assert_ptr_nonnull(strstr(second, "\"suggestion\":true,\"termbase\":false,\"statistical\":null}\n"));
	free(out);
	ht_glossary_free(g);
}
END_TEST

/* ---- XML checks ---- */

static xmlDocPtr parse(const char *xml)
{
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "glossary.tbx", NULL, XML_PARSE_NONET);
	ck_assert_msg(doc != NULL, "not well-formed XML:\n%s", xml);
	return doc;
}

static xmlXPathObjectPtr eval(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathRegisterNs(ctx, BAD_CAST "t", BAD_CAST tbx3_ns);
	xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	xmlXPathFreeContext(ctx);
	ck_assert_msg(r != NULL, "bad XPath %s", expr);
	return r;
}

static double xp_number(xmlDocPtr doc, const char *expr)
{
	xmlXPathObjectPtr r = eval(doc, expr);
	double v = xmlXPathCastToNumber(r);
	xmlXPathFreeObject(r);
	return v;
}

static void xp_string_is(xmlDocPtr doc, const char *expr, const char *want)
{
	xmlXPathObjectPtr r = eval(doc, expr);
	xmlChar *s = xmlXPathCastToString(r);
	ck_assert_msg(strcmp((char *)s, want) == 0, "%s = '%s', want '%s'", expr, s, want);
	xmlFree(s);
	xmlXPathFreeObject(r);
}

START_TEST(tbx2_is_martif_as_omegat_reads_it)
{
	ht_glossary *g = sample();
	char *out = write_to_string(g, HT_GLOSS_TBX);
	xmlDocPtr doc = parse(out);
	xp_string_is(doc, "/martif/@type", "TBX");
	xp_string_is(doc, "/martif/@xml:lang", "en");
	ck_assert(xp_number(doc, "count(/martif/martifHeader/fileDesc/sourceDesc/p)") == 1);
	ck_assert(xp_number(doc, "count(/martif/text/body/termEntry)") == 3);
	ck_assert(xp_number(doc, "count(//termEntry[count(langSet) = 2])") == 3);
	xp_string_is(doc, "/martif/text/body/termEntry[1]/langSet[1]/@xml:lang", "zh");
	xp_string_is(doc, "/martif/text/body/termEntry[1]/langSet[1]/tig/term", "互联互通");
	xp_string_is(doc, "/martif/text/body/termEntry[1]/langSet[2]/@xml:lang", "en");
	xp_string_is(doc, "/martif/text/body/termEntry[1]/langSet[2]/tig/term", "connectivity");
	xp_string_is(doc, "/martif/text/body/termEntry[1]/note[1]", "frequency 12; Dice 0.850; confidence 0.900");
	xp_string_is(doc, "/martif/text/body/termEntry[1]/note[2]", "example: A_RES_76_295.zh.txt p12");
	/* the control character is dropped, the rest kept */
	xp_string_is(doc, "/martif/text/body/termEntry[2]/langSet[1]/tig/term", "控制字符");
	xp_string_is(doc, "/martif/text/body/termEntry[2]/langSet[2]/tig/term", "tab\there\nand <&>");
	/* the suggestion, last and labelled */
	xp_string_is(doc, "/martif/text/body/termEntry[3]/note[1]",
		     "suggestion: dictionary-based, not attested in aligned text");
	ck_assert(xp_number(doc, "count(//termEntry[@id])") == 3);
	xmlFreeDoc(doc);
	free(out);
	ht_glossary_free(g);
}
END_TEST

/* xmllint --relaxng against TBXcoreStructV03.rng, exit 0 and an empty stderr.
 * Returns 0 when it could not run. */
static int relaxng_valid(const char *xml)
{
	const char *rng = ht_test_shared("schemas/TBXcoreStructV03.rng");
	if (!rng || system("xmllint --version >/dev/null 2>&1") != 0)
		return 0;
	char path[] = "/tmp/ht-test-tbx3-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	FILE *fp = fdopen(fd, "w");
	fputs(xml, fp);
	fclose(fp);
	ht_buf cmd = HT_BUF_INIT;
	ht_buf_addf(&cmd, "xmllint --noout --relaxng '%s' '%s' 2>'%s.err' >/dev/null", rng, path, path);
	int rc = system(cmd.s);
	ht_buf_reset(&cmd);
	ht_buf_addf(&cmd, "%s.err", path);
	ht_buf errs = HT_BUF_INIT;
	ck_assert_int_eq(ht_text_read(cmd.s, &errs, NULL, NULL), HT_OK);
	unlink(cmd.s);
	unlink(path);
	/* xmllint --relaxng always reports "FILE validates" on stderr; nothing else may be there */
	ht_buf ok = HT_BUF_INIT;
	ht_buf_addf(&ok, "%s validates\n", path);
	int clean = strcmp(errs.s, ok.s) == 0;
	ht_buf_release(&ok);
	ck_assert_msg(rc == 0 && clean, "TBX v3 not valid against the RELAX NG schema: %s\n%s", errs.s,
		      xml);
	ht_buf_release(&errs);
	ht_buf_release(&cmd);
	return 1;
}

/* The TBX-Basic Schematron rules (xmllint cannot run its XSLT2) that concern
 * what hutong writes: dialect and style, every element in the TBX namespace,
 * only permitted data categories at permitted levels. */
static void tbx_basic_rules(xmlDocPtr doc)
{
	xp_string_is(doc, "/t:tbx/@type", "TBX-Basic");
	xp_string_is(doc, "/t:tbx/@style", "dca");
	ck_assert(xp_number(doc, "count(//*[namespace-uri() != 'urn:iso:std:iso:30042:ed-2'])") == 0);
	ck_assert(xp_number(doc, "count(//t:admin[@type != 'customerSubset' and @type != 'projectSubset'"
				 " and @type != 'source'])") == 0);
	ck_assert(xp_number(doc, "count(//t:admin[@type = 'source'][not(parent::t:conceptEntry or "
				 "parent::t:langSec or parent::t:termSec)])") == 0);
	ck_assert(xp_number(doc, "count(//t:descrip | //t:termNote | //t:ref | //t:xref | //t:transac)") == 0);
	ck_assert(xp_number(doc, "count(//*[@type = ''])") == 0);
	ck_assert(xp_number(doc, "count(//t:conceptEntry) - count(//t:conceptEntry[not(@id = "
				 "preceding::t:conceptEntry/@id)])") == 0);
}

START_TEST(tbx3_is_valid_tbx_basic)
{
	ht_glossary *g = sample();
	char *out = write_to_string(g, HT_GLOSS_TBX3);
	relaxng_valid(out);
	xmlDocPtr doc = parse(out);
	tbx_basic_rules(doc);
	xp_string_is(doc, "/t:tbx/@xml:lang", "en");
	ck_assert(xp_number(doc, "count(/t:tbx/t:tbxHeader/t:fileDesc/t:sourceDesc/t:p)") == 1);
	ck_assert(xp_number(doc, "count(/t:tbx/t:text/t:body/t:conceptEntry)") == 3);
	xp_string_is(doc, "//t:conceptEntry[1]/t:langSec[1]/@xml:lang", "zh");
	xp_string_is(doc, "//t:conceptEntry[1]/t:langSec[1]/t:termSec/t:term", "互联互通");
	xp_string_is(doc, "//t:conceptEntry[1]/t:langSec[2]/t:termSec/t:term", "connectivity");
	xp_string_is(doc, "//t:conceptEntry[1]/t:admin[@type='source']", "A_RES_76_295.zh.txt p12");
	xp_string_is(doc, "//t:conceptEntry[3]/t:note[1]", "suggestion: dictionary-based, not attested in aligned text");
	xmlFreeDoc(doc);
	free(out);
	ht_glossary_free(g);

	/* an empty glossary: TBX v3 allows <text> without <body> */
	g = ht_glossary_new("zh", "en");
	out = write_to_string(g, HT_GLOSS_TBX3);
	relaxng_valid(out);
	free(out);
	out = write_to_string(g, HT_GLOSS_TBX);
	doc = parse(out);
	ck_assert(xp_number(doc, "count(/martif/text/body)") == 1);
	xmlFreeDoc(doc);
	free(out);
	ht_glossary_free(g);
}
END_TEST

START_TEST(relaxng_check_can_fail)
{
	/* the validator itself rejects a TBX v3 missing its header: the check above is real */
	if (!ht_test_shared("schemas/TBXcoreStructV03.rng") || system("xmllint --version >/dev/null 2>&1") != 0)
		return;
	const char *bad = "<tbx xmlns=\"urn:iso:std:iso:30042:ed-2\" type=\"TBX-Basic\" style=\"dca\" "
			  "xml:lang=\"en\"><text/></tbx>";
	char path[] = "/tmp/ht-test-tbx3-bad-XXXXXX";
	int fd = mkstemp(path);
	FILE *fp = fdopen(fd, "w");
	fputs(bad, fp);
	fclose(fp);
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "xmllint --noout --relaxng '%s' '%s' >/dev/null 2>&1",
		 ht_test_shared("schemas/TBXcoreStructV03.rng"), path);
	ck_assert_int_ne(system(cmd), 0);
	unlink(path);
}
END_TEST

START_TEST(write_errors_are_io)
{
	FILE *fp = fopen("/dev/full", "w");
	if (!fp)
		return;
	setvbuf(fp, NULL, _IONBF, 0);
	ht_glossary *g = sample();
	ht_error err = {0};
	for (int f = HT_GLOSS_TSV; f <= HT_GLOSS_JSONL; f++)
		ck_assert_int_eq(ht_glossary_write(g, (ht_gloss_format)f, fp, &err), HT_ERR_IO);
	ck_assert_int_eq(ht_glossary_write(g, (ht_gloss_format)99, fp, &err), HT_ERR_USAGE);
	fclose(fp);
	ht_glossary_free(g);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("glossary-formats");
	TCase *tc = tcase_create("formats");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, storage_copies_and_normalises);
	tcase_add_test(tc, tsv_is_omegat_glossary);
	tcase_add_test(tc, csv_is_rfc4180);
	tcase_add_test(tc, csv_escapes_formulas_and_reads_back);
	tcase_add_test(tc, termbase_merges_through_the_pivot);
	tcase_add_test(tc, jsonl_has_every_field);
	tcase_add_test(tc, tbx2_is_martif_as_omegat_reads_it);
	tcase_add_test(tc, tbx3_is_valid_tbx_basic);
	tcase_add_test(tc, relaxng_check_can_fail);
	tcase_add_test(tc, write_errors_are_io);
	suite_add_tcase(s, tc);
	return ht_test_run(s);
}
