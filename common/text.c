/* Reading input text: decoding, validation, repair and normalisation. */
#include "common/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>

ht_status ht_file_read(const char *path, ht_buf *raw, ht_error *err)
{
	int is_stdin = !path || strcmp(path, "-") == 0;
	FILE *fp = is_stdin ? stdin : fopen(path, "rb");
	if (!fp)
		return ht_error_set(err, HT_ERR_IO, "%s: %s", path, strerror(errno));
	/* a regular file is read into one block of its size, not copied as it grows */
	struct stat st;
	if (!is_stdin && fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
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
	int failed = ferror(fp);
	if (!is_stdin)
		fclose(fp);
	if (failed)
		return ht_error_set(err, HT_ERR_IO, "%s: read error", is_stdin ? "-" : path);
	return HT_OK;
}

/* UTF-16 (with a BOM) to UTF-8; unpaired surrogates become U+FFFD. */
static void decode_utf16(const unsigned char *s, size_t len, int big_endian, ht_buf *out)
{
	char enc[4];
	for (size_t i = 0; i + 1 < len; i += 2) {
		uint32_t u = big_endian ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
		if (u >= 0xD800 && u <= 0xDBFF && i + 3 < len) {
			uint32_t lo = big_endian ? (uint32_t)(s[i + 2] << 8 | s[i + 3])
						 : (uint32_t)(s[i + 3] << 8 | s[i + 2]);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
				i += 2;
			} else
				u = 0xFFFD;
		} else if (u >= 0xD800 && u <= 0xDFFF)
			u = 0xFFFD;
		ht_buf_add(out, enc, ht_utf8_encode((int32_t)u, enc));
	}
}

/* Copy valid UTF-8, replacing each invalid byte by U+FFFD (when repairing)
 * and CRLF by LF. */
static ht_status clean_utf8(const char *name, const char *s, size_t len, size_t file_offset,
			    ht_buf *out, size_t *repairs, ht_error *err)
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
		if (!repairs)
			return ht_error_set(err, HT_ERR_DATA, "%s: byte %zu: invalid UTF-8", name,
					    file_offset + ok);
		ht_buf_adds(out, "\xEF\xBF\xBD");
		(*repairs)++;
		i = ok + 1;
	}
	return HT_OK;
}

/* Code points that NFC leaves as they are, whatever surrounds them: no
 * decomposition, no composition with a neighbour, combining class 0.  A
 * conservative list of the ranges official documents are written in. */
static int nfc_inert(int32_t cp)
{
	return cp < 0x300 || (cp >= 0x400 && cp < 0x483) || (cp >= 0x48A && cp < 0x530) ||
	       (cp >= 0x600 && cp < 0x610) || (cp >= 0x61B && cp < 0x64B) || (cp >= 0x660 && cp < 0x670) ||
	       (cp >= 0x671 && cp < 0x6C0) || (cp >= 0x2002 && cp < 0x2070) ||
	       (cp >= 0x3000 && cp < 0x302A) || (cp >= 0x3030 && cp < 0x3040) ||
	       (cp >= 0x4E00 && cp < 0xA000) || (cp >= 0xFF00 && cp < 0xFFF0);
}

/* NFC, line by line: only lines with a code point outside the inert ranges
 * go through utf8proc.  A line feed is a starter that composes with
 * nothing, so normalising lines apart gives the same text as normalising the
 * whole, in linear time and without a 4-bytes-per-character copy of it. */
static void normalize_nfc(ht_buf *text)
{
	size_t i = 0, len = text->len;
	const char *s = text->s;
	/* find the first line that needs work; most texts have none */
	size_t line_start = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			i++;
			if (c == '\n')
				line_start = i;
			continue;
		}
		size_t k = i;
		if (!nfc_inert(ht_utf8_next(s, len, &k)))
			break;
		i = k;
	}
	if (i >= len)
		return;
	/* Lines are written back in place (NFC seldom makes a line longer); the
	 * rare line that would overrun unread text moves everything to a new
	 * buffer from there on. */
	char *t = text->s;
	size_t w = line_start;
	ht_buf spill = HT_BUF_INIT;
	int spilled = 0;
	for (size_t start = line_start; start < len;) {
		const char *nl = memchr(t + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - t) + 1 : len;
		int inert = 1;
		for (size_t k = start; k < end && inert;) {
			if ((unsigned char)t[k] < 0x80) {
				k++;
				continue;
			}
			inert = nfc_inert(ht_utf8_next(t, end, &k));
		}
		utf8proc_uint8_t *nfc = NULL;
		utf8proc_ssize_t n = inert ? -1
					   : utf8proc_map((const utf8proc_uint8_t *)t + start,
							  (utf8proc_ssize_t)(end - start), &nfc,
							  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		/* inert, or (cannot happen on valid UTF-8) an error: keep the line */
		const char *res = n >= 0 ? (const char *)nfc : t + start;
		size_t res_len = n >= 0 ? (size_t)n : end - start;
		if (!spilled && w + res_len <= end) {
			if (res != t + w)
				memmove(t + w, res, res_len);
			w += res_len;
		} else {
			if (!spilled) {
				ht_buf_grow(&spill, len + len / 8);
				ht_buf_add(&spill, t, w);
				spilled = 1;
			}
			ht_buf_add(&spill, res, res_len);
		}
		free(nfc);
		start = end;
	}
	if (spilled) {
		ht_buf_release(text);
		*text = spill;
	} else
		ht_buf_truncate(text, w);
}

/* The common case, in place: UTF-8 (with or without a BOM) valid from end
 * to end.  Drops the BOM and the CR of each CRLF.  Returns 0, leaving raw
 * as it was, when the text needs the general path (UTF-16, invalid bytes). */
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

ht_status ht_text_decode(const char *name, const char *data, size_t len, ht_buf *out,
			 size_t *repairs, ht_error *err)
{
	const unsigned char *u = (const unsigned char *)data;
	ht_buf tmp = HT_BUF_INIT;
	const char *src = data;
	size_t srclen = len;
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		decode_utf16(u + 2, len - 2, u[0] == 0xFE, &tmp);
		src = tmp.s;
		srclen = tmp.len;
	} else if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		src += 3;
		srclen -= 3;
	}
	ht_buf_reset(out);
	/* byte offsets in messages count from the start of the file, BOM included */
	size_t file_offset = src == data + 3 ? 3 : 0;
	ht_status st = clean_utf8(name, src, srclen, file_offset, out, repairs, err);
	ht_buf_release(&tmp);
	if (st == HT_OK)
		normalize_nfc(out);
	return st;
}

ht_status ht_text_read(const char *path, ht_buf *out, size_t *repairs, ht_error *err)
{
	ht_buf raw = HT_BUF_INIT;
	const char *name = path && strcmp(path, "-") ? path : "-";
	ht_status st = ht_file_read(path, &raw, err);
	if (st == HT_OK && decode_in_place(&raw)) {
		normalize_nfc(&raw);
		if (raw.cap > raw.len + (1 << 16)) { /* give back what doubling reserved */
			raw.s = ht_xrealloc(raw.s, raw.len + 1);
			raw.cap = raw.len + 1;
		}
		ht_buf_release(out);
		*out = raw;
		return HT_OK;
	}
	if (st == HT_OK)
		st = ht_text_decode(name, raw.s, raw.len, out, repairs, err);
	ht_buf_release(&raw);
	return st;
}
