/* hutong — translation memories: multilingual aligned units, TMX and TSV.
 *
 * An ht_tm holds translation units (TUs) over a list of languages, the first
 * of which is the source language.  Each TU has at most one segment per
 * language, a confidence (negative when unknown), and the id of the document
 * and of the unit it came from (e.g. "A_RES_76_295.zh.txt", "p12").
 *
 * The caller owns the ht_tm and frees it with ht_tm_free; strings returned by
 * accessors belong to the tm.  Readers parse XML with network access and
 * entity expansion disabled; writers use libxml2's text writer.
 */
#ifndef HUTONG_TM_H
#define HUTONG_TM_H

#include <stddef.h>
#include <stdio.h>

#include "hutong/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ht_tm ht_tm;

ht_tm *ht_tm_new(const char *srclang);
void ht_tm_free(ht_tm *tm);

/* Index of `lang` in the tm, adding it when absent. The source language is index 0.
 * Languages are compared like ht_tm_lang_index (a tm holds one variant of each
 * primary language); an underscore in the tag is stored as a hyphen ("zh_CN" ->
 * "zh-CN"), since CAT tools reject underscores. */
size_t ht_tm_add_lang(ht_tm *tm, const char *lang);
/* Index of `lang` (compared on the primary subtag, case-insensitively: "en-US"
 * matches "en"), or -1. */
int ht_tm_lang_index(const ht_tm *tm, const char *lang);
size_t ht_tm_lang_count(const ht_tm *tm);
const char *ht_tm_lang(const ht_tm *tm, size_t i);

/* Add a TU and return its index; doc and id may be NULL. */
size_t ht_tm_add_unit(ht_tm *tm, const char *doc, const char *id, double confidence);
/* Set (copy) the segment of TU `unit` in language index `lang` (replacing any
 * previous one).  The text is expected in UTF-8. */
void ht_tm_set_seg(ht_tm *tm, size_t unit, size_t lang, const char *text, size_t len);

size_t ht_tm_unit_count(const ht_tm *tm);
/* The segment of a TU in a language, or NULL when the TU has none. */
const char *ht_tm_seg(const ht_tm *tm, size_t unit, size_t lang, size_t *len);
double ht_tm_confidence(const ht_tm *tm, size_t unit);
const char *ht_tm_doc(const ht_tm *tm, size_t unit);
const char *ht_tm_unit_id(const ht_tm *tm, size_t unit);

/* TMX 1.4 (any tool's: hutong, OmegaT, Okapi, ...).  Errors name the file and line.
 * Languages come from xml:lang (or TMX 1.1's lang); the source language is the
 * header's srclang, or the first <tuv>'s when srclang is "*all*" or missing.
 * Inline codes (bpt, ept, ph, it, ut) are dropped, the text of <hi> is kept.
 * The props x-doc, x-unit and x-confidence (as hutong writes them) fill the
 * TU's document, id and confidence; without x-unit the tuid is the id.
 * A missing or unreadable file is HT_ERR_IO; malformed XML, a root that is not
 * <tmx>, is HT_ERR_DATA "FILE:LINE: what". */
ht_status ht_tm_read_tmx(const char *path, ht_tm **out, ht_error *err);
/* The same on data[0..len) (a TMX read from a pipe); `name` is used in messages. */
ht_status ht_tm_parse_tmx(const char *name, const char *data, size_t len, ht_tm **out, ht_error *err);
/* "source<TAB>target" unit pairs, one a line (a third column, if any, is a
 * confidence).  A row without a tab is an error naming the file and line.
 * Empty lines are skipped; invalid UTF-8 is "FILE: byte N: invalid UTF-8".
 * The document of each TU is the file's base name, its id the line number.
 * from/to may be NULL (unknown: the private-use tags "qaa" and "qab"); two
 * tags of the same primary language are HT_ERR_USAGE.
 * An empty side leaves that language without a segment. */
ht_status ht_tm_read_tsv(const char *path, const char *from, const char *to, ht_tm **out,
			 ht_error *err);
/* The same on text[0..len) (valid NFC UTF-8 with LF line ends, as
 * ht_text_read gives); `name` is used in messages and as the document. */
ht_status ht_tm_parse_tsv(const char *name, const char *text, size_t len, const char *from,
			  const char *to, ht_tm **out, ht_error *err);

/* Write TMX 1.4 valid against tmx14.dtd: full header, one <tu> per unit, a
 * <prop type="x-confidence"> when the confidence is known (>= 0), the
 * document and unit ids as props, xml:lang on every <tuv>, the source <tuv>
 * first.  A TU without any segment is not written (TMX needs at least one
 * <tuv>).  Characters that XML 1.0 does not allow (control characters other
 * than TAB/LF/CR, U+FFFE, U+FFFF) are left out of segments and props and
 * counted in *dropped (may be NULL), as are invalid UTF-8 bytes, which are
 * written as U+FFFD.  segtype must be one of TMX's "block", "paragraph",
 * "sentence", "phrase" (else HT_ERR_USAGE). */
ht_status ht_tm_write_tmx(const ht_tm *tm, FILE *fp, const char *segtype, size_t *dropped,
			  ht_error *err);

#ifdef __cplusplus
}
#endif
#endif
