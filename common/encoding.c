/* Reading text in a legacy encoding (GB18030, Big5, windows-1252 ...):
 * ICU converts it to UTF-8, then it goes the way of every input text
 * (ht_text_decode: line ends, NFC). */
#include "common/util.h"

#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ustring.h>

int ht_text_encoding_known(const char *encoding)
{
	UErrorCode e = U_ZERO_ERROR;
	UConverter *cv = ucnv_open(encoding, &e);
	if (cv)
		ucnv_close(cv);
	return U_SUCCESS(e);
}

/* What the conversion callback knows: where the input starts, whether to
 * repair, how many repairs, and the offset of the first bad byte. */
typedef struct convert_ctx {
	const char *base;
	int repair;
	size_t repairs, bad_at;
	int bad;
} convert_ctx;

static void on_bad_bytes(const void *context, UConverterToUnicodeArgs *args,
				  const char *units, int32_t length, UConverterCallbackReason reason,
				  UErrorCode *e)
{
	convert_ctx *c = (convert_ctx *)context;
	if (reason > UCNV_IRREGULAR) /* reset, close, clone: nothing to do */
		return;
	if (!c->bad) {
		c->bad = 1;
		c->bad_at = (size_t)(args->source - c->base) - (size_t)length;
	}
	if (!c->repair)
		return; /* *e stays an error: the conversion stops */
	static const UChar fffd = 0xFFFD;
	*e = U_ZERO_ERROR;
	c->repairs += (size_t)length;
	ucnv_cbToUWriteUChars(args, &fffd, 1, 0, e);
}

/* Convert raw[0..len) to UTF-8 in out. */
static ht_status convert(const char *name, const char *encoding, const char *raw, size_t len,
			 ht_buf *out, convert_ctx *ctx, ht_error *err)
{
	UErrorCode e = U_ZERO_ERROR;
	UConverter *cv = ucnv_open(encoding, &e);
	if (U_FAILURE(e))
		return ht_error_set(err, HT_ERR_USAGE, "unknown encoding '%s'", encoding);
	ucnv_setToUCallBack(cv, on_bad_bytes, ctx, NULL, NULL, &e);
	enum { CHUNK = 1 << 15 };
	UChar buf[CHUNK + 1];
	const char *src = raw, *end = raw + len;
	int32_t carried = 0; /* a lead surrogate left from the previous chunk */
	ht_status st = HT_OK;
	for (;;) {
		UChar *tgt = buf + carried;
		e = U_ZERO_ERROR;
		ucnv_toUnicode(cv, &tgt, buf + CHUNK, &src, end, NULL, 1, &e);
		if (U_FAILURE(e) && e != U_BUFFER_OVERFLOW_ERROR) {
			st = ht_error_set(err, HT_ERR_DATA, "%s: byte %zu: invalid %s", name, ctx->bad_at,
					  encoding);
			break;
		}
		int32_t n = (int32_t)(tgt - buf);
		carried = n > 0 && U16_IS_LEAD(buf[n - 1]) && e == U_BUFFER_OVERFLOW_ERROR;
		UErrorCode e8 = U_ZERO_ERROR;
		int32_t need = 0;
		u_strToUTF8WithSub(NULL, 0, &need, buf, n - carried, 0xFFFD, NULL, &e8);
		ht_buf_grow(out, (size_t)need + 1);
		e8 = U_ZERO_ERROR;
		u_strToUTF8WithSub(out->s + out->len, (int32_t)(out->cap - out->len), &need, buf,
				   n - carried, 0xFFFD, NULL, &e8);
		out->len += (size_t)need;
		out->s[out->len] = '\0';
		if (carried)
			buf[0] = buf[n - 1];
		if (e != U_BUFFER_OVERFLOW_ERROR)
			break;
	}
	ucnv_close(cv);
	return st;
}

ht_status ht_text_decode_encoded(const char *name, const char *encoding, const char *data, size_t len,
				 ht_buf *out, size_t *repairs, ht_error *err)
{
	ht_buf utf8 = HT_BUF_INIT;
	convert_ctx ctx = {.base = data, .repair = repairs != NULL};
	ht_status st = convert(name, encoding, data, len, &utf8, &ctx, err);
	if (st == HT_OK)
		st = ht_text_decode(name, utf8.s, utf8.len, out, repairs, err);
	if (st == HT_OK && repairs)
		*repairs += ctx.repairs;
	ht_buf_release(&utf8);
	return st;
}

ht_status ht_text_read_encoded(const char *path, const char *encoding, ht_buf *out, size_t *repairs,
			       ht_error *err)
{
	ht_buf raw = HT_BUF_INIT;
	ht_status st = ht_file_read(path, &raw, err);
	if (st == HT_OK)
		st = ht_text_decode_encoded(path && strcmp(path, "-") ? path : "-", encoding, raw.s, raw.len,
					    out, repairs, err);
	ht_buf_release(&raw);
	return st;
}
