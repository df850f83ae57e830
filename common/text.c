/* Reading input text: decoding, validation, repair and normalisation. */
#include "common/util.h"

#include <errno.h>
#include <string.h>
#include <utf8proc.h>

static ht_status read_all(const char *path, ht_buf *raw, ht_error *err)
{
	int is_stdin = !path || strcmp(path, "-") == 0;
	FILE *fp = is_stdin ? stdin : fopen(path, "rb");
	if (!fp)
		return ht_error_set(err, HT_ERR_IO, "%s: %s", path, strerror(errno));
	for (;;) {
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
		for (size_t k = i; k < ok; k++) {
			if (s[k] == '\r' && k + 1 < len && s[k + 1] == '\n')
				continue;
			ht_buf_addc(out, s[k]);
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

static int is_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

/* NFC; skipped for pure ASCII, which is always NFC. */
static void normalize_nfc(ht_buf *text)
{
	if (is_ascii(text->s, text->len))
		return;
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)text->s, (utf8proc_ssize_t)text->len,
					  &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0)
		return; /* cannot happen on valid UTF-8; keep the text as it is */
	ht_buf_reset(text);
	ht_buf_add(text, nfc, (size_t)n);
	free(nfc);
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
	ht_status st = read_all(path, &raw, err);
	if (st == HT_OK)
		st = ht_text_decode(name, raw.s, raw.len, out, repairs, err);
	ht_buf_release(&raw);
	return st;
}
