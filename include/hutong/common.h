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

#ifdef __cplusplus
}
#endif
#endif
