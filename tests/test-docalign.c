/* Whole-document alignment: label keys, anchor chains, joining, paragraph
 * then sentence alignment on documents built in memory, and the pivot. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "align/read/doc-internal.h"
#include "align/docalign-internal.h"
#include "hutong/docalign.h"
#include "hutong/tm.h"
#include "tests/testutil.h"

static char *key_of(const char *label)
{
	ht_buf key = HT_BUF_INIT;
	ht_da_label_key(label, &key);
	return ht_buf_detach(&key, NULL);
}

static void assert_key(const char *label, const char *want)
{
	char *k = key_of(label);
	ck_assert_msg(strcmp(k, want) == 0, "label '%s' gave key '%s', want '%s'", label, k, want);
	free(k);
}

START_TEST(label_keys_agree_across_scripts)
{
	assert_key("1.", "1");
	assert_key("1．", "1");       /* full-width dot */
	assert_key("١.", "1");        /* Arabic-Indic digit */
	assert_key("٢٣.", "23");
	assert_key("三.", "3");
	assert_key("二十三、", "23");
	assert_key("十.", "10");
	assert_key("III.", "3");       /* Roman section numbers meet 三 */
	assert_key("(a)", "a");
	assert_key("(b)", "b");
	assert_key("б)", "b");         /* Cyrillic enumeration */
	assert_key("(ب)", "b");        /* Arabic, abjad order */
	assert_key("(د)", "d");
	/* single letters that are Roman numerals are read as such, on every side alike */
	assert_key("(c)", "100");
	assert_key("(ج)", "100");
	assert_key("76/295.", "76/295");
	assert_key("1.2", "1.2");
	assert_key("B.", "b");
}
END_TEST

static void assert_para_key(const char *label, const char *text, const char *want)
{
	ht_doc *doc = ht_doc_new("k.txt", "und", "option", HT_INPUT_PARAGRAPHS);
	ht_doc_add_para(doc, HT_KIND_OTHER, label, label ? strlen(label) : 0, text, strlen(text));
	char *k = ht_da_para_key(ht_doc_para(doc, 0));
	ck_assert_msg(strcmp(k, want) == 0, "'%s' gave key '%s', want '%s'", text, k, want);
	free(k);
	ht_doc_free(doc);
}

START_TEST(heading_numbers_are_keys)
{
	assert_para_key(NULL, "Article 12", "H:12");
	assert_para_key(NULL, "第十二条", "H:12");
	assert_para_key(NULL, "第三十条", "H:30");
	assert_para_key(NULL, "Статья 12", "H:12");
	assert_para_key(NULL, "المادة ١٢", "H:12");
	assert_para_key(NULL, "Chapter IV", "H:4");
	assert_para_key(NULL, "第四章", "H:4");
	assert_para_key("3.", "Decides to act.", "L:3");
	/* no number, two numbers, a long paragraph, a Han numeral that is a word */
	assert_para_key(NULL, "Preamble", "");
	assert_para_key(NULL, "Articles 12 and 13", "");
	assert_para_key(NULL, "统一", "");
	assert_para_key(NULL, "Recalling its resolution 70/1 of 25 September 2015 on the 2030 Agenda", "");
}
END_TEST

static size_t anchors(const char *const *a, size_t na, const char *const *b, size_t nb, size_t *oa,
		      size_t *ob)
{
	return ht_da_find_anchors((char *const *)a, na, (char *const *)b, nb, oa, ob);
}

START_TEST(anchors_follow_restarting_numbering)
{
	/* three sections numbered 1..3 / 1..2 / 1..3; the target's first section
	 * lacks its paragraph 3 and has an extra unlabelled paragraph */
	const char *a[] = {"", "L:1", "L:2", "L:3", "", "L:1", "L:2", "", "L:1", "L:2", "L:3"};
	const char *b[] = {"", "L:1", "L:2", "", "", "L:1", "L:2", "", "L:1", "L:2", "L:3"};
	size_t oa[11], ob[11];
	size_t n = anchors(a, 11, b, 11, oa, ob);
	ck_assert_uint_eq(n, 7);
	size_t want_a[] = {1, 2, 5, 6, 8, 9, 10}, want_b[] = {1, 2, 5, 6, 8, 9, 10};
	for (size_t k = 0; k < n; k++) {
		ck_assert_uint_eq(oa[k], want_a[k]);
		ck_assert_uint_eq(ob[k], want_b[k]);
	}
}
END_TEST

START_TEST(anchors_refuse_far_matches)
{
	/* the only "L:7" of the target sits at the far end: not an anchor */
	const char *a[] = {"L:7", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""};
	const char *b[] = {"", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "L:7"};
	size_t oa[20], ob[20];
	ck_assert_uint_eq(anchors(a, 20, b, 20, oa, ob), 0);
	/* keyless documents give no anchors */
	ck_assert_uint_eq(anchors(a + 1, 5, b, 5, oa, ob), 0);
}
END_TEST

START_TEST(join_puts_no_space_between_cjk)
{
	ht_buf b = HT_BUF_INIT;
	ht_da_join_text(&b, "中文。", strlen("中文。"));
	ht_da_join_text(&b, "第二句", strlen("第二句"));
	ck_assert_str_eq(b.s, "中文。第二句");
	ht_da_join_text(&b, "and\tthen", 8);
	ck_assert_str_eq(b.s, "中文。第二句 and then");
	ht_da_join_text(&b, "", 0);
	ck_assert_str_eq(b.s, "中文。第二句 and then");
	ht_buf_release(&b);
}
END_TEST

/* A document of paragraphs "LABEL|text" ("|" alone: no label); sentences split at ". ". */
static ht_doc *make_doc(const char *name, const char *lang, const char *const *paras, size_t n)
{
	ht_doc *doc = ht_doc_new(name, lang, "option", HT_INPUT_PARAGRAPHS);
	for (size_t i = 0; i < n; i++) {
		const char *bar = strchr(paras[i], '|');
		const char *text = bar + 1;
		int footnote = paras[i][0] == '^';
		const char *label = footnote ? paras[i] + 1 : paras[i];
		struct ht_para *p = ht_doc_add_para(doc, footnote ? HT_KIND_FOOTNOTE : HT_KIND_OPERATIVE,
						    label, (size_t)(bar - label), text, strlen(text));
		size_t start = 0, len = strlen(text);
		for (size_t k = 0; k < len; k++)
			if (k + 1 == len || (text[k] == '.' && text[k + 1] == ' ')) {
				size_t end = k + 1 == len ? len : k + 2;
				HT_GROW(p->sentences, p->n_sentences + 1, p->cap_sentences);
				p->sentences[p->n_sentences++] = (ht_span){start, end - start};
				start = end;
			}
	}
	return doc;
}

static void assert_covering(const ht_docalign *da)
{
	size_t na = 0, nb = 0;
	for (size_t k = 0; k < ht_docalign_bead_count(da); k++) {
		const ht_bead *b = ht_docalign_bead(da, k);
		ck_assert(b->nsrc || b->ntgt);
		if (b->nsrc)
			ck_assert_uint_eq(b->src, na);
		if (b->ntgt)
			ck_assert_uint_eq(b->tgt, nb);
		na += b->nsrc;
		nb += b->ntgt;
		ck_assert(b->confidence >= 0 && b->confidence <= 1);
	}
	ck_assert_uint_eq(na, ht_docalign_unit_count(da, 0));
	ck_assert_uint_eq(nb, ht_docalign_unit_count(da, 1));
}

static const char *const en_paras[] = {
	"|The General Assembly,",
	"|Recalling its resolution 70/1 of 25 September 2015. Noting the report.",
	"1.|Decides to convene a conference in 2024.",
	"2.|Requests the Secretary-General to report on 12 items. Invites States to contribute.",
	"3.|Decides to include the item.",
	"^1|A/75/948.",
};
static const char *const fr_paras[] = {
	"|L'Assemblée générale,",
	"|Rappelant sa résolution 70/1 du 25 septembre 2015. Prenant note du rapport.",
	"1.|Décide de convoquer une conférence en 2024.",
	"2.|Prie le Secrétaire général de rendre compte de 12 points. Invite les États à contribuer.",
	"3.|Décide d'inscrire la question.",
	"^1|A/75/948.",
};

START_TEST(paragraphs_then_sentences)
{
	ht_doc *en = make_doc("r.en.txt", "en", en_paras, 6), *fr = make_doc("r.fr.txt", "fr", fr_paras, 6);
	ht_docalign_opts o = {HT_LEVEL_PARAGRAPH, NULL};
	ht_docalign *da = NULL;
	ht_error err = {0};
	ck_assert_int_eq(ht_docalign_new(en, fr, &o, &da, &err), HT_OK);
	assert_covering(da);
	ck_assert_uint_eq(ht_docalign_unit_count(da, 0), 6);
	ck_assert_uint_eq(ht_docalign_anchor_count(da), 4); /* 1. 2. 3. and footnote 1 */
	ck_assert_uint_eq(ht_docalign_bead_count(da), 6);
	ck_assert_str_eq(ht_docalign_unit_id(da, 0, 5), "fn1");
	for (size_t k = 0; k < 6; k++) {
		const ht_bead *b = ht_docalign_bead(da, k);
		ck_assert_uint_eq(b->src, k);
		ck_assert_uint_eq(b->tgt, k);
	}
	ht_docalign_free(da);

	o.level = HT_LEVEL_SENTENCE;
	ck_assert_int_eq(ht_docalign_new(en, fr, &o, &da, &err), HT_OK);
	assert_covering(da);
	ck_assert_uint_eq(ht_docalign_unit_count(da, 0), 8);
	ck_assert_str_eq(ht_docalign_unit_id(da, 0, 2), "p2.s2");
	size_t len;
	const char *t = ht_docalign_unit_text(da, 0, 2, &len);
	ck_assert_int_eq((int)len, (int)strlen("Noting the report."));
	ck_assert(strncmp(t, "Noting the report.", len) == 0);
	ht_docalign_free(da);
	ht_doc_free(en);
	ht_doc_free(fr);
}
END_TEST

START_TEST(empty_side_gives_lone_beads)
{
	ht_doc *en = make_doc("r.en.txt", "en", en_paras, 6), *fr = make_doc("e.fr.txt", "fr", NULL, 0);
	ht_docalign_opts o = {HT_LEVEL_SENTENCE, NULL};
	ht_docalign *da = NULL;
	ck_assert_int_eq(ht_docalign_new(en, fr, &o, &da, NULL), HT_OK);
	assert_covering(da);
	ck_assert_uint_eq(ht_docalign_bead_count(da), 8);
	ck_assert_uint_eq(ht_docalign_bead(da, 0)->ntgt, 0);
	ht_docalign_free(da);
	ht_doc_free(en);
	ht_doc_free(fr);
}
END_TEST

/* An alignment over hand-made units and beads, for the pivot. */
static ht_docalign *fake_pair(const ht_doc *pivot, const ht_doc *version, size_t np, size_t nv,
			      const ht_bead *beads, size_t nbeads)
{
	static const char *const pt[] = {"一", "二", "三", "四"};
	static const char *const vt[] = {"one", "two", "three.", "four", "five"};
	ht_docalign *da = ht_xcalloc(1, sizeof *da);
	da->level = HT_LEVEL_PARAGRAPH;
	da->para[0].doc = pivot;
	da->para[1].doc = version;
	for (int s = 0; s < 2; s++) {
		size_t n = s ? nv : np;
		struct ht_da_side *side = &da->para[s];
		side->units = ht_xcalloc(n, sizeof *side->units);
		for (size_t i = 0; i < n; i++) {
			side->units[i].para_id = s ? "v" : (const char *[]){"p1", "p2", "p3", "p4"}[i];
			side->units[i].text = s ? vt[i] : pt[i];
			side->units[i].len = strlen(side->units[i].text);
		}
		side->n = side->cap = n;
		da->side[s] = *side;
	}
	da->side_is_para = 1;
	da->beads = ht_xmalloc(nbeads * sizeof *beads);
	memcpy(da->beads, beads, nbeads * sizeof *beads);
	da->n_beads = nbeads;
	return da;
}

static const char *seg(const ht_tm *tm, size_t u, const char *lang)
{
	size_t len;
	int l = ht_tm_lang_index(tm, lang);
	ck_assert_int_ge(l, 0);
	return ht_tm_seg(tm, u, (size_t)l, &len);
}

START_TEST(pivot_merges_and_attaches)
{
	ht_doc *zh = ht_doc_new("d.zh.txt", "zh", "option", HT_INPUT_PARAGRAPHS);
	ht_doc *en = ht_doc_new("d.en.txt", "en", "option", HT_INPUT_PARAGRAPHS);
	ht_doc *fr = ht_doc_new("d.fr.txt", "fr", "option", HT_INPUT_PARAGRAPHS);
	/* en: 0-1 at the start, 1-1, 2-1 (joins pivot 1 and 2), 1-2 */
	const ht_bead eb[] = {{0, 0, 0, 1, 0.5}, {0, 1, 1, 1, 0.9}, {1, 2, 2, 1, 0.8}, {3, 1, 3, 2, 0.7}};
	/* fr: 1-1 x2, 1-0, 0-1 after pivot 2, 1-1 */
	const ht_bead fb[] = {{0, 1, 0, 1, 0.9}, {1, 1, 1, 1, 0.9}, {2, 1, 2, 0, 0.6}, {3, 0, 2, 1, 0.4},
			      {3, 1, 3, 1, 0.9}};
	ht_docalign *pairs[2] = {fake_pair(zh, en, 4, 5, eb, 4), fake_pair(zh, fr, 4, 4, fb, 5)};
	ht_tm *tm = NULL;
	size_t lone[2];
	ht_error err = {0};
	ck_assert_int_eq(ht_docalign_pivot((const ht_docalign *const *)pairs, 2, &tm, lone, &err), HT_OK);
	ck_assert_uint_eq(lone[0], 1);
	ck_assert_uint_eq(lone[1], 1);
	ck_assert_uint_eq(ht_tm_unit_count(tm), 3); /* pivot 1 and 2 share a TU */
	ck_assert_str_eq(seg(tm, 0, "zh"), "一");
	ck_assert_str_eq(seg(tm, 0, "en"), "one two"); /* the lone unit goes with the first TU */
	ck_assert_str_eq(seg(tm, 1, "zh"), "二三");
	ck_assert_str_eq(seg(tm, 1, "en"), "three.");
	/* fr 2 matched nothing and ends a sentence: attached to what precedes */
	ck_assert_str_eq(seg(tm, 1, "fr"), "two three.");
	ck_assert_str_eq(ht_tm_unit_id(tm, 1), "p2+p3");
	ck_assert_str_eq(seg(tm, 2, "en"), "four five");
	ck_assert_str_eq(seg(tm, 2, "fr"), "four");
	ck_assert(ht_tm_confidence(tm, 1) <= 0.8 + 1e-9);
	ht_tm_free(tm);
	ht_docalign_free(pairs[0]);
	ht_docalign_free(pairs[1]);
	ht_doc_free(zh);
	ht_doc_free(en);
	ht_doc_free(fr);
}
END_TEST

START_TEST(pivot_attaches_fragments_forward_and_splits_by_consensus)
{
	const char *langs[] = {"en", "fr", "es", "ar"};
	ht_doc *zh = ht_doc_new("d.zh.txt", "zh", "option", HT_INPUT_PARAGRAPHS), *v[4];
	/* en, fr, es keep pivot units 1 and 2 apart; en has a lone fragment
	 * ("two" does not end a sentence) before pivot unit 1 */
	const ht_bead keep[] = {{0, 1, 0, 1, 0.9}, {1, 1, 1, 1, 0.9}, {2, 1, 2, 1, 0.9}, {3, 1, 3, 1, 0.9}};
	const ht_bead frag[] = {{0, 1, 0, 1, 0.9}, {1, 0, 1, 1, 0.5}, {1, 1, 2, 1, 0.9}, {2, 1, 3, 1, 0.9},
				{3, 1, 4, 1, 0.9}};
	/* ar joins pivot units 1 and 2 to its unit 1, whose length fits pivot unit 2 */
	const ht_bead join[] = {{0, 1, 0, 1, 0.9}, {1, 2, 1, 1, 0.3}, {3, 1, 2, 1, 0.9}};
	ht_docalign *pairs[4];
	for (int k = 0; k < 4; k++)
		v[k] = ht_doc_new("d.txt", langs[k], "option", HT_INPUT_PARAGRAPHS);
	pairs[0] = fake_pair(zh, v[0], 4, 5, frag, 5);
	pairs[1] = fake_pair(zh, v[1], 4, 4, keep, 4);
	pairs[2] = fake_pair(zh, v[2], 4, 4, keep, 4);
	pairs[3] = fake_pair(zh, v[3], 4, 3, join, 3);
	/* lengths: pivot "一" "二" "三" "四" are equal; make pivot unit 2 longer */
	pairs[3]->side[0].units[2].text = "三三三三三三";
	pairs[3]->side[0].units[2].len = strlen("三三三三三三");
	pairs[3]->side[1].units[1].text = "two two two two two two";
	pairs[3]->side[1].units[1].len = strlen("two two two two two two");
	ht_tm *tm = NULL;
	size_t lone[4];
	ck_assert_int_eq(ht_docalign_pivot((const ht_docalign *const *)pairs, 4, &tm, lone, NULL), HT_OK);
	ck_assert_uint_eq(ht_tm_unit_count(tm), 4); /* one TU per pivot unit */
	ck_assert_uint_eq(lone[0], 1);
	ck_assert_str_eq(seg(tm, 0, "en"), "one");
	ck_assert_str_eq(seg(tm, 1, "en"), "two three."); /* the fragment opens TU 1 */
	ck_assert_ptr_null(seg(tm, 1, "ar"));               /* ar lacks pivot unit 1 */
	ck_assert_str_eq(seg(tm, 2, "ar"), "two two two two two two");
	ck_assert_str_eq(seg(tm, 3, "ar"), "three.");
	ht_tm_free(tm);
	for (int k = 0; k < 4; k++) {
		ht_docalign_free(pairs[k]);
		ht_doc_free(v[k]);
	}
	ht_doc_free(zh);
}
END_TEST

START_TEST(compose_through_a_bridge)
{
	ht_doc *zh = ht_doc_new("d.zh.txt", "zh", "option", HT_INPUT_PARAGRAPHS);
	ht_doc *en = ht_doc_new("d.en.txt", "en", "option", HT_INPUT_PARAGRAPHS);
	ht_doc *fr = ht_doc_new("d.fr.txt", "fr", "option", HT_INPUT_PARAGRAPHS);
	/* zh-en: 1-1, 1-2, 1-0, 1-1 ; en-fr: 1-1, 2-1 (joins en 1 and 2), 0-1, 1-1 */
	const ht_bead ze[] = {{0, 1, 0, 1, 0.9}, {1, 1, 1, 2, 0.8}, {2, 1, 3, 0, 0.5}, {3, 1, 3, 1, 0.7}};
	const ht_bead ef[] = {{0, 1, 0, 1, 0.9}, {1, 2, 1, 1, 0.6}, {3, 0, 2, 1, 0.5}, {3, 1, 3, 1, 0.9}};
	ht_docalign *a = fake_pair(zh, en, 4, 4, ze, 4), *b = fake_pair(en, fr, 4, 4, ef, 4), *c = NULL;
	ck_assert_int_eq(ht_docalign_compose(a, b, &c, NULL), HT_OK);
	assert_covering(c);
	const ht_bead want[] = {{0, 1, 0, 1, 0}, {1, 1, 1, 1, 0}, {2, 1, 2, 0, 0}, {3, 0, 2, 1, 0}, {3, 1, 3, 1, 0}};
	ck_assert_uint_eq(ht_docalign_bead_count(c), 5);
	for (size_t k = 0; k < 5; k++) {
		const ht_bead *g = ht_docalign_bead(c, k);
		ck_assert_msg(g->src == want[k].src && g->nsrc == want[k].nsrc && g->tgt == want[k].tgt &&
				      g->ntgt == want[k].ntgt,
			      "bead %zu: [%zu+%zu]:[%zu+%zu]", k, g->src, g->nsrc, g->tgt, g->ntgt);
	}
	ck_assert(ht_docalign_bead(c, 1)->confidence <= 0.6 + 1e-9);
	ht_docalign_free(c);
	/* alignments that do not share the bridge */
	ck_assert_int_eq(ht_docalign_compose(a, a, &c, NULL), HT_ERR_USAGE);
	ht_docalign_free(a);
	ht_docalign_free(b);
	ht_doc_free(zh);
	ht_doc_free(en);
	ht_doc_free(fr);
}
END_TEST

START_TEST(pivot_rejects_empty_original)
{
	ht_doc *zh = ht_doc_new("d.zh.txt", "zh", "option", HT_INPUT_PARAGRAPHS);
	ht_doc *en = ht_doc_new("d.en.txt", "en", "option", HT_INPUT_PARAGRAPHS);
	const ht_bead eb[] = {{0, 0, 0, 1, 0.5}};
	ht_docalign *pair = fake_pair(zh, en, 0, 1, eb, 1);
	ht_tm *tm = NULL;
	ht_error err = {0};
	ck_assert_int_eq(ht_docalign_pivot((const ht_docalign *const *)&pair, 1, &tm, NULL, &err), HT_ERR_DATA);
	ck_assert(strstr(err.message, "d.zh.txt") != NULL);
	ck_assert_ptr_null(tm);
	ht_docalign_free(pair);
	ht_doc_free(zh);
	ht_doc_free(en);
}
END_TEST

START_TEST(parse_names)
{
	ck_assert_int_eq(ht_align_level_parse("sentence"), HT_LEVEL_SENTENCE);
	ck_assert_int_eq(ht_align_level_parse("paragraph"), HT_LEVEL_PARAGRAPH);
	ck_assert_int_eq(ht_align_level_parse("word"), -1);
	ck_assert_int_eq(ht_align_format_parse("beads"), HT_ALIGN_BEADS);
	ck_assert_int_eq(ht_align_format_parse("tmx"), HT_ALIGN_TMX);
	ck_assert_int_eq(ht_align_format_parse("xml"), -1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("docalign");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, label_keys_agree_across_scripts);
	tcase_add_test(tc, heading_numbers_are_keys);
	tcase_add_test(tc, anchors_follow_restarting_numbering);
	tcase_add_test(tc, anchors_refuse_far_matches);
	tcase_add_test(tc, join_puts_no_space_between_cjk);
	tcase_add_test(tc, paragraphs_then_sentences);
	tcase_add_test(tc, empty_side_gives_lone_beads);
	tcase_add_test(tc, pivot_merges_and_attaches);
	tcase_add_test(tc, pivot_attaches_fragments_forward_and_splits_by_consensus);
	tcase_add_test(tc, compose_through_a_bridge);
	tcase_add_test(tc, pivot_rejects_empty_original);
	tcase_add_test(tc, parse_names);
	suite_add_tcase(s, tc);
	return ht_test_run(s);
}
