/* ht_dict_open: a dictionary by the name a user gives on the command line. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/util.h"
#include "hutong/dict.h"

#define CEDICT_FILE "cedict_ts.u8"

static int same_primary(const char *a, const char *b)
{
	size_t la = strcspn(a, "-_"), lb = strcspn(b, "-_");
	return la == lb && strncasecmp(a, b, la) == 0;
}

static int is_zh_en(const char *from, const char *to)
{
	return (same_primary(from, "zh") && same_primary(to, "en")) ||
	       (same_primary(from, "en") && same_primary(to, "zh"));
}

static ht_status open_cedict(const char *from, const char *to, int required, ht_dict **out,
			     ht_error *err)
{
	char path[HT_DATA_PATH_MAX];
	if (!is_zh_en(from, to)) {
		if (!required)
			return HT_OK;
		return ht_error_set(err, HT_ERR_USAGE,
				    "CC-CEDICT is a zh-en dictionary: it cannot serve %s-%s", from, to);
	}
	if (!ht_data_find(CEDICT_FILE, path, sizeof path)) {
		if (!required)
			return HT_OK;
		return ht_error_set(err, HT_ERR_IO,
				    "CC-CEDICT (" CEDICT_FILE ") not found on the data path: run "
				    "corpora/fetch.sh, or set HUTONG_DATA to its folder");
	}
	return ht_dict_load(path, "zh", "en", out, err);
}

ht_status ht_dict_open(const char *spec, const char *from, const char *to, ht_dict **out,
		       ht_error *err)
{
	*out = NULL;
	if (!spec || strcmp(spec, "none") == 0)
		return HT_OK;
	if (!from || !to)
		return ht_error_set(err, HT_ERR_USAGE, "--dict %s needs the two languages", spec);
	if (strcmp(spec, "auto") == 0)
		return open_cedict(from, to, 0, out, err);
	if (strcmp(spec, "cedict") == 0)
		return open_cedict(from, to, 1, out, err);
	ht_status st = ht_dict_load(spec, from, to, out, err);
	if (st == HT_OK && !ht_dict_serves(*out, from, to)) {
		ht_error_set(err, HT_ERR_USAGE, "%s: a %s-%s dictionary cannot serve %s-%s", spec,
			     ht_dict_from(*out), ht_dict_to(*out), from, to);
		ht_dict_free(*out);
		*out = NULL;
		return HT_ERR_USAGE;
	}
	return st;
}

int ht_dict_serves(const ht_dict *d, const char *a, const char *b)
{
	if (!d)
		return 0;
	const char *f = ht_dict_from(d), *t = ht_dict_to(d);
	return (same_primary(f, a) && same_primary(t, b)) || (same_primary(f, b) && same_primary(t, a));
}
