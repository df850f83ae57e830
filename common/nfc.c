/* NFC normalisation of input text, in linear time.
 *
 * The text is cut into pieces at normalisation boundaries (before a code
 * point that interacts with nothing before it: ICU's hasBoundaryBefore), and
 * each piece that holds anything but "inert" code points goes through
 * utf8proc.  Pieces are cut at the first boundary past NFC_PIECE bytes, and
 * in any case after NFC_MAX_RUN code points without a boundary: canonical
 * reordering sorts a run of combining marks in quadratic time, so an
 * absurd run (200,000 marks on one letter) is normalised in bounded pieces,
 * as Unicode's Stream-Safe Text Format (UAX #15) would have it.  Real text
 * never has such runs: its result is exactly NFC. */
#include "common/util.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <utf8proc.h>

#define NFC_PIECE 4096
#define NFC_MAX_RUN 30

/* Code points that NFC leaves as they are, whatever surrounds them: no
 * decomposition, no composition with a neighbour before them, combining
 * class 0.  A conservative list of the ranges official documents are
 * written in. */
static int nfc_inert(int32_t cp)
{
	return cp < 0x300 || (cp >= 0x400 && cp < 0x483) || (cp >= 0x48A && cp < 0x530) ||
	       (cp >= 0x600 && cp < 0x610) || (cp >= 0x61B && cp < 0x64B) || (cp >= 0x660 && cp < 0x670) ||
	       (cp >= 0x671 && cp < 0x6C0) || (cp >= 0x2002 && cp < 0x2070) ||
	       (cp >= 0x3000 && cp < 0x302A) || (cp >= 0x3030 && cp < 0x3040) ||
	       (cp >= 0x4E00 && cp < 0xA000) || (cp >= 0xFF00 && cp < 0xFFF0);
}

/* Where the normalised text goes: back into the buffer (NFC seldom makes a
 * piece longer), or, from the first piece that would overrun text not yet
 * read, into a new buffer. */
typedef struct nfc_out {
	char *t;       /* the text being normalised */
	size_t w;      /* bytes written back into t */
	ht_buf spill;  /* used once spilled */
	int spilled;
} nfc_out;

static void put(nfc_out *o, const char *s, size_t n, size_t read_end)
{
	if (!o->spilled && o->w + n <= read_end) {
		if (s != o->t + o->w)
			memmove(o->t + o->w, s, n);
		o->w += n;
		return;
	}
	if (!o->spilled) {
		ht_buf_grow(&o->spill, read_end + read_end / 8 + n);
		ht_buf_add(&o->spill, o->t, o->w);
		o->spilled = 1;
	}
	ht_buf_add(&o->spill, s, n);
}

/* Piece t[a..b): normalised when it needs work, else copied. */
static void flush(nfc_out *o, size_t a, size_t b, int work)
{
	if (b <= a)
		return;
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t n = -1;
	if (work)
		n = utf8proc_map((const utf8proc_uint8_t *)o->t + a, (utf8proc_ssize_t)(b - a), &nfc,
				 UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	/* (an error cannot happen on valid UTF-8: the piece is kept as it is) */
	if (n >= 0)
		put(o, (const char *)nfc, (size_t)n, b);
	else
		put(o, o->t + a, b - a, b);
	free(nfc);
}

void ht_text_nfc(ht_buf *text)
{
	const char *s = text->s;
	size_t len = text->len, i = 0, last_boundary = 0;
	/* most texts have nothing to do: find the first code point that is not inert */
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			last_boundary = i++;
			continue;
		}
		size_t k = i;
		if (!nfc_inert(ht_utf8_next(s, len, &k)))
			break;
		last_boundary = i;
		i = k;
	}
	if (i >= len)
		return;
	UErrorCode ec = U_ZERO_ERROR;
	const UNormalizer2 *icu = unorm2_getNFCInstance(&ec);
	nfc_out o = {.t = text->s, .w = last_boundary, .spill = HT_BUF_INIT};
	size_t piece = last_boundary, run = 0;
	int work = 0;
	for (size_t r = last_boundary; r < len;) {
		size_t p = r;
		int32_t cp;
		int inert, boundary;
		if ((unsigned char)s[r] < 0x80) {
			cp = (unsigned char)s[r++];
			inert = boundary = 1;
		} else {
			cp = ht_utf8_next(s, len, &r);
			inert = nfc_inert(cp);
			boundary = inert || (U_SUCCESS(ec) && unorm2_hasBoundaryBefore(icu, cp));
		}
		if (boundary) {
			run = 0;
			if (work && p - piece >= NFC_PIECE) {
				flush(&o, piece, p, 1);
				piece = p;
				work = 0;
			}
			last_boundary = p;
		} else if (++run > NFC_MAX_RUN) { /* see the top of the file */
			flush(&o, piece, p, work);
			piece = last_boundary = p;
			run = 1;
		}
		if (!inert && !work) {
			/* the inert text before the piece's starter needs no work */
			flush(&o, piece, last_boundary, 0);
			piece = last_boundary;
			work = 1;
		}
	}
	flush(&o, piece, len, work);
	if (o.spilled) {
		ht_buf_release(text);
		*text = o.spill;
	} else
		ht_buf_truncate(text, o.w);
}
