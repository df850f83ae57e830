/* hutong — bilingual glossaries and their formats.
 *
 * An ht_glossary is a list of entries (source term, target term, statistics
 * and one example location).  Entries marked `suggestion` come from a
 * dictionary, not from aligned text, and are never mixed with attested ones
 * (writers label them).  The caller owns the glossary (ht_glossary_free);
 * ht_glossary_add copies the strings of the entry it is given.
 */
#ifndef HUTONG_GLOSSARY_H
#define HUTONG_GLOSSARY_H

#include <stddef.h>
#include <stdio.h>

#include "hutong/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ht_gloss_entry {
	const char *source, *target;
	size_t freq;          /* aligned units where both occur */
	double score;         /* association score (Dice) */
	double confidence;    /* in [0,1] */
	const char *example_doc, *example_unit; /* where one example occurs; may be NULL */
	int suggestion;       /* 1: dictionary-based proposal, not attested in aligned text */
} ht_gloss_entry;

typedef struct ht_glossary ht_glossary;

ht_glossary *ht_glossary_new(const char *from, const char *to);
void ht_glossary_free(ht_glossary *g);
void ht_glossary_add(ht_glossary *g, const ht_gloss_entry *e);
size_t ht_glossary_count(const ht_glossary *g);
const ht_gloss_entry *ht_glossary_entry(const ht_glossary *g, size_t i);
const char *ht_glossary_from(const ht_glossary *g);
const char *ht_glossary_to(const ht_glossary *g);

typedef enum ht_gloss_format {
	HT_GLOSS_TSV,   /* OmegaT glossary: source<TAB>target<TAB>comment, no header */
	HT_GLOSS_CSV,   /* RFC 4180 with a header row */
	HT_GLOSS_TBX,   /* TBX v2 (martif), as OmegaT 3.6 reads it */
	HT_GLOSS_TBX3,  /* TBX v3 TBX-Basic (tbx/conceptEntry/langSec/termSec) */
	HT_GLOSS_JSONL
} ht_gloss_format;

/* Parse "tsv", "csv", "tbx", "tbx3", "jsonl"; -1 when unknown. */
int ht_gloss_format_parse(const char *name);
ht_status ht_glossary_write(const ht_glossary *g, ht_gloss_format format, FILE *fp, ht_error *err);

#ifdef __cplusplus
}
#endif
#endif
