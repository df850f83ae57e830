/* hutong — the corpus store: one SQLite file that `hutong build` writes and
 * `hutong lookup` (and `hutong serve`) read.
 *
 * The store holds, for every document of a corpus (NAME, with its versions
 * NAME.LANG.EXT, a line-parallel corpus NAME.LANG, or a multilingual table
 * NAME.tsv):
 *   documents    one row per NAME: kind, original language, content hash
 *   versions     one row per language version: file, format, hash, counts
 *   paragraphs   the paragraphs of each version (id "p12", kind, label, text)
 *   units        the multilingual units of a document, in order: a stable id
 *                (the original's unit ids "p12.s3", "p12.s3+p12.s4"; "L17"
 *                for line 17 of a line-parallel corpus; a table row's key),
 *                the weakest alignment confidence (NULL when given)
 *   texts        the unit's text in each language, with the confidence of
 *                the beads that aligned it to the original (NULL for the
 *                original itself and for given units), indexed for full-text
 *                search: FTS5 `trigram` for Chinese and Japanese (a query
 *                finds 互联互通 inside unsegmented text), FTS5 `unicode61
 *                remove_diacritics 2` (case and diacritics folded) for the
 *                other languages
 *   alignments   the beads of every version against the original, with the
 *                unit ids of both sides, the type ("2-1") and the confidence
 *   problems     what was wrong with a document's files (reported again by
 *                every rebuild that keeps the document)
 *   terms, occurrences  ranked term candidates per language and the units
 *                they occur in
 *   glossary     the bilingual glossary of every pair with the original
 *   concepts, concept_terms  the termbase: one concept per term of the
 *                original, its term in every language (ht_termbase)
 *   lexicon      the terms of the glossaries and term lists, folded, under a
 *                trigram index: near matches of a misspelt query
 *   meta         schema_version, the settings of the build, hashes
 *
 * A store carries its schema version (HT_STORE_SCHEMA_VERSION); a store of
 * another version is refused with a message naming both versions.  Unit ids
 * stay the same across rebuilds while the original's text does not change,
 * so that corrections can refer to them.
 *
 * Corrections (planned, for `hutong serve`): a table
 *   corrections(id, doc_name, lang, action, original_units, version_units,
 *               author, created, note)
 * keyed by document NAME and unit ids, never by row ids, outside the rows a
 * rebuild replaces.  An action is confirm (the bead is right), merge (two
 * beads become one), split (a bead is cut at a sentence) or move (a sentence
 * goes to the neighbouring bead).  A rebuild of the document reads its
 * corrections before the pivot step and imposes them on the beads of that
 * version (they win over the aligner); a correction whose unit ids the new
 * segmentation no longer has is kept and listed as stale in report.md.
 *
 * Writes are transactions on a copy that replaces the file only when the
 * build succeeded; lookups open the store read-only.
 */
#ifndef HUTONG_STORE_H
#define HUTONG_STORE_H

#include <stddef.h>

#include "hutong/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The schema this hutong reads and writes. */
#define HT_STORE_SCHEMA_VERSION 1

typedef struct ht_store ht_store;

/* Open the store at `path` read-only.  HT_ERR_IO when it cannot be opened,
 * HT_ERR_DATA when it is not a hutong store or has another schema version
 * ("FILE: store schema version 2; this hutong reads version 1: rebuild it
 * with hutong build").  The caller closes it with ht_store_close. */
ht_status ht_store_open(const char *path, ht_store **out, ht_error *err);
void ht_store_close(ht_store *st);

/* The schema version written in the store at `path`: >= 1, 0 when the file
 * is a SQLite database without a hutong schema, -1 when it cannot be read as
 * one. */
int ht_store_schema_version_of(const char *path);

/* What the store holds, for summaries. */
typedef struct ht_store_counts {
	size_t documents, versions, units, texts, beads, terms, glossary_entries;
} ht_store_counts;
ht_status ht_store_count(ht_store *st, ht_store_counts *out, ht_error *err);

#ifdef __cplusplus
}
#endif
#endif
