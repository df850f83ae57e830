/* Placeholder until the HTML reader lands. */
#include "align/doc-internal.h"

ht_status ht_html_read(ht_doc *doc, const char *text, size_t len, ht_error *err)
{
	return ht_error_set(err, HT_ERR_USAGE, "%s: HTML input is not built yet", doc->name);
}
