/* hutong — bilingual dictionaries (seed lexicons for alignment and terms).
 *
 * ht_dict_load reads CC-CEDICT's own format (cedict_ts.u8: "trad simp [pin1
 * yin1] /gloss/gloss/") or a plain "source<TAB>target" list, one pair a line.
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

/* `from`/`to` say which side of the file is which language: a CEDICT file is
 * always zh -> en; for a TSV list the first column is `from`. */
ht_status ht_dict_load(const char *path, const char *from, const char *to, ht_dict **out,
		       ht_error *err);
void ht_dict_free(ht_dict *dict);

/* Open the dictionary a user names for the language pair from -> to (BCP 47
 * tags; a dictionary serves a pair in either direction):
 *   NULL or "none"  no dictionary: *out = NULL, HT_OK;
 *   "cedict"        CC-CEDICT (cedict_ts.u8) found on the data search path
 *                   (ht_data_find in hutong/common.h); HT_ERR_USAGE when the
 *                   pair is not zh-en, HT_ERR_IO when it is not found;
 *   "auto"          whatever installed dictionary serves the pair, or none
 *                   (*out = NULL, HT_OK);
 *   anything else   a file, as ht_dict_load reads it with `from` as its first
 *                   column.
 * ht_dict_source tells which one was opened.  The caller frees *out with
 * ht_dict_free. */
ht_status ht_dict_open(const char *spec, const char *from, const char *to, ht_dict **out,
		       ht_error *err);
/* True when the dictionary translates between a and b (either way). */
int ht_dict_serves(const ht_dict *dict, const char *a, const char *b);
/* What was loaded, for a message: "CC-CEDICT (/usr/share/hutong/cedict_ts.u8)"
 * or the file's path.  Valid until ht_dict_free. */
const char *ht_dict_source(const ht_dict *dict);

const char *ht_dict_from(const ht_dict *dict);
const char *ht_dict_to(const ht_dict *dict);
size_t ht_dict_entry_count(const ht_dict *dict);

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
