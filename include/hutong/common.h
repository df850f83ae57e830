/* hutong — shared status codes and error reports.
 *
 * Every library call returns an ht_status: HT_OK (0) or a negative code.  Calls
 * that can fail take an optional `ht_error *`; when it is not NULL it receives a
 * one-line message that names the file, line or byte offset where that is known
 * ("A.zh.txt: byte 118: invalid UTF-8").  The library never prints and never
 * exits; the caller owns the ht_error (it holds no heap memory).
 */
#ifndef HUTONG_COMMON_H
#define HUTONG_COMMON_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef int ht_status;

enum {
	HT_OK = 0,
	HT_ERR_USAGE = -1, /* the caller asked for something impossible (bad option value) */
	HT_ERR_DATA = -2,  /* the input data is malformed (invalid UTF-8, bad XML, bad TSV) */
	HT_ERR_IO = -3     /* a file could not be opened, read or written */
};

typedef struct ht_error {
	ht_status status;
	char message[1024];
} ht_error;

/* The library's version string, e.g. "0.1.0".  Static storage. */
const char *ht_version(void);

/* The primary BCP 47 tags of the six UN languages, in UN order, NULL-terminated. */
extern const char *const ht_un_languages[];

/* True when `lang` (a BCP 47 tag; only its primary subtag counts) is one of the
 * six UN languages that have their own segmentation rules. */
int ht_lang_is_un(const char *lang);

/* Is `tag` a language tag a user may give?  HT_LANG_OK for a well-formed
 * BCP 47 tag whose primary language exists (zh, en-GB, zh-Hant, fil, cmn,
 * and the private-use qaa-qtz), HT_LANG_MALFORMED for a string that is no
 * tag ("zh_CN!", "e"), HT_LANG_UNKNOWN for a tag of no language ("zz",
 * "und").  Subtags after the primary one are checked for shape only. */
enum { HT_LANG_OK = 0, HT_LANG_MALFORMED = 1, HT_LANG_UNKNOWN = 2 };
int ht_lang_check(const char *tag);

/* ---- the data search path ----
 * hutong finds its data files (CC-CEDICT as cedict_ts.u8, word lists) by name
 * in these folders, in order:
 *   1. each folder of $HUTONG_DATA (colon-separated);
 *   2. the user's data folder, $XDG_DATA_HOME/hutong or ~/.local/share/hutong;
 *   3. the installed data folder, $(pkgdatadir) (e.g. /usr/local/share/hutong);
 *   4. only for a program run from hutong's build tree (the tests, ./hutong
 *      before `make install`): corpora/fetched/ and ../shared/resources/ of the
 *      source tree.
 * Dictionaries of the system (FreeDict's /usr/share/dictd) are found by the
 * dictionary calls themselves (hutong/dict.h). */
#define HT_DATA_PATH_MAX 4096
#define HT_DATA_DIRS_MAX 16

/* Fill dirs with the search path (at most max folders, which need not exist);
 * returns how many. */
size_t ht_data_dirs(char dirs[][HT_DATA_PATH_MAX], size_t max);
/* Find the readable file `name` on the search path: 1 and its path in
 * path[0..size), or 0 (path empty). */
int ht_data_find(const char *name, char *path, size_t size);

#ifdef __cplusplus
}
#endif
#endif
