/* Checking a language tag that a user gives: well formed BCP 47, with a
 * primary language that exists (ICU's CLDR data names it). */
#include <ctype.h>
#include <string.h>
#include <unicode/uloc.h>

#include "hutong/common.h"

/* BCP 47 shape: a primary subtag of 2-3 letters (the grammar's 4-8 letter
 * ones are reserved or unregistered), then subtags of 1-8 letters or digits
 * separated by '-'. */
static int well_formed(const char *tag)
{
	size_t n = 0, part = 0;
	for (const char *p = tag;; p++) {
		if (*p == '-' || !*p) {
			if (n == 0 || n > 8 || (part == 0 && (n < 2 || n > 3)))
				return 0;
			if (!*p)
				return 1;
			part++, n = 0;
		} else if (isalnum((unsigned char)*p) && (part > 0 || isalpha((unsigned char)*p))) {
			n++;
		} else
			return 0;
	}
}

/* Private use, qaa-qtz: a language the user defines. */
static int private_use(const char *p, size_t n)
{
	return n == 3 && tolower((unsigned char)p[0]) == 'q' && tolower((unsigned char)p[1]) >= 'a' &&
	       tolower((unsigned char)p[1]) <= 't';
}

int ht_lang_check(const char *tag)
{
	if (!tag || !well_formed(tag))
		return HT_LANG_MALFORMED;
	size_t n = strcspn(tag, "-");
	if (private_use(tag, n))
		return HT_LANG_OK;
	char primary[4], locale[16];
	for (size_t i = 0; i < n; i++)
		primary[i] = (char)tolower((unsigned char)tag[i]);
	primary[n] = '\0';
	/* "und" and a code that CLDR has no name for are not languages */
	if (strcmp(primary, "und") == 0)
		return HT_LANG_UNKNOWN;
	UErrorCode e = U_ZERO_ERROR;
	int32_t parsed = 0;
	uloc_forLanguageTag(primary, locale, sizeof locale, &parsed, &e);
	UChar name[64];
	UErrorCode e2 = U_ZERO_ERROR;
	uloc_getDisplayLanguage(locale, "en", name, 64, &e2);
	if (U_FAILURE(e) || U_FAILURE(e2) || e2 == U_USING_DEFAULT_WARNING)
		return HT_LANG_UNKNOWN;
	return HT_LANG_OK;
}
