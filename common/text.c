/* Reading input text: the file, its encoding (a BOM, UTF-8, a legacy
 * encoding named or detected), validation, repair. */
#include "common/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

ht_status ht_file_read(const char *path, ht_buf *raw, ht_error *err)
{
	int is_stdin = !path || strcmp(path, "-") == 0;
	const char *name = is_stdin ? "-" : path;
	FILE *fp = is_stdin ? stdin : fopen(path, "rb");
	if (!fp)
		return ht_error_set(err, HT_ERR_IO, "%s: %s", path, strerror(errno));
	struct stat st;
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		if (!is_stdin)
			fclose(fp);
		return ht_error_set(err, HT_ERR_IO, "%s: is a folder, not a file", name);
	}
	/* a regular file is read into one block of its size, not copied as it grows */
	if (!is_stdin && S_ISREG(st.st_mode) && st.st_size > 0)
		ht_buf_reserve_table(raw, (size_t)st.st_size + 1); /* + 1: room to see the end */
	for (;;) {
		if (raw->cap - raw->len <= 1)
			ht_buf_grow(raw, 1 << 16);
		size_t n = fread(raw->s + raw->len, 1, raw->cap - raw->len - 1, fp);
		raw->len += n;
		raw->s[raw->len] = '\0';
		if (n == 0)
			break;
	}
	int failed = ferror(fp), saved = errno;
	if (!is_stdin)
		fclose(fp);
	if (failed)
		return ht_error_set(err, HT_ERR_IO, "%s: read error: %s", name, strerror(saved));
	return HT_OK;
}

/* ---- UTF-8 ---- */

/* The message for the invalid byte at s[at]; `guess` names what the text
 * looks like, or is NULL. */
static ht_status utf8_error(const char *name, const char *s, size_t at, size_t file_offset,
			    const char *guess, ht_error *err)
{
	if (s[at] == '\0')
		return ht_error_set(err, HT_ERR_DATA, "%s: byte %zu: invalid UTF-8 (a NUL byte: binary data?)",
				    name, file_offset + at);
	if (guess)
		return ht_error_set(err, HT_ERR_DATA, "%s: byte %zu: invalid UTF-8 (the text looks like %s)",
				    name, file_offset + at, guess);
	return ht_error_set(err, HT_ERR_DATA, "%s: byte %zu: invalid UTF-8", name, file_offset + at);
}

/* Copy valid UTF-8, replacing each invalid byte by U+FFFD (when repairing)
 * and CRLF by LF.  Without `repairs`, the first invalid byte is returned in
 * *bad and nothing is reported. */
static int clean_utf8(const char *s, size_t len, ht_buf *out, size_t *repairs, size_t *bad)
{
	size_t i = 0;
	ht_buf_grow(out, len);
	while (i < len) {
		size_t ok = i + ht_utf8_valid_prefix(s + i, len - i);
		/* copy the valid run, CRLF as LF, in blocks rather than bytes */
		for (size_t k = i; k < ok;) {
			const char *cr = memchr(s + k, '\r', ok - k);
			size_t stop = cr ? (size_t)(cr - s) : ok;
			ht_buf_add(out, s + k, stop - k);
			if (!cr)
				break;
			if (!(stop + 1 < len && s[stop + 1] == '\n'))
				ht_buf_addc(out, '\r');
			k = stop + 1;
		}
		if (ok == len)
			break;
		if (!repairs) {
			*bad = ok;
			return 0;
		}
		ht_buf_adds(out, "\xEF\xBF\xBD");
		(*repairs)++;
		i = ok + 1;
	}
	return 1;
}

/* True when the text is UTF-8 with a few bad bytes rather than another
 * encoding: valid multi-byte sequences outnumber bad bytes eight to one in
 * its first megabyte.  Such text is never re-read as a guessed encoding. */
static int mostly_utf8(const char *s, size_t len)
{
	size_t n = len < ((size_t)1 << 20) ? len : ((size_t)1 << 20), good = 0, bad = 0;
	for (size_t i = 0; i < n;) {
		size_t ok = i + ht_utf8_valid_prefix(s + i, n - i);
		for (size_t k = i; k < ok; k++)
			good += ((unsigned char)s[k] & 0xC0) == 0xC0;
		if (ok >= n)
			break;
		bad++;
		i = ok + 1;
	}
	return good > 8 * bad;
}

/* The common case, in place: UTF-8 (with or without a BOM) valid from end
 * to end.  Drops the BOM and the CR of each CRLF.  Returns 0, leaving raw
 * as it was, when the text needs the general path. */
static int decode_in_place(ht_buf *raw)
{
	const unsigned char *u = (const unsigned char *)raw->s;
	size_t start = 0, len = raw->len;
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
		return 0;
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		start = 3;
	if (ht_utf8_valid_prefix(raw->s + start, len - start) != len - start)
		return 0;
	size_t w = 0;
	for (size_t r = start; r < len;) {
		const char *cr = memchr(raw->s + r, '\r', len - r);
		size_t stop = cr ? (size_t)(cr - raw->s) : len;
		if (w != r)
			memmove(raw->s + w, raw->s + r, stop - r);
		w += stop - r;
		if (!cr)
			break;
		if (!(stop + 1 < len && raw->s[stop + 1] == '\n'))
			raw->s[w++] = '\r';
		r = stop + 1;
	}
	if (raw->cap)
		ht_buf_truncate(raw, w);
	return 1;
}

/* ---- encodings ---- */

/* The encoding a byte order mark declares, and the mark's length; NULL when
 * there is none.  UTF-32LE's mark begins with UTF-16LE's: it is tried first
 * (UTF-16 text cannot begin with U+0000). */
static const char *bom_encoding(const unsigned char *u, size_t len, size_t *bom)
{
	static const struct {
		const char *name;
		const char *mark;
		size_t len;
	} marks[] = {{"UTF-8", "\xEF\xBB\xBF", 3},          {"UTF-32LE", "\xFF\xFE\0\0", 4},
		     {"UTF-32BE", "\0\0\xFE\xFF", 4},       {"UTF-16LE", "\xFF\xFE", 2},
		     {"UTF-16BE", "\xFE\xFF", 2},           {"GB18030", "\x84\x31\x95\x33", 4}};
	for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
		if (len >= marks[i].len && memcmp(u, marks[i].mark, marks[i].len) == 0) {
			*bom = marks[i].len;
			return marks[i].name;
		}
	*bom = 0;
	return NULL;
}

static int is_utf8_name(const char *cs) { return strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "UTF8") == 0; }

static void set_info(ht_text_info *info, const char *cs, int detected, int confidence)
{
	snprintf(info->encoding, sizeof info->encoding, "%s", cs);
	info->detected = detected;
	info->confidence = confidence;
}

/* UTF-8 from data[base..len): the text, or the error for its first bad byte
 * (when not repairing).  In "auto" mode (`guess` >= 0) a text that is not
 * UTF-8 is shown to the detector: its answer is used when guess is 1, only
 * named in the error when 0. */
static ht_status decode_utf8(const char *name, const char *data, size_t len, size_t base, int guess,
			     int repair, ht_buf *out, ht_text_info *info, ht_error *err)
{
	size_t bad = 0;
	if (clean_utf8(data + base, len - base, out, repair ? &info->repairs : NULL, &bad)) {
		set_info(info, "UTF-8", 0, 0);
		return HT_OK;
	}
	char cs[48];
	int conf = 0;
	int looks = guess >= 0 && data[base + bad] != '\0' && !mostly_utf8(data + base, len - base) &&
		    ht_charset_guess(data + base, len - base, cs, sizeof cs, &conf);
	if (looks && guess == 1) {
		ht_buf_reset(out);
		set_info(info, cs, 1, conf);
		return ht_charset_decode(name, cs, data + base, len - base, base, repair, out, &info->repairs,
					 err);
	}
	return utf8_error(name, data + base, bad, base, looks ? cs : NULL, err);
}

static ht_status decode(const char *name, const char *data, size_t len, const ht_text_opts *opts,
			int guess, ht_buf *out, ht_text_info *info, ht_error *err)
{
	const char *enc = opts && opts->encoding && *opts->encoding ? opts->encoding : "auto";
	int repair = opts && opts->repair;
	ht_buf_reset(out);
	memset(info, 0, sizeof *info);
	size_t bom = 0;
	ht_status st;
	if (strcasecmp(enc, "auto") == 0) {
		const char *declared = bom_encoding((const unsigned char *)data, len, &bom);
		if (declared && !is_utf8_name(declared)) {
			set_info(info, declared, 0, 0);
			st = ht_charset_decode(name, declared, data + bom, len - bom, bom, repair, out,
					       &info->repairs, err);
		} else
			st = decode_utf8(name, data, len, bom, guess, repair, out, info, err);
	} else if (is_utf8_name(enc)) {
		bom_encoding((const unsigned char *)data, len, &bom);
		if (bom != 3)
			bom = 0;
		st = decode_utf8(name, data, len, bom, -1, repair, out, info, err);
	} else {
		set_info(info, enc, 0, 0);
		st = ht_charset_decode(name, enc, data, len, 0, repair, out, &info->repairs, err);
	}
	if (st == HT_OK)
		ht_text_nfc(out);
	return st;
}

/* ---- the calls ---- */

ht_status ht_text_decode_opts(const char *name, const char *data, size_t len,
			      const ht_text_opts *opts, ht_buf *out, ht_text_info *info, ht_error *err)
{
	ht_text_info own;
	return decode(name, data, len, opts, 1, out, info ? info : &own, err);
}

static ht_status read_file(const char *path, const ht_text_opts *opts, int guess, ht_buf *out,
			   ht_text_info *info, ht_error *err)
{
	ht_text_info own;
	info = info ? info : &own;
	memset(info, 0, sizeof *info);
	ht_buf raw = HT_BUF_INIT;
	const char *name = path && strcmp(path, "-") ? path : "-";
	ht_status st = ht_file_read(path, &raw, err);
	const char *enc = opts && opts->encoding ? opts->encoding : "auto";
	int utf8 = strcasecmp(enc, "auto") == 0 || is_utf8_name(enc);
	if (st == HT_OK && utf8 && decode_in_place(&raw)) {
		ht_text_nfc(&raw);
		if (raw.cap > raw.len + (1 << 16)) { /* give back what doubling reserved */
			raw.s = ht_xrealloc(raw.s, raw.len + 1);
			raw.cap = raw.len + 1;
		}
		ht_buf_release(out);
		*out = raw;
		set_info(info, "UTF-8", 0, 0);
		return HT_OK;
	}
	if (st == HT_OK)
		st = decode(name, raw.s, raw.len, opts, guess, out, info, err);
	ht_buf_release(&raw);
	return st;
}

ht_status ht_text_read_opts(const char *path, const ht_text_opts *opts, ht_buf *out,
			    ht_text_info *info, ht_error *err)
{
	return read_file(path, opts, 1, out, info, err);
}

ht_status ht_text_read(const char *path, ht_buf *out, size_t *repairs, ht_error *err)
{
	ht_text_opts opts = {NULL, repairs != NULL};
	ht_text_info info;
	ht_status st = read_file(path, &opts, 0, out, &info, err);
	if (repairs)
		*repairs = info.repairs;
	return st;
}

ht_status ht_text_decode(const char *name, const char *data, size_t len, ht_buf *out,
			 size_t *repairs, ht_error *err)
{
	ht_text_opts opts = {NULL, repairs != NULL};
	ht_text_info info;
	ht_status st = decode(name, data, len, &opts, 0, out, &info, err);
	if (repairs)
		*repairs = info.repairs;
	return st;
}

ht_status ht_text_load(const char *path, const ht_text_opts *opts, char **text, size_t *len,
		       ht_text_info *info, ht_error *err)
{
	ht_buf b = HT_BUF_INIT;
	*text = NULL;
	ht_status st = ht_text_read_opts(path, opts, &b, info, err);
	if (st == HT_OK)
		*text = ht_buf_detach(&b, len);
	ht_buf_release(&b);
	return st;
}
