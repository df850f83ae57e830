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

/* ---- reading input text ----
 * ht_text_load reads a file ("-" is stdin) as the NFC UTF-8 text, with LF
 * line ends, that every other call of the library takes.
 *
 * Encodings: with `encoding` NULL or "auto", a BOM decides (UTF-8, UTF-16LE/BE,
 * UTF-32LE/BE, GB18030), else UTF-8 is expected; text that is not UTF-8 is
 * given to ICU's charset detector, and a legacy encoding it recognises
 * (GB18030, Big5, windows-1252, windows-1256, KOI8-R ...) is read as such:
 * info->detected is then 1 and the caller should say so (the library never
 * prints).  Text that is mostly UTF-8 with a few bad bytes, or binary data
 * (NUL bytes), is never re-read as a guessed encoding.  Any other `encoding`
 * is an ICU converter name or alias, used as given.
 *
 * Errors name the file and a byte offset into the file as it is on disk
 * (BOM included, whatever the encoding): "F.txt: byte 118: invalid UTF-8",
 * "F.txt: byte 6: invalid UTF-16LE (an unpaired surrogate)".  With `repair`,
 * every sequence that cannot be decoded (and every NUL) becomes U+FFFD
 * instead, and info->repairs counts them.
 *
 * NFC: runs of more than 30 code points without a normalisation boundary
 * (200,000 combining marks on one letter, a line of Arabic diacritics) are
 * normalised in pieces of 30, as in Unicode's Stream-Safe Text Format, so that
 * the time stays linear in the input; no real text has such runs. */
typedef struct ht_text_opts {
	const char *encoding; /* NULL or "auto", or an ICU encoding name */
	int repair;           /* 1: undecodable input becomes U+FFFD (counted) */
} ht_text_opts;

typedef struct ht_text_info {
	char encoding[48]; /* what the text was read as: "UTF-8", "UTF-16LE", "GB18030" */
	int detected;      /* 1 when the encoding was guessed by the detector */
	int confidence;    /* the detector's confidence, 0-100 (when detected) */
	size_t repairs;    /* sequences replaced by U+FFFD (with repair) */
} ht_text_info;

/* Read `path` into *text (NUL-terminated, *len bytes; the caller frees it with
 * free()).  opts and info may be NULL.  On failure *text is NULL. */
ht_status ht_text_load(const char *path, const ht_text_opts *opts, char **text, size_t *len,
		       ht_text_info *info, ht_error *err);

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
