/* The HTML reader on small pages: structure, labels, skipped parts,
 * whitespace, and malformed or truncated markup. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "align/read/doc-internal.h"
#include "tests/testutil.h"

/* Read `html` and describe the result, one paragraph a line:
 * "KIND[LABEL]:TEXT". */
static char *read_described(const char *html, size_t len)
{
	ht_doc *doc = ht_doc_new("t.html", "en", "option", HT_INPUT_HTML);
	ht_error err = {0};
	ck_assert_msg(ht_html_read(doc, html, len, &err) == HT_OK, "%s", err.message);
	ht_buf out = HT_BUF_INIT;
	for (size_t i = 0; i < ht_doc_para_count(doc); i++) {
		const ht_para *p = ht_doc_para(doc, i);
		ck_assert_uint_eq(strlen(ht_para_text(p)), ht_para_text_len(p));
		ht_buf_addf(&out, "%s", ht_para_kind_name(ht_para_kind_of(p)));
		if (ht_para_label(p))
			ht_buf_addf(&out, "[%s]", ht_para_label(p));
		ht_buf_addf(&out, ":%s\n", ht_para_text(p));
	}
	ht_doc_free(doc);
	return ht_buf_detach(&out, NULL);
}

#define READS(html, expected)                                           \
	do {                                                            \
		char *got_ = read_described(html, strlen(html));       \
		ck_assert_str_eq(got_, expected);                       \
		free(got_);                                             \
	} while (0)

START_TEST(headings_paragraphs_and_kinds)
{
	READS("<!doctype html><html><head><title>English</title></head><body>"
	      "<h1>Universal   Declaration</h1><header><h2>Preamble</h2><p>Whereas\n  recognition,</p></header>"
	      "<article data-number=\"1\"><h2>Article 1</h2><p>All human beings are born <b>free</b>.</p></article>"
	      "<footer><p>Done at Paris.</p></footer><p>Loose.</p></body></html>",
	      "title:Universal Declaration\n"
	      "heading:Preamble\n"
	      "preamble:Whereas recognition,\n"
	      "heading[1]:Article 1\n"
	      "operative:All human beings are born free.\n"
	      "closing:Done at Paris.\n"
	      "other:Loose.\n");
}
END_TEST

START_TEST(article_numbers_and_list_labels)
{
	/* without data-number the heading's digits give the number */
	READS("<article><h2>المادة 12</h2><h3>Sub</h3><ol><li><p>One.</p></li><li>Two.</li></ol></article>",
	      "heading[12]:المادة 12\n"
	      "heading:Sub\n"
	      "operative[1.]:One.\n"
	      "operative[2.]:Two.\n");
	READS("<ol start=\"5\"><li>Five</li><li>Six</li></ol><ul><li>Bullet</li></ul>",
	      "other[5.]:Five\nother[6.]:Six\nother:Bullet\n");
	/* numbers written in the text become labels, unless nothing else is left */
	READS("<h2>II. Mandate</h2><p>1. Decides to act;</p><p>(a) First</p><p>3.</p>",
	      "heading[II.]:Mandate\nother[1.]:Decides to act;\nother[(a)]:First\nother:3.\n");
	/* a list item's own text and its nested list */
	READS("<ol><li>Intro:<ol><li>inner</li></ol>tail</li></ol>",
	      "other[1.]:Intro:\nother[1.]:inner\nother:tail\n");
}
END_TEST

START_TEST(skipped_parts_and_whitespace)
{
	READS("<html><head><style>p{}</style><script>var x = 1;</script></head><body>"
	      "<nav><a href=\"/\">Home</a></nav><script>alert(1)</script>"
	      "<p>  A&amp;B&nbsp;C<br>next\tline  </p><!-- comment --><noscript>x</noscript></body></html>",
	      "other:A&B\xC2\xA0" "C next line\n");
}
END_TEST

START_TEST(nothing_of_the_body_is_lost)
{
	READS("<body>before<div>inside <span>span</span><p>para</p>after</div>end</body>",
	      "other:before\nother:inside span\nother:para\nother:after\nother:end\n");
	READS("<table><tr><td>a</td><td>b <i>c</i></td></tr></table>", "other:a\nother:b c\n");
}
END_TEST

START_TEST(malformed_and_truncated_markup)
{
	READS("<p>One<p>Two<li>Three</div></span>", "other:One\nother:Two\nother:Three\n");
	READS("<html><body><h2>Article 3</h2><p>Everyone has the rig", "heading:Article 3\nother:Everyone has the rig\n");
	READS("Just text, no markup.", "other:Just text, no markup.\n");
	READS("<p>unclosed <b>bold <i>italic</p>", "other:unclosed bold italic\n");
	char *got = read_described("<<<>>>&&&;</p></p><", 19); /* libxml2 keeps what it can */
	ck_assert_ptr_nonnull(strstr(got, ">>>&&&;"));
	free(got);
	READS("", "");
	READS("<html></html>", "");
}
END_TEST

START_TEST(deep_nesting_does_not_crash)
{
	ht_buf b = HT_BUF_INIT;
	for (int i = 0; i < 5000; i++)
		ht_buf_adds(&b, "<div><span>");
	ht_buf_adds(&b, "deep text");
	ht_doc *doc = ht_doc_new("deep.html", "en", "option", HT_INPUT_HTML);
	ht_error err = {0};
	ht_status st = ht_html_read(doc, b.s, b.len, &err);
	if (st == HT_OK) {
		ck_assert_uint_ge(ht_doc_para_count(doc), 1);
		const ht_para *last = ht_doc_para(doc, ht_doc_para_count(doc) - 1);
		ck_assert_ptr_nonnull(strstr(ht_para_text(last), "deep text"));
	} else {
		ck_assert_int_eq(st, HT_ERR_DATA);
		ck_assert_ptr_nonnull(strstr(err.message, "deep.html"));
	}
	ht_doc_free(doc);
	ht_buf_release(&b);
}
END_TEST

START_TEST(embedded_nul_is_read_up_to_the_end)
{
	/* a NUL inside the buffer (ht_text_read refuses those; the reader must not crash) */
	static const char html[] = "<p>a\0b</p><p>c</p>";
	char *got = read_described(html, sizeof html - 1);
	free(got);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("html");
	TCase *tc = tcase_create("reader");
	tcase_add_test(tc, headings_paragraphs_and_kinds);
	tcase_add_test(tc, article_numbers_and_list_labels);
	tcase_add_test(tc, skipped_parts_and_whitespace);
	tcase_add_test(tc, nothing_of_the_body_is_lost);
	tcase_add_test(tc, malformed_and_truncated_markup);
	tcase_add_test(tc, deep_nesting_does_not_crash);
	tcase_add_test(tc, embedded_nul_is_read_up_to_the_end);
	suite_add_tcase(s, tc);
	return ht_test_run(s);
}
