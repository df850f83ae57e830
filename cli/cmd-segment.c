/* hutong segment: rebuild the paragraphs of a document and split sentences. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "common/util.h"
#include "hutong/segment.h"

const char ht_usage_segment[] =
	"usage: hutong segment [OPTIONS] FILE\n"
	"\n"
	"Rebuild the paragraphs of a document (text extracted from a PDF, HTML, or\n"
	"one paragraph or sentence a line), take out paragraph numbers, footnotes\n"
	"and links, and split the paragraphs into sentences.  FILE '-' is stdin.\n"
	"\n"
	"options:\n"
	"  -l, --lang LANG     language of the text: zh en fr es ru ar (or another\n"
	"                      BCP 47 tag); default: from a file name like\n"
	"                      NAME.zh.txt, else detected from the script (noted on\n"
	"                      stderr)\n"
	"  -i, --input MODE    auto (default: HTML or PDF text, or one paragraph a\n"
	"                      line when nothing looks like a PDF), pdftext, html,\n"
	"                      lines (one sentence a line, as is; one paragraph\n"
	"                      each), paragraphs (one paragraph a line, split)\n"
	"  -f, --format FMT    jsonl (default; also for -o NAME.jsonl), text (for\n"
	"                      reading: everything, with kinds, labels, notes,\n"
	"                      footnotes, links and dropped pieces), lines (one\n"
	"                      sentence a line, an empty line between paragraphs;\n"
	"                      none with --input lines, so that its lines come\n"
	"                      back one for one)\n"
	"  -o, --output FILE   write there (atomically) instead of stdout\n"
	"      --repair        replace invalid bytes by U+FFFD (counted on stderr)\n"
	"                      instead of stopping\n"
	"      --encoding ENC  the file is in ENC (GB18030, Big5, windows-1252 ...),\n"
	"                      not UTF-8 (UTF-16 with a BOM is read as such)\n"
	"  -q, --quiet         no notes or warnings on stderr (errors still)\n"
	"\n"
	"jsonl: one object per paragraph in document order,\n"
	"  {\"id\":\"p12\",\"kind\":\"operative\",\"label\":\"1.\",\"text\":\"...\",\n"
	"   \"notes\":[\"1\"],\"sentences\":[\"...\"]}\n"
	"kind is heading, title, preamble, operative, closing, footnote or other\n"
	"(the formula \"The General Assembly,\" is other); label is the paragraph's\n"
	"own number (null when none), never repeated in text; notes are the\n"
	"numbers of the footnotes it refers to; footnotes are objects of kind\n"
	"footnote (id fn1, fn2 ...; label = their number).  A last object,\n"
	"without \"id\", describes the document:\n"
	"  {\"document\":NAME,\"lang\":\"zh\",\"lang_source\":\"file name\",\n"
	"   \"input\":\"pdftext\",\"paragraphs\":N,\"footnotes\":N,\n"
	"   \"links\":[{\"url\":\"https://undocs.org/ch/A/75/948\",\"symbol\":\"A/75/948\"}],\n"
	"   \"dropped\":{\"count\":N,\"bytes\":N,\"pieces\":[\"__________________\"]}}\n"
	"links are the bare URLs of the PDF (symbol null when the URL names no\n"
	"UN document); dropped pieces are page headers, footnote separators and\n"
	"removed end-of-line hyphens.\n"
	"\n"
	"Exit status: 0 success, 2 misuse, 3 bad input (invalid UTF-8 without\n"
	"--repair), 4 I/O failure.\n"
	"Example: hutong segment corpora/A_RES_76_295.zh.txt --format text\n";

enum format { FMT_JSONL, FMT_TEXT, FMT_LINES };

static const char *const mode_names[] = {"auto", "pdftext", "html", "lines", "paragraphs"};

/* A sentence without the spaces that separate it from the next one. */
static const char *sentence_trimmed(const ht_para *p, size_t i, size_t *len)
{
	const char *s = ht_para_sentence(p, i, len);
	while (*len && (s[*len - 1] == ' ' || s[*len - 1] == '\t' || s[*len - 1] == '\n'))
		(*len)--;
	while (*len && (*s == ' ' || *s == '\t' || *s == '\n')) {
		s++;
		(*len)--;
	}
	return s;
}

static void json_str_or_null(ht_buf *b, const char *s)
{
	if (s)
		ht_json_add_str(b, s, strlen(s));
	else
		ht_buf_adds(b, "null");
}

static void jsonl_para(ht_buf *b, const ht_para *p)
{
	ht_buf_adds(b, "{\"id\":");
	ht_json_add_str(b, ht_para_id(p), strlen(ht_para_id(p)));
	ht_buf_adds(b, ",\"kind\":\"");
	ht_buf_adds(b, ht_para_kind_name(ht_para_kind_of(p)));
	ht_buf_adds(b, "\",\"label\":");
	json_str_or_null(b, ht_para_label(p));
	ht_buf_adds(b, ",\"text\":");
	ht_json_add_str(b, ht_para_text(p), ht_para_text_len(p));
	ht_buf_adds(b, ",\"notes\":[");
	for (size_t k = 0; k < ht_para_note_count(p); k++) {
		if (k)
			ht_buf_addc(b, ',');
		json_str_or_null(b, ht_para_note(p, k));
	}
	ht_buf_adds(b, "],\"sentences\":[");
	for (size_t k = 0; k < ht_para_sentence_count(p); k++) {
		size_t len;
		const char *s = sentence_trimmed(p, k, &len);
		if (k)
			ht_buf_addc(b, ',');
		ht_json_add_str(b, s, len);
	}
	ht_buf_adds(b, "]}\n");
}

static size_t footnote_count(const ht_doc *doc)
{
	size_t n = 0;
	for (size_t i = 0; i < ht_doc_para_count(doc); i++)
		n += ht_para_kind_of(ht_doc_para(doc, i)) == HT_KIND_FOOTNOTE;
	return n;
}

static void jsonl_document(ht_buf *b, const ht_doc *doc)
{
	size_t notes = footnote_count(doc);
	ht_buf_adds(b, "{\"document\":");
	json_str_or_null(b, ht_doc_name(doc));
	ht_buf_adds(b, ",\"lang\":");
	json_str_or_null(b, ht_doc_lang(doc));
	ht_buf_adds(b, ",\"lang_source\":");
	json_str_or_null(b, ht_doc_lang_source(doc));
	ht_buf_addf(b, ",\"input\":\"%s\",\"paragraphs\":%zu,\"footnotes\":%zu,\"links\":[",
		    mode_names[ht_doc_input_mode(doc)], ht_doc_para_count(doc) - notes, notes);
	for (size_t i = 0; i < ht_doc_link_count(doc); i++) {
		ht_buf_adds(b, i ? ",{\"url\":" : "{\"url\":");
		json_str_or_null(b, ht_doc_link_url(doc, i));
		ht_buf_adds(b, ",\"symbol\":");
		json_str_or_null(b, ht_doc_link_symbol(doc, i));
		ht_buf_addc(b, '}');
	}
	ht_buf_addf(b, "],\"dropped\":{\"count\":%zu,\"bytes\":%zu,\"pieces\":[", ht_doc_drop_count(doc),
		    ht_doc_dropped_bytes(doc));
	for (size_t i = 0; i < ht_doc_drop_count(doc); i++) {
		if (i)
			ht_buf_addc(b, ',');
		json_str_or_null(b, ht_doc_drop(doc, i));
	}
	ht_buf_adds(b, "]}}\n");
}

static void text_para(ht_buf *b, const ht_para *p)
{
	ht_buf_addf(b, "[%s] %s", ht_para_id(p), ht_para_kind_name(ht_para_kind_of(p)));
	if (ht_para_label(p))
		ht_buf_addf(b, "  label %s", ht_para_label(p));
	if (ht_para_note_count(p)) {
		ht_buf_adds(b, "  notes");
		for (size_t k = 0; k < ht_para_note_count(p); k++)
			ht_buf_addf(b, " %s", ht_para_note(p, k));
	}
	ht_buf_addc(b, '\n');
	size_t n = ht_para_sentence_count(p);
	if (!n && ht_para_text_len(p)) { /* cannot happen after splitting; show the text anyway */
		ht_buf_adds(b, "    ");
		ht_buf_add(b, ht_para_text(p), ht_para_text_len(p));
		ht_buf_addc(b, '\n');
	}
	for (size_t k = 0; k < n; k++) {
		size_t len;
		const char *s = sentence_trimmed(p, k, &len);
		ht_buf_adds(b, k ? "  | " : "    ");
		ht_buf_add(b, s, len);
		ht_buf_addc(b, '\n');
	}
}

static void text_header(ht_buf *b, const ht_doc *doc)
{
	size_t notes = footnote_count(doc);
	ht_buf_addf(b, "# %s  lang %s (%s)  input %s\n", ht_doc_name(doc), ht_doc_lang(doc),
		    ht_doc_lang_source(doc), mode_names[ht_doc_input_mode(doc)]);
	ht_buf_addf(b, "# %zu paragraphs, %zu footnotes, %zu links, %zu dropped pieces (%zu bytes)\n",
		    ht_doc_para_count(doc) - notes, notes, ht_doc_link_count(doc), ht_doc_drop_count(doc),
		    ht_doc_dropped_bytes(doc));
	ht_buf_adds(b, "# each paragraph: [id] kind  label  notes, then its sentences (\"  | \" marks a\n"
		       "# sentence that goes on in the same paragraph)\n\n");
}

static void text_footer(ht_buf *b, const ht_doc *doc)
{
	if (ht_doc_link_count(doc)) {
		ht_buf_addf(b, "\nlinks (%zu):\n", ht_doc_link_count(doc));
		for (size_t i = 0; i < ht_doc_link_count(doc); i++) {
			const char *sym = ht_doc_link_symbol(doc, i);
			ht_buf_addf(b, "  %s%s%s\n", ht_doc_link_url(doc, i), sym ? "  -> " : "", sym ? sym : "");
		}
	}
	if (ht_doc_drop_count(doc)) {
		ht_buf_addf(b, "\ndropped (%zu pieces, %zu bytes):\n", ht_doc_drop_count(doc),
			    ht_doc_dropped_bytes(doc));
		for (size_t i = 0; i < ht_doc_drop_count(doc); i++)
			ht_buf_addf(b, "  %s\n", ht_doc_drop(doc, i));
	}
}

static void lines_para(ht_buf *b, const ht_para *p, int first, int separate)
{
	size_t n = ht_para_sentence_count(p);
	if (!n)
		return;
	if (!first && separate)
		ht_buf_addc(b, '\n');
	for (size_t k = 0; k < n; k++) {
		size_t len;
		const char *s = sentence_trimmed(p, k, &len);
		ht_buf_add(b, s, len);
		ht_buf_addc(b, '\n');
	}
}

/* Write the document; the buffer is flushed every few hundred kilobytes so
 * that big inputs do not need the whole output in memory. */
static int write_doc(const ht_doc *doc, enum format fmt, FILE *fp)
{
	ht_buf b = HT_BUF_INIT;
	int separate = ht_doc_input_mode(doc) != HT_INPUT_LINES;
	int first = 1;
	if (fmt == FMT_TEXT)
		text_header(&b, doc);
	for (size_t i = 0; i < ht_doc_para_count(doc); i++) {
		const ht_para *p = ht_doc_para(doc, i);
		if (fmt == FMT_JSONL)
			jsonl_para(&b, p);
		else if (fmt == FMT_TEXT)
			text_para(&b, p);
		else {
			lines_para(&b, p, first, separate);
			first = first && !ht_para_sentence_count(p);
		}
		if (b.len > (1 << 18)) {
			if (fwrite(b.s, 1, b.len, fp) != b.len)
				break;
			ht_buf_reset(&b);
		}
	}
	if (fmt == FMT_JSONL)
		jsonl_document(&b, doc);
	else if (fmt == FMT_TEXT)
		text_footer(&b, doc);
	size_t wrote = fwrite(b.s, 1, b.len, fp);
	int ok = wrote == b.len && !ferror(fp);
	ht_buf_release(&b);
	return ok;
}

static const ht_cli_choice formats[] = {
	{"jsonl", FMT_JSONL, ".jsonl"}, {"text", FMT_TEXT, NULL}, {"lines", FMT_LINES, NULL}, {NULL, 0, NULL}};

int ht_cmd_segment(int argc, char **argv)
{
	const char *lang = NULL, *output = "-";
	int mode = HT_INPUT_AUTO, fmt = -1, first;
	ht_cli_reading reading = {0};
	const ht_cli_option opts[] = {
		HT_OPT_LANG(&lang),    HT_OPT_INPUT(&mode, NULL),         HT_OPT_FORMAT(&fmt, formats),
		HT_OPT_OUTPUT(&output), HT_OPT_REPAIR(&reading.repair), HT_OPT_ENCODING(&reading.encoding),
	};
	int rc = HT_CLI_PARSE("segment", opts, argc, argv, &first);
	if (rc)
		return rc < 0 ? HT_EXIT_OK : rc;
	if ((rc = ht_cli_output_format("segment", output, formats, FMT_JSONL, &fmt)))
		return rc;
	if (first >= argc)
		return ht_cli_usage_error("segment", "which file? (give '-' for stdin)");
	if (first + 1 < argc)
		return ht_cli_usage_error("segment", "one file at a time ('%s' is extra)", argv[first + 1]);
	const char *path = argv[first];

	ht_error err = {0};
	ht_buf text = HT_BUF_INIT;
	ht_status st = ht_cli_read_text(path, &reading, &text, &err);
	if (st != HT_OK) {
		ht_buf_release(&text);
		return ht_cli_fail(&err);
	}
	ht_doc *doc = NULL;
	st = ht_doc_segment(text.s, text.len, path, lang, (ht_input_mode)mode, &doc, &err);
	ht_buf_release(&text);
	if (st != HT_OK)
		return ht_cli_fail(&err);
	if (strcmp(ht_doc_lang_source(doc), "detected") == 0)
		ht_cli_note("%s: language %s (detected from the text; --lang sets it)", path,
			    ht_doc_lang(doc));
	if (mode == HT_INPUT_AUTO)
		ht_cli_note("%s: read as %s", path, mode_names[ht_doc_input_mode(doc)]);

	ht_outfile of;
	st = ht_outfile_open(&of, output, &err);
	if (st != HT_OK) {
		ht_doc_free(doc);
		return ht_cli_fail(&err);
	}
	if (!write_doc(doc, (enum format)fmt, of.fp)) {
		ht_outfile_abort(&of);
		ht_doc_free(doc);
		fprintf(stderr, "hutong: %s: write error\n", output);
		return HT_EXIT_IO;
	}
	ht_doc_free(doc);
	st = ht_outfile_commit(&of, &err);
	return st == HT_OK ? HT_EXIT_OK : ht_cli_fail(&err);
}
