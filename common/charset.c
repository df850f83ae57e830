/* Encodings other than UTF-8: ICU's converters (UTF-16, UTF-32, GB18030, Big5,
 * windows-1252 ...) and ICU's charset detector. */
#include "common/util.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf16.h>

/* UTF-16 code units converted at a time (and their source offsets). */
#define CHUNK 8192
/* Bytes above ASCII the detector needs to see before its guess is used. */
#define MIN_HIGH_BYTES 4

typedef struct bad_input {
	int repair;
	size_t repairs;
} bad_input;

/* ICU's to-Unicode callback: without repair the error stands (ICU stops and
 * the caller reports where); with repair each bad sequence is one U+FFFD.
 * (ICU's own substitution would give U+001A for some legacy converters.) */
static void on_bad_input(const void *context, UConverterToUnicodeArgs *args, const char *units,
			 int32_t length, UConverterCallbackReason reason, UErrorCode *ec)
{
	bad_input *b = (bad_input *)context;
	if (reason > UCNV_IRREGULAR || !b->repair)
		return;
	static const UChar fffd = 0xFFFD;
	*ec = U_ZERO_ERROR;
	ucnv_cbToUWriteUChars(args, &fffd, 1, 0, ec);
	b->repairs++;
}

/* Writes UTF-8 for the converter's UTF-16 output: CRLF as LF, a first
 * U+FEFF (a BOM the converter passed on) dropped, a surrogate pair split
 * between two chunks joined. */
typedef struct utf8_sink {
	ht_buf *out;
	UChar lead;     /* a lead surrogate waiting for its trail, else 0 */
	int pending_cr; /* a CR waiting to see whether LF follows */
	int started;
} utf8_sink;

static char *put_cp(utf8_sink *k, char *w, int32_t cp)
{
	if (k->pending_cr) {
		k->pending_cr = 0;
		if (cp != '\n')
			*w++ = '\r';
	}
	if (!k->started) {
		k->started = 1;
		if (cp == 0xFEFF)
			return w;
	}
	if (cp == '\r') {
		k->pending_cr = 1;
		return w;
	}
	return w + ht_utf8_encode(cp, w);
}

/* Append u[0..n) as UTF-8.  A U+0000 is binary data: without repair, returns
 * its index (the caller reports it); with repair it becomes U+FFFD.  Returns
 * -1 when all went well. */
static long sink_chunk(utf8_sink *k, const UChar *u, int32_t n, bad_input *b)
{
	ht_buf_grow(k->out, (size_t)n * 3 + 8);
	char *w = k->out->s + k->out->len;
	for (int32_t i = 0; i < n; i++) {
		int32_t cp = u[i];
		if (k->lead) {
			if (U16_IS_TRAIL(cp))
				cp = (int32_t)U16_GET_SUPPLEMENTARY(k->lead, cp);
			else
				w = put_cp(k, w, 0xFFFD); /* cannot happen: ICU pairs its output */
			k->lead = 0;
		} else if (U16_IS_LEAD(cp)) {
			k->lead = (UChar)cp;
			continue;
		}
		if (cp == 0) {
			if (!b->repair) {
				k->out->len = (size_t)(w - k->out->s);
				k->out->s[k->out->len] = '\0';
				return i;
			}
			cp = 0xFFFD;
			b->repairs++;
		}
		w = put_cp(k, w, cp);
	}
	k->out->len = (size_t)(w - k->out->s);
	k->out->s[k->out->len] = '\0';
	return -1;
}

static int is_utf16(const char *cs) { return strncasecmp(cs, "UTF-16", 6) == 0 || strncasecmp(cs, "UTF16", 5) == 0; }

static ht_status decode_error(const char *name, const char *cs, UConverter *cv, UErrorCode ec,
			      size_t consumed, ht_error *err)
{
	char bad[32];
	int8_t nbad = (int8_t)sizeof bad;
	UErrorCode e2 = U_ZERO_ERROR;
	ucnv_getInvalidChars(cv, bad, &nbad, &e2);
	if (U_FAILURE(e2))
		nbad = 0;
	size_t at = consumed >= (size_t)nbad ? consumed - (size_t)nbad : 0;
	if (ec == U_TRUNCATED_CHAR_FOUND)
		return ht_error_set(err, HT_ERR_DATA, "%s: byte %zu: the text ends inside a %s character",
				    name, at, cs);
	const char *why = "";
	if (is_utf16(cs) && nbad == 2) {
		unsigned u = strstr(cs, "BE") || strstr(cs, "be")
				     ? (unsigned char)bad[0] << 8 | (unsigned char)bad[1]
				     : (unsigned char)bad[1] << 8 | (unsigned char)bad[0];
		if (u >= 0xD800 && u <= 0xDFFF)
			why = " (an unpaired surrogate)";
	}
	return ht_error_set(err, HT_ERR_DATA, "%s: byte %zu: invalid %s%s", name, at, cs, why);
}

ht_status ht_charset_decode(const char *name, const char *cs, const char *data, size_t len,
			    size_t base, int repair, ht_buf *out, size_t *repairs, ht_error *err)
{
	UErrorCode ec = U_ZERO_ERROR;
	UConverter *cv = ucnv_open(cs, &ec);
	if (U_FAILURE(ec))
		return ht_error_set(err, HT_ERR_USAGE, "unknown encoding '%s' (ICU knows GB18030, Big5, "
				    "windows-1252, KOI8-R, UTF-16LE ...; see 'uconv -l')", cs);
	bad_input b = {repair, 0};
	ucnv_setToUCallBack(cv, on_bad_input, &b, NULL, NULL, &ec);
	UChar *ubuf = ht_xmalloc(CHUNK * sizeof *ubuf);
	int32_t *offs = ht_xmalloc(CHUNK * sizeof *offs);
	utf8_sink k = {.out = out};
	const char *src = data, *end = data + len;
	ht_status st = HT_OK;
	for (;;) {
		const char *chunk = src;
		UChar *t = ubuf;
		ec = U_ZERO_ERROR;
		ucnv_toUnicode(cv, &t, ubuf + CHUNK, &src, end, offs, 1, &ec);
		long nul = sink_chunk(&k, ubuf, (int32_t)(t - ubuf), &b);
		if (nul >= 0) {
			size_t at = (size_t)(chunk - data) + (offs[nul] >= 0 ? (size_t)offs[nul] : 0);
			st = ht_error_set(err, HT_ERR_DATA, "%s: byte %zu: a NUL character (binary data?)",
					  name, base + at);
			break;
		}
		if (ec == U_BUFFER_OVERFLOW_ERROR)
			continue;
		if (U_FAILURE(ec))
			st = decode_error(name, cs, cv, ec, base + (size_t)(src - data), err);
		break;
	}
	if (st == HT_OK && k.pending_cr)
		ht_buf_addc(out, '\r');
	free(ubuf);
	free(offs);
	ucnv_close(cv);
	if (repairs)
		*repairs += b.repairs;
	return st;
}

/* EBCDIC guesses (IBM420, IBM424) are never what a text file is. */
static int plausible(const char *cs, int has_nul)
{
	int wide = is_utf16(cs) || strncasecmp(cs, "UTF-32", 6) == 0;
	return strcasecmp(cs, "UTF-8") != 0 && strncasecmp(cs, "IBM42", 5) != 0 && wide == has_nul;
}

int ht_charset_guess(const char *data, size_t len, char *name, size_t size, int *confidence)
{
	size_t n = len < ((size_t)1 << 16) ? len : ((size_t)1 << 16), high = 0;
	/* a guess from one or two odd bytes is noise ("abc\xFFdef" is not Latin-2) */
	for (size_t i = 0; i < n && high < MIN_HIGH_BYTES; i++)
		high += (unsigned char)data[i] >= 0x80;
	if (high < MIN_HIGH_BYTES)
		return 0;
	UErrorCode ec = U_ZERO_ERROR;
	UCharsetDetector *d = ucsdet_open(&ec);
	if (U_FAILURE(ec))
		return 0;
	ucsdet_setText(d, data, (int32_t)n, &ec);
	int32_t nm = 0;
	const UCharsetMatch **m = ucsdet_detectAll(d, &nm, &ec);
	int found = 0, has_nul = memchr(data, 0, n) != NULL;
	for (int32_t i = 0; U_SUCCESS(ec) && i < nm && !found; i++) {
		const char *cs = ucsdet_getName(m[i], &ec);
		int conf = ucsdet_getConfidence(m[i], &ec);
		if (U_FAILURE(ec) || conf < 20)
			break; /* matches come best first */
		if (plausible(cs, has_nul)) {
			snprintf(name, size, "%s", cs);
			*confidence = conf;
			found = 1;
		}
	}
	ucsdet_close(d);
	return found;
}

int ht_text_encoding_known(const char *encoding)
{
	UErrorCode e = U_ZERO_ERROR;
	UConverter *cv = ucnv_open(encoding, &e);
	if (cv)
		ucnv_close(cv);
	return U_SUCCESS(e);
}
