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
	int in_termbase;      /* 1: the pair comes from the input termbase (ht_gloss_opts.termbase);
				 with freq > 0 it is also attested in the aligned text */
	const char *alt;      /* the statistical equivalent when the termbase's differs, else NULL */
} ht_gloss_entry;

typedef struct ht_glossary ht_glossary;

/* from/to: BCP 47 tags of the source and target terms ("und" when NULL). */
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

/* Parse "tsv", "csv", "tbx" (or "tbx2"), "tbx3", "jsonl"; -1 when unknown. */
int ht_gloss_format_parse(const char *name);
/* Write the glossary to fp (not closed).  Every format writes the attested
 * entries first, in the glossary's order, then the suggestions, each labelled
 * "suggestion: dictionary-based, not attested in aligned text".
 *  - TSV: "source<TAB>target<TAB>comment", no header; the comment reads
 *    "frequency 12; Dice 0.850; confidence 0.900; e.g. DOC UNIT"; tabs and line
 *    breaks inside a field become spaces.
 *  - CSV: header "FROM,TO,frequency,dice,confidence,example_doc,example_unit,status,
 *    statistical" (status "attested", "suggestion", "termbase" or "termbase, attested";
 *    statistical: the corpus equivalent when a termbase's won), CRLF rows, RFC 4180 quoting.
 *  - TBX v2: martif/martifHeader/text/body/termEntry, one langSet (xml:lang)
 *    with tig/term per language, the statistics and the example as <note>s.
 *  - TBX v3: TBX-Basic, DCA style (namespace urn:iso:std:iso:30042:ed-2), one
 *    conceptEntry per entry with <note>s and the example as <admin type="source">;
 *    valid against TBXcoreStructV03.rng.
 *  - JSONL: one object per entry: source, target, from, to, freq, score,
 *    confidence, example_doc, example_unit (null when unknown), suggestion, termbase, statistical
 *    (the corpus equivalent when a termbase's won, else null).
 * Language tags are written with hyphens (zh_CN -> zh-CN); characters XML
 * forbids are dropped from TSV, CSV and TBX.  Write failures are HT_ERR_IO;
 * an unknown format HT_ERR_USAGE.  Nothing is printed. */
ht_status ht_glossary_write(const ht_glossary *g, ht_gloss_format format, FILE *fp, ht_error *err);
/* Flags of the glossary and termbase writers. */
enum {
	HT_WRITE_BOM = 1 /* CSV: start with a UTF-8 byte order mark (Excel) */
};
/* The same with flags (HT_WRITE_BOM: CSV starts with a
 * UTF-8 byte order mark).  CSV cells that a spreadsheet would take for a
 * formula (= + - @ first, or a tab or CR) get a leading apostrophe. */
ht_status ht_glossary_write_flags(const ht_glossary *g, ht_gloss_format format, unsigned flags,
				  FILE *fp, ht_error *err);

#ifdef __cplusplus
}
#endif
#endif
