/* The document model: storage, accessors and the builder. */
#include "align/read/doc-internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {"heading", "title", "preamble", "operative",
					 "closing", "footnote", "other"};

const char *ht_para_kind_name(ht_para_kind kind)
{
	return (unsigned)kind < sizeof kind_names / sizeof *kind_names ? kind_names[kind] : "other";
}

int ht_input_mode_parse(const char *name)
{
	static const char *const names[] = {"auto", "pdftext", "html", "lines", "paragraphs"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(name, names[i]) == 0)
			return (int)i;
	return -1;
}

ht_doc *ht_doc_new(const char *name, const char *lang, const char *lang_source, ht_input_mode mode)
{
	ht_doc *doc = ht_xcalloc(1, sizeof *doc);
	doc->name = ht_xstrdup(name ? name : "-");
	doc->lang = ht_xstrdup(lang ? lang : "und");
	doc->lang_source = lang_source ? lang_source : "option";
	doc->mode = mode;
	return doc;
}

#define BLOCK_SIZE (1u << 16) /* below malloc's mmap threshold, so freed reader memory is reused */

/* A copy of s[0..n) in the doc's blocks. */
static char *doc_strndup(ht_doc *doc, const char *s, size_t n)
{
	size_t need = n + 1;
	if (!doc->n_blocks || doc->block_used + need > doc->block_size) {
		size_t size = need > BLOCK_SIZE ? need : BLOCK_SIZE;
		HT_GROW(doc->blocks, doc->n_blocks + 1, doc->cap_blocks);
		doc->blocks[doc->n_blocks++] = ht_xmalloc(size);
		doc->block_size = size;
		doc->block_used = 0;
	}
	char *p = doc->blocks[doc->n_blocks - 1] + doc->block_used;
	memcpy(p, s, n);
	p[n] = '\0';
	doc->block_used += need;
	return p;
}

static void para_release(struct ht_para *p)
{
	for (size_t i = 0; i < p->n_notes; i++)
		free(p->notes[i]);
	free(p->notes);
	free(p->sentences);
}

void ht_doc_free(ht_doc *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->n_paras; i++)
		para_release(&doc->paras[i]);
	free(doc->paras);
	for (size_t i = 0; i < doc->n_links; i++) {
		free(doc->links[i].url);
		free(doc->links[i].symbol);
	}
	free(doc->links);
	for (size_t i = 0; i < doc->n_drops; i++)
		free(doc->drops[i]);
	free(doc->drops);
	for (size_t i = 0; i < doc->n_blocks; i++)
		free(doc->blocks[i]);
	free(doc->blocks);
	free(doc->name);
	free(doc->lang);
	free(doc);
}

struct ht_para *ht_doc_add_para(ht_doc *doc, ht_para_kind kind, const char *label, size_t label_len,
				const char *text, size_t text_len)
{
	HT_GROW(doc->paras, doc->n_paras + 1, doc->cap_paras);
	struct ht_para *p = &doc->paras[doc->n_paras++];
	memset(p, 0, sizeof *p);
	char id[32];
	if (kind == HT_KIND_FOOTNOTE)
		snprintf(id, sizeof id, "fn%zu", ++doc->n_footnotes);
	else
		snprintf(id, sizeof id, "p%zu", doc->n_paras - doc->n_footnotes);
	p->id = doc_strndup(doc, id, strlen(id));
	p->kind = kind;
	p->label = label && label_len ? doc_strndup(doc, label, label_len) : NULL;
	p->text = doc_strndup(doc, text, text_len);
	p->text_len = text_len;
	return p;
}

void ht_para_add_note(struct ht_para *p, const char *label, size_t len)
{
	HT_GROW(p->notes, p->n_notes + 1, p->cap_notes);
	p->notes[p->n_notes++] = ht_xstrndup(label, len);
}

void ht_doc_add_link(ht_doc *doc, const char *url, size_t len, const char *symbol, size_t symbol_len)
{
	HT_GROW(doc->links, doc->n_links + 1, doc->cap_links);
	struct ht_link *l = &doc->links[doc->n_links++];
	l->url = ht_xstrndup(url, len);
	l->symbol = symbol && symbol_len ? ht_xstrndup(symbol, symbol_len) : NULL;
}

void ht_doc_add_drop(ht_doc *doc, const char *text, size_t len)
{
	HT_GROW(doc->drops, doc->n_drops + 1, doc->cap_drops);
	doc->drops[doc->n_drops++] = ht_xstrndup(text, len);
	doc->dropped_bytes += len;
}

ht_status ht_doc_split_sentences(ht_doc *doc, ht_splitter *sp, ht_error *err)
{
	for (size_t i = 0; i < doc->n_paras; i++) {
		struct ht_para *p = &doc->paras[i];
		if (p->n_sentences || !p->text_len)
			continue;
		if (!p->cap_sentences) { /* most paragraphs have few sentences: start small */
			p->sentences = ht_xmalloc(2 * sizeof *p->sentences);
			p->cap_sentences = 2;
		}
		ht_status st = ht_splitter_split(sp, p->text, p->text_len, &p->sentences,
						 &p->n_sentences, &p->cap_sentences, err);
		if (st != HT_OK)
			return st;
	}
	return HT_OK;
}

const char *ht_doc_name(const ht_doc *doc) { return doc->name; }
const char *ht_doc_lang(const ht_doc *doc) { return doc->lang; }
const char *ht_doc_lang_source(const ht_doc *doc) { return doc->lang_source; }
ht_input_mode ht_doc_input_mode(const ht_doc *doc) { return doc->mode; }
size_t ht_doc_para_count(const ht_doc *doc) { return doc->n_paras; }
const ht_para *ht_doc_para(const ht_doc *doc, size_t i) { return i < doc->n_paras ? &doc->paras[i] : NULL; }
size_t ht_doc_link_count(const ht_doc *doc) { return doc->n_links; }
const char *ht_doc_link_url(const ht_doc *doc, size_t i) { return doc->links[i].url; }
const char *ht_doc_link_symbol(const ht_doc *doc, size_t i) { return doc->links[i].symbol; }
size_t ht_doc_drop_count(const ht_doc *doc) { return doc->n_drops; }
const char *ht_doc_drop(const ht_doc *doc, size_t i) { return doc->drops[i]; }
size_t ht_doc_dropped_bytes(const ht_doc *doc) { return doc->dropped_bytes; }

const char *ht_para_id(const ht_para *p) { return p->id; }
ht_para_kind ht_para_kind_of(const ht_para *p) { return p->kind; }
const char *ht_para_label(const ht_para *p) { return p->label; }
const char *ht_para_text(const ht_para *p) { return p->text; }
size_t ht_para_text_len(const ht_para *p) { return p->text_len; }
size_t ht_para_note_count(const ht_para *p) { return p->n_notes; }
const char *ht_para_note(const ht_para *p, size_t i) { return p->notes[i]; }
size_t ht_para_sentence_count(const ht_para *p) { return p->n_sentences; }
const char *ht_para_sentence(const ht_para *p, size_t i, size_t *len)
{
	*len = p->sentences[i].len;
	return p->text + p->sentences[i].start;
}
