/* The document model's struct bodies and the builder used by the readers
 * (pdftext.c, html.c, lines mode) to fill an ht_doc. */
#ifndef HT_DOC_INTERNAL_H
#define HT_DOC_INTERNAL_H

#include "common/util.h"
#include "hutong/segment.h"
#include "hutong/sentence.h"

struct ht_para {
	char *id;
	ht_para_kind kind;
	char *label;          /* NULL when none */
	char *text;
	size_t text_len;
	char **notes;
	size_t n_notes, cap_notes;
	ht_span *sentences;
	size_t n_sentences, cap_sentences;
};

struct ht_link {
	char *url, *symbol;
};

struct ht_doc {
	char *name, *lang;
	const char *lang_source;
	ht_input_mode mode;
	struct ht_para *paras;
	size_t n_paras, cap_paras;
	size_t n_footnotes;
	struct ht_link *links;
	size_t n_links, cap_links;
	char **drops;
	size_t n_drops, cap_drops, dropped_bytes;
	/* paragraph ids, labels and texts live in blocks freed with the doc:
	 * one allocation per megabyte rather than three per paragraph */
	char **blocks;
	size_t n_blocks, cap_blocks, block_used, block_size;
};

ht_doc *ht_doc_new(const char *name, const char *lang, const char *lang_source, ht_input_mode mode);

/* Append a paragraph; text and label are copied (label may be NULL).  Ids are
 * assigned in order: "p1", "p2", ... and "fn1", ... for footnotes.  The
 * returned pointer is valid until the next ht_doc_add_para. */
struct ht_para *ht_doc_add_para(ht_doc *doc, ht_para_kind kind, const char *label, size_t label_len,
				const char *text, size_t text_len);
void ht_para_add_note(struct ht_para *p, const char *label, size_t len);
void ht_doc_add_link(ht_doc *doc, const char *url, size_t len, const char *symbol, size_t symbol_len);
void ht_doc_add_drop(ht_doc *doc, const char *text, size_t len);

/* Split every paragraph that has no sentences yet with `sp`; in lines mode the
 * reader sets each paragraph's one sentence itself. */
ht_status ht_doc_split_sentences(ht_doc *doc, ht_splitter *sp, ht_error *err);

/* The paragraph's own number at the start of text[0..len): "1.", "51.",
 * "三.", "二．", "B.", "(a)", "76/295.", Arabic-Indic "١." ...  Returns the
 * label's byte length (0 when none) and in *skip the bytes to drop after it
 * (the label plus the spaces that follow). */
size_t ht_label_find(const char *text, size_t len, size_t *skip);

/* The readers: each appends the paragraphs of text[0..len) to doc. */
ht_status ht_pdftext_read(ht_doc *doc, const char *text, size_t len, ht_error *err);
ht_status ht_html_read(ht_doc *doc, const char *text, size_t len, ht_error *err);

#endif
