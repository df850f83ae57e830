/* Internal helpers shared by every area of hutong: allocation, growable
 * buffers, error reports, UTF-8 steps, atomic output files and JSON strings.
 * Not installed; areas include it as "common/util.h".
 */
#ifndef HT_COMMON_UTIL_H
#define HT_COMMON_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "hutong/common.h"

/* ---- allocation: these abort with a message on out-of-memory, never return NULL ---- */
void *ht_xmalloc(size_t n);
void *ht_xcalloc(size_t count, size_t size);
void *ht_xrealloc(void *p, size_t n);
/* The same for a large table read and written at random (hash tables,
 * per-word arrays): blocks of 4 MB and more are aligned to 2 MB and marked for
 * transparent huge pages where Linux offers them, which saves most of their
 * page faults and TLB misses.  Freed with free(). */
void *ht_xmalloc_table(size_t n);
void *ht_xcalloc_table(size_t count, size_t size);
char *ht_xstrdup(const char *s);
char *ht_xstrndup(const char *s, size_t n);
/* realloc for count elements of size bytes; a product that overflows is out of memory. */
void *ht_xreallocarray(void *p, size_t count, size_t size);
/* Fault injection for tests: the nth allocation from now fails (0: none).
 * The environment variable HUTONG_FAULT_ALLOC=N does the same for a program. */
void ht_fault_alloc_at(unsigned long n);

/* Grow array `p` (of *p elements) so that it holds at least `need` elements;
 * `cap` is the current capacity variable, updated in place. */
#define HT_GROW(p, need, cap)                                                        \
	do {                                                                         \
		if ((need) > (cap)) {                                                \
			size_t ht_grow_new_ = (cap) ? (cap) * 2 : 16;                \
			if (ht_grow_new_ < (need))                                   \
				ht_grow_new_ = (need);                               \
			(p) = ht_xreallocarray((p), ht_grow_new_, sizeof(*(p)));     \
			(cap) = ht_grow_new_;                                        \
		}                                                                    \
	} while (0)

/* ---- growable text buffer ----
 * Invariant: `s` always points to `len` bytes followed by a NUL, also right
 * after ht_buf_init (then it points to a shared empty string and cap is 0).
 * ht_buf_release frees and re-initialises; ht_buf_detach hands the heap string
 * to the caller (who frees it) and re-initialises. */
typedef struct ht_buf {
	char *s;
	size_t len, cap;
} ht_buf;

#define HT_BUF_INIT {ht_buf_empty, 0, 0}
extern char ht_buf_empty[];

void ht_buf_init(ht_buf *b);
void ht_buf_release(ht_buf *b);
char *ht_buf_detach(ht_buf *b, size_t *len);
void ht_buf_grow(ht_buf *b, size_t extra);
void ht_buf_add(ht_buf *b, const void *data, size_t n);
void ht_buf_adds(ht_buf *b, const char *s);
void ht_buf_addc(ht_buf *b, char c);
void ht_buf_addf(ht_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ht_buf_truncate(ht_buf *b, size_t len);
/* Empty b and give it room for n bytes in one block from ht_xmalloc_table
 * (a large text filled once: no copies as it grows, few page faults). */
void ht_buf_reserve_table(ht_buf *b, size_t n);
static inline void ht_buf_reset(ht_buf *b) { ht_buf_truncate(b, 0); }

/* ---- hashing ---- */
/* FNV-1a-style 64-bit hash of s[0..n), for the hash tables of every area.
 * ht_hash_more extends a hash: ht_hash_bytes(s, n) equals
 * ht_hash_more(HT_HASH_SEED, s, n), so prefixes can be hashed incrementally. */
#define HT_HASH_SEED 1469598103934665603ULL

static inline uint64_t ht_hash_more(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static inline uint64_t ht_hash_bytes(const char *s, size_t n) { return ht_hash_more(HT_HASH_SEED, s, n); }

/* ---- paths ---- */
/* The file name part of `path` (after the last '/'), pointing into path. */
const char *ht_path_base(const char *path);

/* ---- errors ---- */
/* Fill `err` (may be NULL) and return `status`. */
ht_status ht_error_set(ht_error *err, ht_status status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- UTF-8 ---- */
/* Decode the code point at s[*i] (valid UTF-8 assumed: text that passed
 * ht_text_read) and advance *i past it; a sequence cut off by len is U+FFFD
 * and only its lead byte is passed.  Inline: scanners call it on every
 * character. */
static inline int32_t ht_utf8_next(const char *str, size_t len, size_t *i)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t k = *i;
	unsigned c = s[k];
	if (c < 0x80) {
		*i = k + 1;
		return (int32_t)c;
	}
	size_t n = c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
	if (k + n >= len) {
		*i = k + 1;
		return 0xFFFD;
	}
	int32_t cp = (int32_t)(c & (0x3F >> n));
	for (size_t j = 1; j <= n; j++)
		cp = (cp << 6) | (s[k + j] & 0x3F);
	*i = k + n + 1;
	return cp;
}
/* Decode the code point that ends at s[*i] (exclusive) and move *i back to its start. */
int32_t ht_utf8_prev(const char *s, size_t *i);
/* Encode `cp` into out (4 bytes room); returns the byte count. */
size_t ht_utf8_encode(int32_t cp, char *out);
/* Length of the longest valid UTF-8 prefix of s; the first invalid byte is at the result. */
size_t ht_utf8_valid_prefix(const char *s, size_t len);

int ht_is_han(int32_t cp);  /* CJK ideographs and compatibility ideographs */
int ht_is_cjk(int32_t cp);  /* Han, kana, Hangul, CJK punctuation and full-width forms */

/* The place of cp in set[0..n) (a small fixed list of characters: numerals,
 * function characters, an alphabet), or -1 when it is not there. */
static inline long ht_cp_index(const int32_t *set, size_t n, int32_t cp)
{
	for (size_t i = 0; i < n; i++)
		if (set[i] == cp)
			return (long)i;
	return -1;
}

/* ---- reading input text ----
 * ht_text_read_opts is ht_text_load (hutong/common.h: encodings, detection,
 * repair, NFC) into a buffer.  ht_text_read is the same with the encoding
 * "auto" except that a guessed legacy encoding is not used: the error says
 * what the text looks like ("byte 1: invalid UTF-8 (the text looks like
 * GB18030)"), for the commands that have no --encoding.  `repairs` not NULL
 * asks for repair and receives the count.
 * The *_decode forms read a memory block; `name` is used in messages. */
ht_status ht_text_read_opts(const char *path, const ht_text_opts *opts, ht_buf *out,
			    ht_text_info *info, ht_error *err);
ht_status ht_text_decode_opts(const char *name, const char *data, size_t len,
			      const ht_text_opts *opts, ht_buf *out, ht_text_info *info, ht_error *err);
ht_status ht_text_read(const char *path, ht_buf *out, size_t *repairs, ht_error *err);
ht_status ht_text_decode(const char *name, const char *data, size_t len, ht_buf *out,
			 size_t *repairs, ht_error *err);
/* True when ICU has a converter for the encoding name (common/charset.c). */
int ht_text_encoding_known(const char *encoding);
/* The bytes of `path` ("-" or NULL: stdin) as they are, into the empty buffer raw. */
ht_status ht_file_read(const char *path, ht_buf *raw, ht_error *err);

/* NFC in place (text: valid UTF-8), linear in time (see ht_text_load). */
void ht_text_nfc(ht_buf *text);

/* Internals of the decoders (common/charset.c, ICU): decode data[0..len) of
 * encoding `cs` (an ICU name) into UTF-8 appended to out, CRLF as LF, a first
 * U+FEFF dropped.  `base` is the file offset of data[0], for messages. */
ht_status ht_charset_decode(const char *name, const char *cs, const char *data, size_t len,
			    size_t base, int repair, ht_buf *out, size_t *repairs, ht_error *err);
/* ICU's detector on data[0..len): 1 and the name and confidence of its best
 * match when it is a legacy encoding worth trusting, else 0. */
int ht_charset_guess(const char *data, size_t len, char *name, size_t size, int *confidence);

/* ---- atomic output ----
 * Output goes to a temporary file in the target's folder, renamed into place by
 * ht_outfile_commit; ht_outfile_abort removes it.  Path "-" (or NULL) is stdout,
 * flushed and checked on commit.  A target that exists and is not a regular
 * file (/dev/null, a FIFO) is written in place: `tmp` is then NULL. */
typedef struct ht_outfile {
	FILE *fp;
	char *path, *tmp;
} ht_outfile;

ht_status ht_outfile_open(ht_outfile *of, const char *path, ht_error *err);
ht_status ht_outfile_commit(ht_outfile *of, ht_error *err);
void ht_outfile_abort(ht_outfile *of);
/* The output file gets the permissions of the file it replaces, else 0666
 * less the umask.  The temporary files of outputs not yet committed are
 * removed by ht_outfile_remove_temps (async-signal-safe), which the
 * out-of-memory abort calls.  ht_outfile_catch_signals, for programs, makes
 * SIGINT, SIGTERM, SIGHUP and SIGQUIT remove them before the process dies by
 * the signal (signals ignored at start stay ignored), and ignores SIGXFSZ so
 * that a write past `ulimit -f` is a write error. */
void ht_outfile_remove_temps(void);
void ht_outfile_catch_signals(void);

/* ---- JSON ---- */
/* Append s[0..len) to b as a quoted, escaped JSON string. */
void ht_json_add_str(ht_buf *b, const char *s, size_t len);

/* ---- match keys ----
 * Append to `out` the match key of s[0..len): NFKC (folds full-width and
 * half-width forms), case-folded, Arabic diacritics and tatweel removed.
 * Keys are for comparing, never for showing. */
void ht_key_fold(const char *s, size_t len, ht_buf *out);

/* ---- tokens ----
 * A token is a run of letters/digits (with inner apostrophes and dots of
 * numbers such as 1.25), a single Han or kana character, or a single
 * punctuation/symbol character.  Spaces are not tokens. */
enum ht_token_type { HT_TOK_WORD, HT_TOK_NUMBER, HT_TOK_HAN, HT_TOK_PUNCT };
typedef struct ht_token {
	size_t start, len;
	enum ht_token_type type;
} ht_token;

/* Tokenise s[0..len) into *toks (grown with HT_GROW; *n is set, *cap kept). */
void ht_tokenize(const char *s, size_t len, ht_token **toks, size_t *n, size_t *cap);

#endif
