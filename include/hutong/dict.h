/* hutong — bilingual dictionaries (seed lexicons for alignment and terms).
 *
 * A dictionary translates words of one language (`from`) into another
 * (`to`); one opened for a pair may also carry the other direction
 * (ht_dict_reverse), e.g. FreeDict's eng-fra with fra-eng.
 *
 * ht_dict_load reads
 *   - CC-CEDICT's own format (cedict_ts.u8: "trad simp [pin1 yin1]
 *     /gloss/gloss/"), always zh -> en, also gzip-compressed;
 *   - a plain "source<TAB>target" list, one pair a line, the first column
 *     `from`;
 *   - a dictd dictionary (FreeDict's Debian packages): its NAME.index, or its
 *     NAME.dict.dz / NAME.dict, with the other file next to it; a file named
 *     freedict-eng-fra.* is en -> fr whatever the caller says.
 * Any other file is an HT_ERR_DATA error "FILE: not a dictionary (...)"; a
 * line that breaks the format the file started with, "FILE:LINE: ...".
 * Loading takes time linear in the file, whatever the length of a headword
 * or the number of translations of one word, and keeps every translation.
 * The caller frees the dictionary with ht_dict_free.
 */
#ifndef HUTONG_DICT_H
#define HUTONG_DICT_H

#include <stddef.h>

#include "hutong/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ht_dict ht_dict;

/* `from`/`to` say which side of the file is which language where the file
 * does not say it (see above). */
ht_status ht_dict_load(const char *path, const char *from, const char *to, ht_dict **out,
		       ht_error *err);
/* Frees the dictionary and the reverse direction it carries. */
void ht_dict_free(ht_dict *dict);

/* Open the dictionary a user names for the language pair from -> to (BCP 47
 * tags; a dictionary serves a pair in either direction):
 *   NULL or "none"  no dictionary: *out = NULL, HT_OK;
 *   "auto"          whatever installed dictionary serves the pair: CC-CEDICT
 *                   for zh-en; FreeDict's packages for the pair (both
 *                   directions when both are installed; Debian 12 has
 *                   eng-rus but no rus-eng: eng-rus then serves ru-en both
 *                   ways); for a pair none serves (zh-fr, fr-ru) one composed
 *                   through English from those of each language with English
 *                   (CC-CEDICT for zh); else none (*out = NULL, HT_OK);
 *   "cedict"        CC-CEDICT (cedict_ts.u8) on the data search path
 *                   (ht_data_find in hutong/common.h); HT_ERR_USAGE when the
 *                   pair is not zh-en, HT_ERR_IO when it is not found;
 *   "freedict"      the pair's FreeDict packages; HT_ERR_IO naming the Debian
 *                   packages when none is installed;
 *   "eng-fra", "freedict-eng-fra"  that FreeDict package (HT_ERR_IO naming
 *                   it when it is not installed);
 *   anything else   a file, as ht_dict_load reads it with `from` as its first
 *                   column.
 * FreeDict's files (freedict-eng-fra.index and .dict.dz) are looked for on
 * the data search path, then in /usr/share/dictd.  ht_dict_source tells
 * which dictionary was opened.  The caller frees *out with ht_dict_free. */
ht_status ht_dict_open(const char *spec, const char *from, const char *to, ht_dict **out,
		       ht_error *err);
/* True when the dictionary translates between a and b (either way). */
int ht_dict_serves(const ht_dict *dict, const char *a, const char *b);
/* What was loaded, for a message: "CC-CEDICT (/usr/share/hutong/cedict_ts.u8)",
 * "FreeDict eng-fra + fra-eng (...)", "zh-fr composed through English from
 * CC-CEDICT + FreeDict eng-fra + FreeDict fra-eng", or the file's path.
 * Valid until ht_dict_free. */
const char *ht_dict_source(const ht_dict *dict);

const char *ht_dict_from(const ht_dict *dict);
const char *ht_dict_to(const ht_dict *dict);
size_t ht_dict_entry_count(const ht_dict *dict);

/* The other direction (to -> from) the dictionary carries, or NULL.  It
 * belongs to `dict` (never free it); its own ht_dict_reverse is `dict`. */
const ht_dict *ht_dict_reverse(const ht_dict *dict);
/* The direction whose source language is `lang` (dict or its reverse), or
 * NULL when neither translates from lang. */
const ht_dict *ht_dict_side(const ht_dict *dict, const char *lang);

/* Translations of the source word key (as ht_key_fold gives it), or 0 when
 * absent.  *targets points into the dictionary (valid until ht_dict_free);
 * each target is a NUL-terminated string of one or more target words. */
size_t ht_dict_lookup(const ht_dict *dict, const char *key, size_t len, const char *const **targets);

/* Length in bytes of the longest key that starts s[0..len) (s folded as
 * ht_key_fold does), or 0: greedy longest-match segmentation of Chinese. */
size_t ht_dict_longest_prefix(const ht_dict *dict, const char *s, size_t len);

#ifdef __cplusplus
}
#endif
#endif
