/* Segmenter: labels, PDF-text joining, footnotes, links, page furniture,
 * input modes, the seed's structure and the conservation of its text. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "align/read/doc-internal.h"
#include "tests/testutil.h"

/* ------------------------------------------------------------ labels */

static void expect_label(const char *text, const char *label, const char *rest)
{
	size_t skip, n = ht_label_find(text, strlen(text), &skip);
	if (!label) {
		ck_assert_msg(n == 0, "'%s' has no label, found '%.*s'", text, (int)n, text);
		return;
	}
	ck_assert_msg(n == strlen(label) && memcmp(text, label, n) == 0, "'%s': label '%.*s', wanted '%s'",
		      text, (int)n, text, label);
	ck_assert_msg(strcmp(text + skip, rest) == 0, "'%s': rest '%s', wanted '%s'", text, text + skip, rest);
}

START_TEST(labels_numbers)
{
	expect_label("1. Reaffirms", "1.", "Reaffirms");
	expect_label("51. Decides", "51.", "Decides");
	expect_label("76/295. 加强中亚", "76/295.", "加强中亚");
	expect_label("1．重申", "1．", "重申");
	expect_label("1.重申", "1.", "重申");
	expect_label("１．重申", "１．", "重申");
	expect_label("2.1. Scope", "2.1.", "Scope");
	expect_label("17.", "17.", "");
	expect_label("1)  text", "1)", "text");
	/* numbers that are not labels */
	expect_label("1.5 million people", NULL, NULL);
	expect_label("2030 年可持续发展议程", NULL, NULL);
	expect_label("2022 年 7 月 11 日", NULL, NULL);
	expect_label("2015. The year", NULL, NULL);
	expect_label("70/1 of 25 September", NULL, NULL);
	expect_label("1 - 2 people", NULL, NULL);
	expect_label("", NULL, NULL);
}
END_TEST

START_TEST(labels_letters_and_numerals)
{
	expect_label("三. 加强合作", "三.", "加强合作");
	expect_label("二．区域合作", "二．", "区域合作");
	expect_label("三、第二段", "三、", "第二段");
	expect_label("（一）加强", "（一）", "加强");
	expect_label("(一) 加强", "(一)", "加强");
	expect_label("B. Connectivity", "B.", "Connectivity");
	expect_label("IV. Conclusions", "IV.", "Conclusions");
	expect_label("(a) Sharing data", "(a)", "Sharing data");
	expect_label("(iv) Joint", "(iv)", "Joint");
	expect_label("(12) Twelve", "(12)", "Twelve");
	expect_label("а) обмен", "а)", "обмен");
	expect_label("(أ) تبادل", "(أ)", "تبادل");
	/* not labels */
	expect_label("(COVID-19) pandemic", NULL, NULL);
	expect_label("Agenda item 20", NULL, NULL);
	expect_label("A/RES/76/295", NULL, NULL);
	expect_label("大会，", NULL, NULL);
}
END_TEST

START_TEST(labels_arabic)
{
	expect_label("١. تؤكد", "١.", "تؤكد");
	expect_label("١٢. تطلب", "١٢.", "تطلب");
	expect_label("١ - تؤكد من جديد", "١ -", "تؤكد من جديد");
	expect_label("1 - تؤكد", "1 -", "تؤكد");
	expect_label("76/295 - تعزيز", "76/295 -", "تعزيز");
	expect_label("۳. فارسی", "۳.", "فارسی");
}
END_TEST

/* ------------------------------------------------ reading: NFC by lines */

START_TEST(nfc_line_by_line)
{
	/* ht_text_read normalises line by line, skipping lines NFC cannot change;
	 * the result must be what NFC of the whole gives */
	static const struct { const char *in, *out; } cases[] = {
		{"plain\ne\xCC\x81\n\xCC\x81x\n", "plain\n\xC3\xA9\n\xCC\x81x\n"}, /* é; a mark after LF stays */
		{"\xD8\xA8\xD9\x91\xD9\x8E", "\xD8\xA8\xD9\x8E\xD9\x91"},               /* shadda+fatha reordered */
		{"\xD8\xA7\xD9\x94 \xD8\xA3", "\xD8\xA3 \xD8\xA3"},                      /* alef + hamza above */
		{"\xEF\xA4\x80\xE4\xB8\xAD", "\xE8\xB1\x88\xE4\xB8\xAD"},              /* U+F900 -> U+8C48 */
		{"a\xE2\x80\x80" "b", "a\xE2\x80\x82" "b"},                                      /* EN QUAD -> EN SPACE */
		{"\xE4\xB8\xAD\xE6\x96\x87\xEF\xBC\x8C\xD0\x96", "\xE4\xB8\xAD\xE6\x96\x87\xEF\xBC\x8C\xD0\x96"},
	};
	ht_buf out = HT_BUF_INIT;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		ck_assert_int_eq(ht_text_decode("t", cases[i].in, strlen(cases[i].in), &out, NULL, NULL), HT_OK);
		ck_assert_msg(strcmp(out.s, cases[i].out) == 0, "case %zu: got '%s'", i, out.s);
	}
	/* CR alone is kept, CRLF becomes LF */
	ck_assert_int_eq(ht_text_decode("t", "a\rb\r\nc", 6, &out, NULL, NULL), HT_OK);
	ck_assert_str_eq(out.s, "a\rb\nc");
	ht_buf_release(&out);
}
END_TEST

/* ---------------------------------------------------- helpers for docs */

static ht_doc *segment(const char *text, ht_input_mode mode)
{
	ht_doc *doc = NULL;
	ht_error err = {0};
	ht_status st = ht_doc_segment(text, strlen(text), "t.txt", "und", mode, &doc, &err);
	ck_assert_msg(st == HT_OK, "segment failed: %s", err.message);
	return doc;
}

static const ht_para *para(const ht_doc *doc, size_t i)
{
	ck_assert_msg(i < ht_doc_para_count(doc), "no paragraph %zu (of %zu)", i, ht_doc_para_count(doc));
	return ht_doc_para(doc, i);
}

static void expect_text(const ht_doc *doc, size_t i, const char *text)
{
	ck_assert_str_eq(ht_para_text(para(doc, i)), text);
}

/* ------------------------------------------------------- PDF-text joins */

START_TEST(join_cjk_without_space)
{
	/* double-spaced, trailing space closes, indent opens: the seed's shape */
	ht_doc *doc = segment(" 认识到以稳定为基础的互联互通在贸易、经\n\n济增长和可持续发展方面发挥着关键作用， \n\n"
			      " 回顾 2016 年 11 月在土库曼斯坦举行的大会和 2021 年 10 月在\n\n"
			      "中国北京举行的第二届大会， \n\n",
			      HT_INPUT_PDFTEXT);
	ck_assert_uint_eq(ht_doc_para_count(doc), 2);
	expect_text(doc, 0, "认识到以稳定为基础的互联互通在贸易、经济增长和可持续发展方面发挥着关键作用，");
	expect_text(doc, 1, "回顾2016年11月在土库曼斯坦举行的大会和2021年10月在中国北京举行的第二届大会，");
	ht_doc_free(doc);
}
END_TEST

START_TEST(join_latin_with_space_and_hyphens)
{
	ht_doc *doc = segment(" Development matters. The well-being of all, and the organizations\n\n"
			      "involved, matter. \n\n"
			      " Noting the develop-\n\nment of the organi-\n\nzations, the well-\n\nbeing of people "
			      "and the sub-\n\nregional plans, \n\n",
			      HT_INPUT_PDFTEXT);
	ck_assert_uint_eq(ht_doc_para_count(doc), 2);
	expect_text(doc, 0, "Development matters. The well-being of all, and the organizations involved, matter.");
	/* the document spells development and organizations unbroken, well-being with its hyphen;
	 * sub-regional is unknown either way and keeps its hyphen (nothing is lost) */
	expect_text(doc, 1, "Noting the development of the organizations, the well-being of people and the "
			    "sub-regional plans,");
	/* each removed hyphen is a counted drop */
	ck_assert_uint_eq(ht_doc_drop_count(doc), 2);
	ck_assert_str_eq(ht_doc_drop(doc, 0), "-");
	ht_doc_free(doc);
}
END_TEST

START_TEST(single_spaced_blank_line_separates)
{
	/* no double spacing: a blank line ends a paragraph, wrapped lines join */
	ht_doc *doc = segment("The first paragraph is wrapped over\ntwo lines here.\n\nThe second one\nalso.\n",
			      HT_INPUT_PDFTEXT);
	ck_assert_uint_eq(ht_doc_para_count(doc), 2);
	expect_text(doc, 0, "The first paragraph is wrapped over two lines here.");
	expect_text(doc, 1, "The second one also.");
	ht_doc_free(doc);
}
END_TEST

/* ------------------------------------------- footnotes, links, pages */

START_TEST(footnote_markers_and_blocks)
{
	ht_doc *doc = segment(" 大会， \n\n"
			      " 表示注意到(A/76/L.68/Add.1)和外交部长通过的联合声明，1 \n\n"
			      " 执行《内陆发展中国家 2014-2024\n\n年十年维也纳行动纲领》，2  其基础是伙伴关系， \n\n"
			      "__________________ \n\n 1 A/75/948，附件。 \n\n 2 第 69/137 号决议，附件一和二。 \n\n"
			      "https://undocs.org/ch/A/75/948\nhttps://undocs.org/ch/A/RES/69/137\n"
			      "  重申其题为“变革我们的世界：2030 年可持续发展议程”的报告，3 其中提到 CO2。 \n\n"
			      "__________________ \n\n 3 A/74/821。 \n\n",
			      HT_INPUT_PDFTEXT);
	ck_assert_uint_eq(ht_doc_para_count(doc), 7);
	const ht_para *p = para(doc, 1);
	ck_assert_str_eq(ht_para_text(p), "表示注意到(A/76/L.68/Add.1)和外交部长通过的联合声明，");
	ck_assert_uint_eq(ht_para_note_count(p), 1);
	ck_assert_str_eq(ht_para_note(p, 0), "1");
	p = para(doc, 2);
	ck_assert_str_eq(ht_para_text(p), "执行《内陆发展中国家2014-2024年十年维也纳行动纲领》，其基础是伙伴关系，");
	ck_assert_str_eq(ht_para_note(p, 0), "2");
	p = para(doc, 3);
	ck_assert_int_eq(ht_para_kind_of(p), HT_KIND_FOOTNOTE);
	ck_assert_str_eq(ht_para_id(p), "fn1");
	ck_assert_str_eq(ht_para_label(p), "1");
	ck_assert_str_eq(ht_para_text(p), "A/75/948，附件。");
	ck_assert_str_eq(ht_para_text(para(doc, 4)), "第69/137号决议，附件一和二。");
	p = para(doc, 5);
	ck_assert_str_eq(ht_para_text(p), "重申其题为“变革我们的世界：2030年可持续发展议程”的报告，其中提到CO2。");
	ck_assert_str_eq(ht_para_note(p, 0), "3");
	ck_assert_uint_eq(ht_doc_link_count(doc), 2);
	ck_assert_str_eq(ht_doc_link_url(doc, 0), "https://undocs.org/ch/A/75/948");
	ck_assert_str_eq(ht_doc_link_symbol(doc, 0), "A/75/948");
	ck_assert_str_eq(ht_doc_link_symbol(doc, 1), "A/RES/69/137");
	ck_assert_uint_eq(ht_doc_drop_count(doc), 2);
	ht_doc_free(doc);
}
END_TEST

START_TEST(markers_latin)
{
	ht_doc *doc = segment(" Welcoming the Declaration,1 the Programme of Action2 and CO2 targets, \n\n"
			      " Recalling resolution 70/1,3 and G20 work on A/76/L.68/Add.4, \n\n"
			      "__________________ \n\n 1 A/1. \n\n 2 A/2. \n\n 3 A/3. \n\n 4 A/4. \n\n",
			      HT_INPUT_PDFTEXT);
	const ht_para *p = para(doc, 0);
	ck_assert_str_eq(ht_para_text(p), "Welcoming the Declaration, the Programme of Action and CO2 targets,");
	ck_assert_uint_eq(ht_para_note_count(p), 2);
	p = para(doc, 1);
	ck_assert_str_eq(ht_para_text(p), "Recalling resolution 70/1, and G20 work on A/76/L.68/Add.4,");
	ck_assert_uint_eq(ht_para_note_count(p), 1);
	ck_assert_str_eq(ht_para_note(p, 0), "3");
	ht_doc_free(doc);
	/* superscripts are markers only when they number the next footnote */
	doc = segment(" Noting the 5 km² of the Declaration¹ and \n\n 回顾第1、2和3段，2 \n\n"
		      "__________________ \n\n 1 A/1. \n\n 2 A/2. \n\n",
		      HT_INPUT_PDFTEXT);
	p = para(doc, 0);
	ck_assert_str_eq(ht_para_text(p), "Noting the 5 km² of the Declaration and");
	ck_assert_uint_eq(ht_para_note_count(p), 1);
	ck_assert_str_eq(ht_para_note(p, 0), "1");
	p = para(doc, 1);
	ck_assert_str_eq(ht_para_text(p), "回顾第1、2和3段，");
	ck_assert_uint_eq(ht_para_note_count(p), 1);
	ck_assert_str_eq(ht_para_note(p, 0), "2");
	ht_doc_free(doc);
}
END_TEST

START_TEST(paragraph_goes_on_after_page_break)
{
	ht_doc *doc = segment(" 99/123. River basins \n\n"
			      " Welcoming the statement of the meeting held in Geneva,1 and noting the\n\n"
			      "__________________ \n\n 1 A/98/765, annex. \n\n"
			      "https://undocs.org/Home/Mobile?FinalSymbol=A%2F98%2F765&Language=E\n"
			      "\f2/3  31-01234 \n\nA/RES/99/123 River basins \n\n"
			      "importance of shared infrastructure, \n\n"
			      " 1. Encourages cooperation; \n\n"
			      "22-11155 (E) \n\n *2211155* \n\n",
			      HT_INPUT_PDFTEXT);
	ck_assert_uint_eq(ht_doc_para_count(doc), 4);
	const ht_para *p = para(doc, 1);
	ck_assert_str_eq(ht_para_text(p), "Welcoming the statement of the meeting held in Geneva, and noting the "
					  "importance of shared infrastructure,");
	ck_assert_str_eq(ht_para_id(para(doc, 2)), "fn1");
	ck_assert_str_eq(ht_para_label(para(doc, 3)), "1.");
	ck_assert_str_eq(ht_doc_link_symbol(doc, 0), "A/98/765");
	/* separator, "2/3  31-01234", the running header, "22-11155 (E)", "*2211155*" */
	ck_assert_uint_eq(ht_doc_drop_count(doc), 5);
	ck_assert_str_eq(ht_doc_drop(doc, 2), "A/RES/99/123 River basins");
	ht_doc_free(doc);
}
END_TEST

START_TEST(label_alone_on_its_line)
{
	ht_doc *doc = segment(" 1. \n\n Reaffirms the principles; \n\n", HT_INPUT_PDFTEXT);
	ck_assert_uint_eq(ht_doc_para_count(doc), 1);
	ck_assert_str_eq(ht_para_label(para(doc, 0)), "1.");
	expect_text(doc, 0, "Reaffirms the principles;");
	ht_doc_free(doc);
	doc = segment("2.\nDecides to remain seized.\n", HT_INPUT_LINES);
	ck_assert_uint_eq(ht_doc_para_count(doc), 1);
	ck_assert_str_eq(ht_para_label(para(doc, 0)), "2.");
	ck_assert_uint_eq(ht_para_sentence_count(para(doc, 0)), 1);
	ht_doc_free(doc);
}
END_TEST

/* ------------------------------------------------------- input modes */

START_TEST(modes_lines_and_paragraphs)
{
	const char *text = "51. Decides to continue. It will review.\n\n  (a) An item; \nB. Heading\n";
	ht_doc *doc = segment(text, HT_INPUT_LINES);
	ck_assert_int_eq(ht_doc_input_mode(doc), HT_INPUT_LINES);
	ck_assert_uint_eq(ht_doc_para_count(doc), 3);
	const ht_para *p = para(doc, 0);
	ck_assert_str_eq(ht_para_label(p), "51.");
	ck_assert_str_eq(ht_para_text(p), "Decides to continue. It will review.");
	ck_assert_uint_eq(ht_para_sentence_count(p), 1); /* as is: one line, one sentence */
	ck_assert_str_eq(ht_para_label(para(doc, 1)), "(a)");
	expect_text(doc, 1, "An item;");
	ck_assert_str_eq(ht_para_label(para(doc, 2)), "B.");
	ht_doc_free(doc);
	doc = segment(text, HT_INPUT_PARAGRAPHS);
	ck_assert_int_eq(ht_doc_input_mode(doc), HT_INPUT_PARAGRAPHS);
	ck_assert_uint_eq(ht_doc_para_count(doc), 3);
	p = para(doc, 0);
	ck_assert_str_eq(ht_para_label(p), "51.");
	ck_assert_uint_ge(ht_para_sentence_count(p), 1);
	/* sentences cover the text, never the label */
	size_t len;
	const char *s = ht_para_sentence(p, 0, &len);
	ck_assert(strncmp(s, "Decides", 7) == 0);
	ht_doc_free(doc);
}
END_TEST

START_TEST(mode_auto)
{
	ht_doc *doc = segment(" 第七十六届会议 \n\n 大会， \n\n", HT_INPUT_AUTO);
	ck_assert_int_eq(ht_doc_input_mode(doc), HT_INPUT_PDFTEXT);
	ht_doc_free(doc);
	doc = segment("One sentence here.\nAnother sentence there.\nA third one.\n", HT_INPUT_AUTO);
	ck_assert_int_eq(ht_doc_input_mode(doc), HT_INPUT_PARAGRAPHS);
	ck_assert_uint_eq(ht_doc_para_count(doc), 3);
	ht_doc_free(doc);
	/* HTML goes to the HTML reader (an error while it is a placeholder) */
	const char *html = "<!DOCTYPE html>\n<html><body><p>Article 1.</p></body></html>\n";
	ht_error err = {0};
	ht_status st = ht_doc_segment(html, strlen(html), "t.html", "en", HT_INPUT_AUTO, &doc, &err);
	if (st == HT_OK) {
		ck_assert_int_eq(ht_doc_input_mode(doc), HT_INPUT_HTML);
		ht_doc_free(doc);
	} else
		ck_assert_msg(strstr(err.message, "HTML") != NULL, "%s", err.message);
}
END_TEST

START_TEST(language_sources)
{
	ht_doc *doc = NULL;
	ht_error err = {0};
	ck_assert_int_eq(ht_doc_segment("x", 1, "a.txt", "fr", HT_INPUT_LINES, &doc, &err), HT_OK);
	ck_assert_str_eq(ht_doc_lang(doc), "fr");
	ck_assert_str_eq(ht_doc_lang_source(doc), "option");
	ht_doc_free(doc);
	ck_assert_int_eq(ht_doc_segment("x", 1, "a.txt", "f r", HT_INPUT_LINES, &doc, &err), HT_ERR_USAGE);
	ck_assert_ptr_null(doc);
	ck_assert_int_eq(ht_doc_segment("中文", 6, "A_RES_76_295.zh.txt", NULL, HT_INPUT_LINES, &doc, &err), HT_OK);
	if (ht_lang_from_filename("A_RES_76_295.zh.txt")) { /* once language identification is there */
		ck_assert_str_eq(ht_doc_lang(doc), "zh");
		ck_assert_str_eq(ht_doc_lang_source(doc), "file name");
	} else
		ck_assert_str_eq(ht_doc_lang_source(doc), "detected");
	ht_doc_free(doc);
}
END_TEST

/* ------------------------------------------------------ pathological */

START_TEST(empty_and_tiny)
{
	const ht_input_mode modes[] = {HT_INPUT_AUTO, HT_INPUT_PDFTEXT, HT_INPUT_LINES, HT_INPUT_PARAGRAPHS};
	for (size_t m = 0; m < 4; m++) {
		ht_doc *doc = segment("", modes[m]);
		ck_assert_uint_eq(ht_doc_para_count(doc), 0);
		ht_doc_free(doc);
		doc = segment("\n\n \n\f\n", modes[m]);
		ck_assert_uint_eq(ht_doc_para_count(doc), 0);
		ht_doc_free(doc);
	}
}
END_TEST

START_TEST(many_short_lines_and_a_long_one)
{
	/* 100k one-character lines, then a 10 MB line without a break: linear time */
	size_t n = 100000, big = 10u << 20;
	char *text = ht_xmalloc(2 * n + big + 2);
	for (size_t i = 0; i < n; i++) {
		text[2 * i] = "ab1.-_"[i % 6];
		text[2 * i + 1] = '\n';
	}
	for (size_t i = 0; i < big; i++)
		text[2 * n + i] = (i % 7 == 6) ? ' ' : (i % 3 ? 'x' : '1');
	text[2 * n + big] = '\n';
	text[2 * n + big + 1] = '\0';
	const ht_input_mode modes[] = {HT_INPUT_PDFTEXT, HT_INPUT_LINES, HT_INPUT_PARAGRAPHS};
	for (size_t m = 0; m < 3; m++) {
		ht_doc *doc = segment(text, modes[m]);
		size_t chars = 0;
		for (size_t i = 0; i < ht_doc_para_count(doc); i++) {
			const ht_para *p = ht_doc_para(doc, i);
			chars += ht_para_text_len(p) + (ht_para_label(p) ? strlen(ht_para_label(p)) : 0);
		}
		chars += ht_doc_dropped_bytes(doc);
		ck_assert_uint_ge(chars, n + big - big / 7 - 10);
		ht_doc_free(doc);
	}
	free(text);
}
END_TEST

/* ------------------------------------------------------------ the seed */

static ht_doc *read_seed(ht_buf *text)
{
	ht_error err = {0};
	ck_assert_msg(ht_text_read(ht_test_path("corpora/A_RES_76_295.zh.txt"), text, NULL, &err) == HT_OK,
		      "%s", err.message);
	ht_doc *doc = NULL;
	ck_assert_int_eq(ht_doc_segment(text->s, text->len, "A_RES_76_295.zh.txt", "zh", HT_INPUT_AUTO, &doc, &err),
			 HT_OK);
	return doc;
}

START_TEST(seed_structure)
{
	ht_buf text = HT_BUF_INIT;
	ht_doc *doc = read_seed(&text);
	ck_assert_int_eq(ht_doc_input_mode(doc), HT_INPUT_PDFTEXT);
	size_t count[HT_KIND_OTHER + 1] = {0};
	size_t op = 0;
	for (size_t i = 0; i < ht_doc_para_count(doc); i++) {
		const ht_para *p = ht_doc_para(doc, i);
		count[ht_para_kind_of(p)]++;
		if (ht_para_kind_of(p) == HT_KIND_OPERATIVE) {
			char want[8];
			snprintf(want, sizeof want, "%zu.", ++op);
			ck_assert_str_eq(ht_para_label(p), want);
		}
		if (ht_para_kind_of(p) == HT_KIND_FOOTNOTE) {
			char want[8];
			snprintf(want, sizeof want, "%zu", count[HT_KIND_FOOTNOTE]);
			ck_assert_str_eq(ht_para_label(p), want);
		}
		/* no label is repeated in the text, no URL and no wrap break is left */
		ck_assert_ptr_null(strstr(ht_para_text(p), "https://"));
		ck_assert_ptr_null(strchr(ht_para_text(p), '\n'));
		if (ht_para_label(p))
			ck_assert(strncmp(ht_para_text(p), ht_para_label(p), strlen(ht_para_label(p))) != 0);
	}
	ck_assert_uint_eq(count[HT_KIND_HEADING], 5);
	ck_assert_uint_eq(count[HT_KIND_TITLE], 1);
	ck_assert_uint_eq(count[HT_KIND_OTHER], 1);
	ck_assert_uint_eq(count[HT_KIND_PREAMBLE], 11);
	ck_assert_uint_eq(count[HT_KIND_OPERATIVE], 17);
	ck_assert_uint_eq(count[HT_KIND_CLOSING], 2);
	ck_assert_uint_eq(count[HT_KIND_FOOTNOTE], 4);
	ck_assert_str_eq(ht_para_label(para(doc, 5)), "76/295.");
	ck_assert_str_eq(ht_para_text(para(doc, 5)), "加强中亚和南亚之间的互联互通");
	ck_assert_str_eq(ht_para_text(para(doc, 3)), "2022年7月11日大会决议");
	ck_assert_uint_eq(ht_doc_link_count(doc), 7);
	ht_doc_free(doc);
	ht_buf_release(&text);
}
END_TEST

/* Count the non-space code points of s into counts. */
static void count_chars(const char *s, size_t len, int *counts, int sign)
{
	size_t i = 0;
	while (i < len) {
		int32_t cp = ht_utf8_next(s, len, &i);
		if (cp != ' ' && cp != '\t' && cp != '\n' && cp != '\f' && cp != 0x3000)
			counts[cp] += sign;
	}
}

static void count_str(const char *s, int *counts)
{
	if (s)
		count_chars(s, strlen(s), counts, -1);
}

/* Every non-space character of the input ends up in a paragraph's text,
 * label or notes, a footnote, a link or a counted drop (as multisets). */
static void check_conservation(const char *rel)
{
	ht_buf text = HT_BUF_INIT;
	ht_error err = {0};
	ck_assert_msg(ht_text_read(ht_test_path(rel), &text, NULL, &err) == HT_OK, "%s", err.message);
	ht_doc *doc = NULL;
	ck_assert_int_eq(ht_doc_segment(text.s, text.len, rel, NULL, HT_INPUT_AUTO, &doc, &err), HT_OK);
	int *counts = ht_xcalloc(0x110000, sizeof *counts);
	count_chars(text.s, text.len, counts, +1);
	for (size_t i = 0; i < ht_doc_para_count(doc); i++) {
		const ht_para *p = ht_doc_para(doc, i);
		count_str(ht_para_text(p), counts);
		count_str(ht_para_label(p), counts);
		for (size_t k = 0; k < ht_para_note_count(p); k++)
			count_str(ht_para_note(p, k), counts);
	}
	for (size_t i = 0; i < ht_doc_link_count(doc); i++)
		count_str(ht_doc_link_url(doc, i), counts);
	for (size_t i = 0; i < ht_doc_drop_count(doc); i++)
		count_str(ht_doc_drop(doc, i), counts);
	size_t lost = 0;
	for (int32_t cp = 0; cp < 0x110000; cp++)
		if (counts[cp] > 0) {
			fprintf(stderr, "lost U+%04X x%d\n", (unsigned)cp, counts[cp]);
			lost += (size_t)counts[cp];
		}
	ck_assert_msg(lost == 0, "%s: %zu characters lost", rel, lost);
	free(counts);
	ht_doc_free(doc);
	ht_buf_release(&text);
}

START_TEST(seed_conservation)
{
	check_conservation("corpora/A_RES_76_295.zh.txt");
	/* hyphens, page headers, "(1)" markers: all counted */
	check_conservation("tests/golden/res.en.txt");
	check_conservation("tests/golden/res.ar.txt");
	check_conservation("tests/golden/res.ru.txt");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("segment");
	TCase *tc = tcase_create("labels");
	tcase_add_test(tc, labels_numbers);
	tcase_add_test(tc, labels_letters_and_numerals);
	tcase_add_test(tc, labels_arabic);
	suite_add_tcase(s, tc);
	tcase_add_test(tc, nfc_line_by_line);
	tc = tcase_create("pdftext");
	tcase_add_test(tc, join_cjk_without_space);
	tcase_add_test(tc, join_latin_with_space_and_hyphens);
	tcase_add_test(tc, single_spaced_blank_line_separates);
	tcase_add_test(tc, footnote_markers_and_blocks);
	tcase_add_test(tc, markers_latin);
	tcase_add_test(tc, paragraph_goes_on_after_page_break);
	tcase_add_test(tc, label_alone_on_its_line);
	suite_add_tcase(s, tc);
	tc = tcase_create("modes");
	tcase_add_test(tc, modes_lines_and_paragraphs);
	tcase_add_test(tc, mode_auto);
	tcase_add_test(tc, language_sources);
	tcase_add_test(tc, empty_and_tiny);
	tcase_add_test(tc, many_short_lines_and_a_long_one);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	tc = tcase_create("seed");
	tcase_add_test(tc, seed_structure);
	tcase_add_test(tc, seed_conservation);
	suite_add_tcase(s, tc);
	return ht_test_run(s);
}
