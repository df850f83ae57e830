/* The dictionaries of a build: one per language pair, opened through
 * ht_dict_open when a document first needs it, shared read-only by the
 * workers. */
#include "store/corpus.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct dict_slot {
	char a[16], b[16];
	ht_dict *dict; /* NULL: none serves the pair */
} dict_slot;

struct ht_dict_cache {
	pthread_mutex_t lock;
	dict_slot *slots;
	size_t n, cap;
};

struct ht_dict_cache *ht_dict_cache_new(void)
{
	struct ht_dict_cache *c = ht_xcalloc(1, sizeof *c);
	pthread_mutex_init(&c->lock, NULL);
	return c;
}

void ht_dict_cache_free(struct ht_dict_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		if (c->slots[i].dict)
			ht_dict_free(c->slots[i].dict);
	free(c->slots);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

const ht_dict *ht_dict_cache_get(struct ht_dict_cache *c, const char *spec, const char *a,
				 const char *b, char *problem, size_t size)
{
	if (problem && size)
		problem[0] = 0;
	if (!spec || strcmp(spec, "none") == 0)
		return NULL;
	pthread_mutex_lock(&c->lock);
	const ht_dict *found = NULL;
	for (size_t i = 0; i < c->n; i++)
		if ((strcmp(c->slots[i].a, a) == 0 && strcmp(c->slots[i].b, b) == 0) ||
		    (strcmp(c->slots[i].a, b) == 0 && strcmp(c->slots[i].b, a) == 0)) {
			found = c->slots[i].dict;
			pthread_mutex_unlock(&c->lock);
			return found;
		}
	ht_dict *d = NULL;
	ht_error err = {0};
	ht_status st = ht_dict_open(spec, a, b, &d, &err);
	/* a named dictionary that does not serve this pair (CC-CEDICT and zh-fr) is
	 * simply not used for it; anything else is worth saying once */
	if (st != HT_OK && st != HT_ERR_USAGE && problem && size)
		snprintf(problem, size, "--dict %s: %s", spec, err.message);
	if (st != HT_OK)
		d = NULL;
	HT_GROW(c->slots, c->n + 1, c->cap);
	dict_slot *s = &c->slots[c->n++];
	snprintf(s->a, sizeof s->a, "%s", a);
	snprintf(s->b, sizeof s->b, "%s", b);
	s->dict = d;
	pthread_mutex_unlock(&c->lock);
	return d;
}

void ht_dict_spec_hash(const char *spec, ht_hash128 *h)
{
	ht_hash128_adds(h, spec ? spec : "none");
	/* a dictionary file given by path: its size and time stand for its content */
	struct stat st;
	if (spec && strcmp(spec, "auto") && strcmp(spec, "none") && strcmp(spec, "cedict") &&
	    stat(spec, &st) == 0) {
		long long v[2] = {(long long)st.st_size, (long long)st.st_mtime};
		ht_hash128_add(h, v, sizeof v);
	}
}
