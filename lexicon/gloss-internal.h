/* Glossary internals: the entry list and the writers of each format.  Not installed. */
#ifndef HT_GLOSS_INTERNAL_H
#define HT_GLOSS_INTERNAL_H

#include "common/util.h"
#include "hutong/glossary.h"

struct ht_glossary {
	char *from, *to;
	ht_gloss_entry *entries; /* strings owned by the glossary */
	size_t n, cap;
};

/* The entries in writing order: attested ones first (in the glossary's order),
 * then the suggestions, so that the two kinds are never interleaved.  The
 * caller frees the array (not the entries). */
const ht_gloss_entry **ht_gloss_ordered(const ht_glossary *g);

/* Append the human-readable note of an entry ("frequency 12; Dice 0.850;
 * confidence 0.900"), and its example location ("A.zh.txt p12", empty when
 * unknown). */
void ht_gloss_stats_note(const ht_gloss_entry *e, ht_buf *out);
void ht_gloss_example(const ht_gloss_entry *e, ht_buf *out);
/* The label of a suggestion, as every format writes it. */
extern const char ht_gloss_suggestion_note[];

/* Start a TBX document on w: v3 (tbx, TBX-Basic, DCA) or v2 (martif), its
 * header with `desc` as the source description, and open <text>; -1 when
 * the writer failed.  Shared by the glossary and termbase writers. */
#include <libxml/xmlwriter.h>
int ht_tbx_open(xmlTextWriterPtr w, int v3, const char *desc);

ht_status ht_gloss_write_tbx2(const ht_glossary *g, FILE *fp, ht_error *err);
ht_status ht_gloss_write_tbx3(const ht_glossary *g, FILE *fp, ht_error *err);

#endif
