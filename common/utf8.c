/* UTF-8 stepping and character classes. */
#include "common/util.h"

#include <string.h>

int32_t ht_utf8_prev(const char *str, size_t *i)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t k = *i;
	if (k == 0)
		return -1;
	size_t start = k - 1;
	while (start > 0 && (s[start] & 0xC0) == 0x80 && k - start < 4)
		start--;
	size_t j = start;
	int32_t cp = ht_utf8_next(str, k, &j);
	*i = start;
	return cp;
}

size_t ht_utf8_encode(int32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	} else if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t ht_utf8_valid_prefix(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		/* eight ASCII bytes, none of them NUL, at a time */
		const uint64_t high = 0x8080808080808080ULL, ones = 0x0101010101010101ULL;
		while (i + 8 <= len) {
			uint64_t v;
			memcpy(&v, s + i, 8);
			if ((v & high) || ((v - ones) & ~v & high))
				break;
			i += 8;
		}
		if (i >= len)
			break;
		unsigned c = s[i];
		if (c >= 0x01 && c < 0x80) {
			i++;
			continue;
		}
		size_t n;
		uint32_t min, cp;
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			min = 0x80;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			min = 0x800;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			min = 0x10000;
			cp = c & 0x07;
		} else
			return i; /* NUL, stray continuation or invalid lead byte */
		if (i + n >= len)
			return i;
		for (size_t j = 1; j <= n; j++) {
			if ((s[i + j] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + j] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n + 1;
	}
	return len;
}

int ht_is_han(int32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F) ||
	       cp == 0x3007;
}

int ht_is_cjk(int32_t cp)
{
	return ht_is_han(cp) || (cp >= 0x3000 && cp <= 0x30FF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
	       (cp >= 0xFF00 && cp <= 0xFFEF);
}
