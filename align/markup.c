/* Counting the attributes of markup before libxml2 parses it (see markup.h). */
#include "align/markup.h"

#include <string.h>
#include <strings.h>

enum { S_TEXT, S_TAG, S_QUOTE, S_COMMENT, S_CDATA, S_PI, S_RAW };

void ht_markup_scan_init(ht_markup_scan *sc) { memset(sc, 0, sizeof *sc); }

static int is_raw_text(const ht_markup_scan *sc)
{
	return (sc->name_len == 6 && strncasecmp(sc->name, "script", 6) == 0) ||
	       (sc->name_len == 5 && strncasecmp(sc->name, "style", 5) == 0);
}

/* A byte of the name after '<': "!--", "![CDATA[" and "?" open their states. */
static void tag_name_byte(ht_markup_scan *sc, char c)
{
	if (sc->name_len < sizeof sc->name)
		sc->name[sc->name_len++] = c;
	if (sc->name_len == 1 && c == '?')
		sc->state = S_PI;
	else if (sc->name_len == 3 && memcmp(sc->name, "!--", 3) == 0)
		sc->state = S_COMMENT;
	else if (sc->name_len == 8 && memcmp(sc->name, "![CDATA[", 8) == 0)
		sc->state = S_CDATA;
}

static void count(ht_markup_scan *sc, size_t at)
{
	if (++sc->attrs > HT_MARKUP_MAX_ATTRS && !sc->bad)
		sc->bad = at + 1;
}

static void open_tag(ht_markup_scan *sc)
{
	sc->state = S_TAG;
	sc->in_name = 1;
	sc->name_len = 0;
	sc->attrs = 0;
}

/* The byte k (1 or 2) places before s[i], from the previous chunk when need be. */
static int before(const ht_markup_scan *sc, const char *s, size_t i, size_t k)
{
	if (i >= k)
		return (unsigned char)s[i - k];
	return k - i == 1 ? sc->prev : sc->prev2;
}


/* After "</": does the raw-text element's name follow (within this chunk)? */
static int ends_raw(const ht_markup_scan *sc, const char *s, size_t i, size_t n)
{
	size_t k = 0;
	while (k < sc->name_len && i + 1 + k < n && (s[i + 1 + k] | 0x20) == (sc->name[k] | 0x20))
		k++;
	return k == sc->name_len;
}

/* Byte classes: what matters inside a tag, quotes, and name characters. */
enum { C_TAG = 1, C_QUOTE = 2, C_NAME = 4 };
static const unsigned char *classes(void)
{
	static unsigned char cls[256];
	if (!cls['a']) { /* benign race: every thread writes the same bytes */
		for (int c = 0; c < 256; c++) {
			int l = c | 0x20;
			unsigned char k = 0;
			if (c == '"' || c == '\'' || c == '=' || c == '<' || c == '>')
				k |= C_TAG;
			if (c == '"' || c == '\'')
				k |= C_QUOTE;
			if ((l >= 'a' && l <= 'z') || (c >= '0' && c <= '9') || c == ':' || c == '-' || c == '_' ||
			    c == '.' || c >= 0x80)
				k |= C_NAME;
			cls[c] = k;
		}
	}
	return cls;
}

/* The name after the '<' at s[i] when the chunk holds all that matters of it
 * (the common case, without a call a byte); returns where to go on from. */
static size_t quick_name(ht_markup_scan *sc, const char *s, size_t i, size_t n, const unsigned char *cls)
{
	const unsigned char *t = (const unsigned char *)s + i + 1;
	size_t room = n - i - 1, k = 0;
	if (t[0] == '/') { /* an end tag has no attributes: on to its '>' */
		const char *gt = memchr(t, '>', room);
		if (!gt)
			return i;
		sc->state = S_TEXT;
		return (size_t)(gt - s);
	}
	if (t[0] == '!' || t[0] == '?')
		return i; /* comments, CDATA, PIs: the byte-wise path */
	if (!((t[0] | 0x20) >= 'a' && (t[0] | 0x20) <= 'z')) {
		sc->state = S_TEXT;
		return i;
	}
	while (k < room && k < sizeof sc->name && (cls[t[k]] & C_NAME))
		sc->name[k] = (char)t[k], k++;
	sc->name_len = k;
	while (k < room && (cls[t[k]] & C_NAME))
		k++;
	if (k == room) { /* the name may go on in the next chunk */
		sc->name_len = 0;
		return i;
	}
	sc->in_name = 0;
	return i + k; /* the loop's i++ lands on the byte after the name */
}

int ht_markup_scan_feed(ht_markup_scan *sc, const char *s, size_t n)
{
	const unsigned char *cls = classes();
	for (size_t i = 0; i < n && !sc->bad; i++) {
		char c = s[i];
		const char *p;
		switch (sc->state) {
		case S_TEXT: /* most of a document: to the next '<' at once */
			if (!(p = memchr(s + i, '<', n - i))) {
				i = n;
				break;
			}
			i = (size_t)(p - s);
			open_tag(sc);
			if (n - i > 1)
				i = quick_name(sc, s, i, n, cls);
			break;
		case S_TAG:
			if (sc->in_name) {
				int letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
				if (!sc->name_len && !letter && c != '!' && c != '?' && c != '/') {
					sc->state = S_TEXT; /* "a < b" in HTML text is no tag */
					i--;
					break;
				}
				if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && !(classes()[(unsigned char)c] & C_TAG) &&
				    !(c == '/' && sc->name_len)) {
					tag_name_byte(sc, c);
					break;
				}
				sc->in_name = 0;
			}
			while (i < n && !(cls[(unsigned char)s[i]] & C_TAG))
				i++;
			if (i == n)
				break;
			c = s[i];
			if (c == '"' || c == '\'') {
				sc->quote = c;
				sc->state = S_QUOTE;
			} else if (c == '=') {
				count(sc, sc->fed + i);
			} else if (c == '<') { /* a declaration inside the DTD's internal subset */
				open_tag(sc);
			} else {
				sc->state = is_raw_text(sc) ? S_RAW : S_TEXT;
			}
			break;
		case S_QUOTE:
			while (i < n && !(cls[(unsigned char)s[i]] & C_QUOTE))
				i++;
			if (i == n)
				break;
			if (s[i] == sc->quote)
				sc->state = S_TAG;
			else if (before(sc, s, i, 1) == '=')
				count(sc, sc->fed + i); /* an element's attribute inside an entity's value */
			break;
		case S_COMMENT:
		case S_CDATA:
		case S_PI: {
			int want = sc->state == S_COMMENT ? '-' : sc->state == S_CDATA ? ']' : '?';
			if (!(p = memchr(s + i, '>', n - i))) {
				i = n;
				break;
			}
			i = (size_t)(p - s);
			if (before(sc, s, i, 1) == want && (want == '?' || before(sc, s, i, 2) == want))
				sc->state = S_TEXT;
			break;
		}
		case S_RAW: /* <script>, <style>: up to "</" and the same name */
			if (!(p = memchr(s + i, '<', n - i))) {
				i = n;
				break;
			}
			i = (size_t)(p - s);
			if (i + 1 < n && s[i + 1] == '/' && ends_raw(sc, s, i + 1, n)) {
				open_tag(sc); /* the end tag: a tag like any other from here */
				sc->name[0] = '/';
				sc->name_len = 1;
				i++;
			}
			break;
		}
	}
	if (n >= 1)
		sc->prev2 = n >= 2 ? (unsigned char)s[n - 2] : sc->prev;
	if (n >= 1)
		sc->prev = (unsigned char)s[n - 1];
	sc->fed += n;
	return !sc->bad;
}

long ht_markup_line(const char *s, size_t upto)
{
	long line = 1;
	for (const char *p = s, *end = s + upto; (p = memchr(p, '\n', (size_t)(end - p))); p++)
		line++;
	return line;
}
