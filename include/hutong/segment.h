/* hutong — documents: paragraphs, labels, footnotes and sentences.
 *
 * ht_doc_segment turns the text of one document (PDF-extracted text, HTML,
 * one paragraph or one sentence per line) into an ht_doc: paragraphs in
 * document order, each with a kind, a label (its own number, "1." or
 * "76/295.", never repeated in its text), its rebuilt text, the labels of the
 * footnotes it refers to and its sentences.  Footnotes are paragraphs of kind
 * HT_KIND_FOOTNOTE.  Bare URLs become document links.  Text that is dropped
 * on purpose (page headers, footnote separators, removed end-of-line
 * hyphens, the parentheses of "(1)" markers) is counted, never lost
 * silently.
 *
 * The caller owns the ht_doc and frees it with ht_doc_free; every string
 * returned by an accessor belongs to the doc and lives as long as it.
 */
#ifndef HUTONG_SEGMENT_H
#define HUTONG_SEGMENT_H

#include <stddef.h>

#include "hutong/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ht_input_mode {
	HT_INPUT_AUTO,       /* HTML or PDF-extracted text, recognised from the content;
			      * text with no PDF traits (no blank lines, indents, wrapped
			      * lines, separators, form feeds) is read as paragraphs */
	HT_INPUT_PDFTEXT,    /* text extracted from a PDF (wrapped lines, footnotes, page breaks) */
	HT_INPUT_HTML,       /* an HTML page (headings, paragraphs, list items) */
	HT_INPUT_LINES,      /* one sentence a line, taken as is; one paragraph per sentence */
	HT_INPUT_PARAGRAPHS  /* one paragraph a line, split into sentences */
} ht_input_mode;

typedef enum ht_para_kind {
	HT_KIND_HEADING,
	HT_KIND_TITLE,
	HT_KIND_PREAMBLE,
	HT_KIND_OPERATIVE,
	HT_KIND_CLOSING,
	HT_KIND_FOOTNOTE,
	HT_KIND_OTHER
} ht_para_kind;

typedef struct ht_doc ht_doc;
typedef struct ht_para ht_para;

/* Parse a mode name ("auto", "pdftext", "html", "lines", "paragraphs");
 * returns -1 when unknown. */
int ht_input_mode_parse(const char *name);
/* "heading", "title", ... as used in JSONL. Static storage. */
const char *ht_para_kind_name(ht_para_kind kind);

/* Segment text[0..len) (valid NFC UTF-8, as ht_text_read gives).  `name` is
 * the file name used as the document id and in messages; `lang` is a BCP 47
 * tag or NULL to take it from the name (NAME.zh.txt) or detect it from the
 * script.  On success *out is a new document. */
ht_status ht_doc_segment(const char *text, size_t len, const char *name, const char *lang,
			 ht_input_mode mode, ht_doc **out, ht_error *err);

void ht_doc_free(ht_doc *doc);

const char *ht_doc_name(const ht_doc *doc);
const char *ht_doc_lang(const ht_doc *doc);
/* Where the language came from: "option", "file name" or "detected". */
const char *ht_doc_lang_source(const ht_doc *doc);
/* The input mode actually used (never HT_INPUT_AUTO). */
ht_input_mode ht_doc_input_mode(const ht_doc *doc);

size_t ht_doc_para_count(const ht_doc *doc);
const ht_para *ht_doc_para(const ht_doc *doc, size_t i);

/* Links (the URLs found in the text, e.g. https://undocs.org/ch/A/75/948) and
 * the document symbol each points to ("A/75/948"; NULL when none). */
size_t ht_doc_link_count(const ht_doc *doc);
const char *ht_doc_link_url(const ht_doc *doc, size_t i);
const char *ht_doc_link_symbol(const ht_doc *doc, size_t i);

/* Text dropped on purpose (page headers and numbers, footnote separators):
 * the number of pieces and of bytes, and each piece for --format text. */
size_t ht_doc_drop_count(const ht_doc *doc);
const char *ht_doc_drop(const ht_doc *doc, size_t i);
size_t ht_doc_dropped_bytes(const ht_doc *doc);

const char *ht_para_id(const ht_para *p);      /* "p1", "p2", ...; footnotes "fn1", ... */
ht_para_kind ht_para_kind_of(const ht_para *p);
const char *ht_para_label(const ht_para *p);   /* NULL when the paragraph has none */
const char *ht_para_text(const ht_para *p);
size_t ht_para_text_len(const ht_para *p);
size_t ht_para_note_count(const ht_para *p);
const char *ht_para_note(const ht_para *p, size_t i);
/* Sentences are spans of the paragraph's text: joined they give it back. */
size_t ht_para_sentence_count(const ht_para *p);
const char *ht_para_sentence(const ht_para *p, size_t i, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
