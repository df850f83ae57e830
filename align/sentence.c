/* Placeholder until the sentence splitter lands: one sentence per paragraph. */
#include <stdlib.h>

#include "common/util.h"
#include "hutong/sentence.h"

struct ht_splitter {
	int unused;
};

ht_status ht_splitter_new(const char *lang, ht_splitter **out, ht_error *err)
{
	*out = ht_xcalloc(1, sizeof **out);
	return HT_OK;
}

void ht_splitter_free(ht_splitter *sp) { free(sp); }

ht_status ht_splitter_split(ht_splitter *sp, const char *text, size_t len, ht_span **spans,
			    size_t *n, size_t *cap, ht_error *err)
{
	*n = 0;
	if (!len)
		return HT_OK;
	HT_GROW(*spans, 1, *cap);
	(*spans)[0] = (ht_span){0, len};
	*n = 1;
	return HT_OK;
}
