/* hutong eval glossary: how many known term pairs a glossary gets right. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "common/util.h"
#include "lexicon/tb-internal.h"
#include "hutong/tm.h"

/* The usage is in ht_usage_eval (cli/cmd-eval.c), which `hutong eval glossary
 * --help` prints.  What is measured:
 * a reference pair is covered when the glossary has an entry whose source is
 * the pair's source (match keys: case and width folded).  It is right when one
 * of the entries for that source has the expected target, exactly or ignoring
 * case and width; "first" counts only the first entry listed for the source
 * (the glossary's best).  Recall is right / reference pairs.  --corpus keeps the
 * pairs whose source occurs in the corpus (folded; whole words for alphabetic
 * terms), so that a glossary is not blamed for terms its corpus lacks. */

/* ---------------------------------------------------------------- tables */

typedef struct pair {
	char *source, *target;
	char *skey, *tkey; /* match keys (ht_key_fold) */
} pair;

typedef struct pair_list {
	pair *v;
	size_t n, cap;
} pair_list;

static void pairs_add(pair_list *l, const char *s, size_t slen, const char *t, size_t tlen)
{
	HT_GROW(l->v, l->n + 1, l->cap);
	pair *p = &l->v[l->n++];
	p->source = ht_xstrndup(s, slen);
	p->target = ht_xstrndup(t, tlen);
	ht_buf k = HT_BUF_INIT;
	ht_key_fold(s, slen, &k);
	p->skey = ht_buf_detach(&k, NULL);
	ht_key_fold(t, tlen, &k);
	p->tkey = ht_buf_detach(&k, NULL);
}

static void pairs_free(pair_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].source);
		free(l->v[i].target);
		free(l->v[i].skey);
		free(l->v[i].tkey);
	}
	free(l->v);
}

/* Split line[0..len) on tabs into at most `max` fields. */
static size_t split_tabs(const char *line, size_t len, const char **f, size_t *flen, size_t max)
{
	size_t n = 0;
	const char *p = line, *end = line + len;
	while (n < max) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));
		f[n] = p;
		flen[n] = (size_t)((tab ? tab : end) - p);
		n++;
		if (!tab)
			break;
		p = tab + 1;
	}
	return n;
}

/* Trim spaces at both ends of a field. */
static void trim(const char **s, size_t *len)
{
	while (*len && (**s == ' ' || **s == '\r'))
		(*s)++, (*len)--;
	while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\r'))
		(*len)--;
}

#define MAX_COLS 64

/* Column spec: numbers, or names looked up in the header row. */
typedef struct columns {
	char *name[2];
	size_t index[2]; /* 0-based */
	int by_name;
	int header; /* the first row names the columns (--header, or names given) */
	int strip_article; /* "Netherlands (the)" -> "Netherlands" (UNTERM's short names) */
} columns;

static int parse_columns(const char *spec, columns *c)
{
	const char *comma = strchr(spec, ',');
	if (!comma || comma == spec || !comma[1] || strchr(comma + 1, ','))
		return 0;
	c->name[0] = ht_xstrndup(spec, (size_t)(comma - spec));
	c->name[1] = ht_xstrdup(comma + 1);
	c->by_name = 0;
	for (int i = 0; i < 2; i++) {
		char *end;
		long v = strtol(c->name[i], &end, 10);
		if (*end || v < 1 || v > MAX_COLS)
			c->by_name = 1;
		else
			c->index[i] = (size_t)v - 1;
	}
	return 1;
}

static ht_status find_named_columns(const char *path, const char *const *f, const size_t *flen, size_t n,
				    columns *c, ht_error *err)
{
	for (int i = 0; i < 2; i++) {
		size_t k = 0;
		while (k < n && !(flen[k] == strlen(c->name[i]) && memcmp(f[k], c->name[i], flen[k]) == 0))
			k++;
		if (k == n)
			return ht_error_set(err, HT_ERR_USAGE, "%s:1: no column named '%s' in the header row",
					    path, c->name[i]);
		c->index[i] = k;
	}
	return HT_OK;
}

static ht_status read_reference(const char *path, columns *cols, pair_list *out, ht_error *err)
{
	ht_buf text = HT_BUF_INIT;
	ht_status st = ht_text_read(path, &text, NULL, err);
	size_t lineno = 0;
	int header_pending = cols->by_name || cols->header;
	for (const char *line = text.s; st == HT_OK && *line;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		lineno++;
		if (len > 0 && line[0] != '#') {
			const char *f[MAX_COLS];
			size_t flen[MAX_COLS];
			size_t n = split_tabs(line, len, f, flen, MAX_COLS);
			if (header_pending) {
				if (cols->by_name)
					st = find_named_columns(path, f, flen, n, cols, err);
				header_pending = 0;
			} else if (n <= cols->index[0] || n <= cols->index[1]) {
				st = ht_error_set(err, HT_ERR_DATA, "%s:%zu: no column %zu (the row has %zu)", path,
						  lineno, (cols->index[0] > cols->index[1] ? cols->index[0] : cols->index[1]) + 1, n);
			} else {
				const char *s = f[cols->index[0]], *t = f[cols->index[1]];
				size_t sl = flen[cols->index[0]], tl = flen[cols->index[1]];
				trim(&s, &sl);
				trim(&t, &tl);
				static const char the[] = " (the)";
				if (cols->strip_article && tl > sizeof the - 1 &&
				    memcmp(t + tl - (sizeof the - 1), the, sizeof the - 1) == 0)
					tl -= sizeof the - 1;
				if (sl && tl)
					pairs_add(out, s, sl, t, tl);
			}
		}
		if (!nl)
			break;
		line = nl + 1;
	}
	ht_buf_release(&text);
	return st;
}

static ht_status read_glossary(const char *path, pair_list *out, ht_error *err)
{
	ht_buf text = HT_BUF_INIT;
	ht_status st = ht_text_read(path, &text, NULL, err);
	size_t len = strlen(path);
	if (st == HT_OK && len > 4 && strcmp(path + len - 4, ".csv") == 0) {
		ht_buf store = HT_BUF_INIT;
		size_t *off = NULL, nf = 0, cap = 0, pos = 0, line = 0;
		int header = 1, rc;
		while ((rc = ht_csv_record(text.s, text.len, &pos, ',', &store, &off, &nf, &cap, &line)) > 0) {
			const char *a = nf > 0 ? store.s + off[0] : "", *b = nf > 1 ? store.s + off[1] : "";
			if (!header && *a && *b)
				pairs_add(out, a, strlen(a), b, strlen(b));
			header = 0;
		}
		if (rc < 0)
			st = ht_error_set(err, HT_ERR_DATA, "%s:%zu: quoted field never closed (a '\"' is missing)",
					  path, line);
		ht_buf_release(&store);
		free(off);
	} else if (st == HT_OK) {
		size_t lineno = 0;
		for (const char *line = text.s; *line;) {
			const char *nl = strchr(line, '\n');
			size_t n = nl ? (size_t)(nl - line) : strlen(line);
			lineno++;
			if (n > 0 && line[0] != '#') { /* OmegaT's comment lines */
				const char *f[2];
				size_t fl[2];
				if (split_tabs(line, n, f, fl, 2) < 2) {
					st = ht_error_set(err, HT_ERR_DATA,
							  "%s:%zu: no tab between source and target", path, lineno);
					break;
				}
				size_t tl = strcspn(f[1], "\t\n");
				if (tl > fl[1])
					tl = fl[1];
				if (fl[0] && tl)
					pairs_add(out, f[0], fl[0], f[1], tl);
			}
			if (!nl)
				break;
			line = nl + 1;
		}
	}
	ht_buf_release(&text);
	return st;
}

/* ---------------------------------------------------------------- corpus */

/* A letter or digit of an alphabetic script: occurrences of alphabetic terms
 * must not be glued to one ("Mali" is not in "Somalia"). */
static int is_word_cp(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	if (ht_is_cjk(cp))
		return 0;
	return !(cp >= 0x2000 && cp <= 0x206F) && cp != 0xA0 && !(cp >= 0xA1 && cp <= 0xBF) &&
	       cp != 0xD7 && cp != 0xF7;
}

static int occurs(const ht_buf *corpus, const char *key)
{
	size_t klen = strlen(key);
	if (!klen)
		return 0;
	size_t i = 0;
	int32_t first = ht_utf8_next(key, klen, &i), last;
	i = klen;
	last = ht_utf8_prev(key, &i);
	for (const char *p = corpus->s; (p = strstr(p, key)) != NULL; p++) {
		size_t at = (size_t)(p - corpus->s), after = at + klen;
		if (is_word_cp(first) && at > 0) {
			size_t j = at;
			if (is_word_cp(ht_utf8_prev(corpus->s, &j)))
				continue;
		}
		if (is_word_cp(last) && after < corpus->len) {
			size_t j = after;
			if (is_word_cp(ht_utf8_next(corpus->s, corpus->len, &j)))
				continue;
		}
		return 1;
	}
	return 0;
}

static ht_status load_corpus(const char *path, const char *lang, ht_buf *out, ht_error *err)
{
	ht_tm *tm = NULL;
	size_t len = strlen(path);
	ht_status st = len > 4 && strcmp(path + len - 4, ".tmx") == 0
			       ? ht_tm_read_tmx(path, &tm, err)
			       : ht_tm_read_tsv(path, NULL, NULL, &tm, err);
	if (st != HT_OK)
		return st;
	int l = lang ? ht_tm_lang_index(tm, lang) : 0;
	if (l < 0) {
		st = ht_error_set(err, HT_ERR_USAGE, "%s: no language '%s' in the corpus", path, lang);
	} else {
		for (size_t u = 0; u < ht_tm_unit_count(tm); u++) {
			size_t n;
			const char *s = ht_tm_seg(tm, u, (size_t)l, &n);
			if (s) {
				ht_key_fold(s, n, out);
				ht_buf_addc(out, '\n');
			}
		}
	}
	ht_tm_free(tm);
	return st;
}

/* ---------------------------------------------------------------- scoring */

typedef struct score {
	size_t pairs, reference_rows, covered;
	size_t exact_any, fold_any, exact_first, fold_first;
} score;

/* Result for one reference pair: 0 not covered, else bits. */
enum { COVERED = 1, EXACT_ANY = 2, FOLD_ANY = 4, EXACT_FIRST = 8, FOLD_FIRST = 16 };

/* The glossary's entries sorted by source key, in file order within a key,
 * so that each reference pair finds its entries by binary search. */
static int by_key_then_order(const void *a, const void *b)
{
	const pair *x = *(const pair *const *)a, *y = *(const pair *const *)b;
	int c = strcmp(x->skey, y->skey);
	return c ? c : (x > y) - (x < y);
}

static const pair **index_by_key(const pair_list *gloss)
{
	const pair **v = ht_xmalloc((gloss->n ? gloss->n : 1) * sizeof *v);
	for (size_t i = 0; i < gloss->n; i++)
		v[i] = &gloss->v[i];
	qsort(v, gloss->n, sizeof *v, by_key_then_order);
	return v;
}

static int judge(const pair *ref, const pair **index, size_t n, const pair **first)
{
	size_t lo = 0, hi = n; /* the first entry whose key is not below ref's */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(index[mid]->skey, ref->skey) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	int r = 0;
	*first = NULL;
	for (size_t i = lo; i < n && strcmp(index[i]->skey, ref->skey) == 0; i++) {
		const pair *g = index[i];
		int exact = strcmp(g->target, ref->target) == 0, fold = strcmp(g->tkey, ref->tkey) == 0;
		if (!*first) {
			*first = g;
			r |= COVERED | (exact ? EXACT_FIRST : 0) | (fold ? FOLD_FIRST : 0);
		}
		r |= (exact ? EXACT_ANY : 0) | (fold ? FOLD_ANY : 0);
	}
	return r;
}

static double ratio(size_t a, size_t b) { return b ? (double)a / (double)b : 0.0; }

typedef struct options {
	int json;
	long misses; /* -1: all */
	const char *ref_path, *gloss_path, *corpus_path, *corpus_lang;
} options;

static void print_text(const options *o, const score *sc, const pair_list *ref, const int *res,
		       const pair **firsts)
{
	printf("reference pairs: %zu", sc->pairs);
	if (o->corpus_path)
		printf(" (of %zu, restricted to sources found in %s)", sc->reference_rows, o->corpus_path);
	printf("\ncovered (source in the glossary): %zu (%.3f)\n", sc->covered, ratio(sc->covered, sc->pairs));
	printf("right target, exact:         %zu any entry, %zu first entry\n", sc->exact_any, sc->exact_first);
	printf("right target, ignoring case: %zu any entry, %zu first entry\n", sc->fold_any, sc->fold_first);
	printf("recall (any entry): exact %.3f, ignoring case %.3f\n", ratio(sc->exact_any, sc->pairs),
	       ratio(sc->fold_any, sc->pairs));
	printf("right among covered (ignoring case, any entry): %.3f\n", ratio(sc->fold_any, sc->covered));
	long shown = 0;
	for (size_t i = 0; i < ref->n; i++) {
		if (res[i] < 0 || (res[i] & FOLD_ANY))
			continue;
		if (o->misses >= 0 && shown >= o->misses)
			break;
		if (shown++ == 0)
			printf("misses (source, expected, glossary's first target):\n");
		printf("  %s\t%s\t%s\n", ref->v[i].source, ref->v[i].target,
		       firsts[i] ? firsts[i]->target : "(not in the glossary)");
	}
}

static void print_json(const options *o, const score *sc, const pair_list *ref, const int *res,
		       const pair **firsts)
{
	ht_buf b = HT_BUF_INIT;
	ht_buf_adds(&b, "{\"reference\":");
	ht_json_add_str(&b, o->ref_path, strlen(o->ref_path));
	ht_buf_adds(&b, ",\"glossary\":");
	ht_json_add_str(&b, o->gloss_path, strlen(o->gloss_path));
	if (o->corpus_path) {
		ht_buf_adds(&b, ",\"corpus\":");
		ht_json_add_str(&b, o->corpus_path, strlen(o->corpus_path));
		ht_buf_addf(&b, ",\"reference_rows\":%zu", sc->reference_rows);
	}
	ht_buf_addf(&b, ",\"pairs\":%zu,\"covered\":%zu,\"exact_any\":%zu,\"exact_first\":%zu,"
			"\"fold_any\":%zu,\"fold_first\":%zu,\"recall_exact\":%.4f,\"recall_fold\":%.4f,"
			"\"accuracy_covered\":%.4f,\"misses\":[",
		    sc->pairs, sc->covered, sc->exact_any, sc->exact_first, sc->fold_any, sc->fold_first,
		    ratio(sc->exact_any, sc->pairs), ratio(sc->fold_any, sc->pairs),
		    ratio(sc->fold_any, sc->covered));
	long shown = 0;
	for (size_t i = 0; i < ref->n; i++) {
		if (res[i] < 0 || (res[i] & FOLD_ANY))
			continue;
		if (o->misses >= 0 && shown >= o->misses)
			break;
		ht_buf_adds(&b, shown++ ? ",{\"source\":" : "{\"source\":");
		ht_json_add_str(&b, ref->v[i].source, strlen(ref->v[i].source));
		ht_buf_adds(&b, ",\"expected\":");
		ht_json_add_str(&b, ref->v[i].target, strlen(ref->v[i].target));
		ht_buf_adds(&b, ",\"glossary\":");
		if (firsts[i])
			ht_json_add_str(&b, firsts[i]->target, strlen(firsts[i]->target));
		else
			ht_buf_adds(&b, "null");
		ht_buf_addc(&b, '}');
	}
	ht_buf_adds(&b, "]}\n");
	fwrite(b.s, 1, b.len, stdout);
	ht_buf_release(&b);
}

/* Mark the reference rows that repeat an earlier one (same source and target
 * keys): they are counted once. */
static int by_keys_then_order(const void *a, const void *b)
{
	const pair *x = *(const pair *const *)a, *y = *(const pair *const *)b;
	int c = strcmp(x->skey, y->skey);
	if (!c)
		c = strcmp(x->tkey, y->tkey);
	return c ? c : (x > y) - (x < y);
}

static unsigned char *find_repeats(const pair_list *ref)
{
	unsigned char *repeat = ht_xcalloc(ref->n ? ref->n : 1, 1);
	const pair **v = ht_xmalloc((ref->n ? ref->n : 1) * sizeof *v);
	for (size_t i = 0; i < ref->n; i++)
		v[i] = &ref->v[i];
	qsort(v, ref->n, sizeof *v, by_keys_then_order);
	for (size_t i = 1; i < ref->n; i++)
		if (strcmp(v[i]->skey, v[i - 1]->skey) == 0 && strcmp(v[i]->tkey, v[i - 1]->tkey) == 0)
			repeat[v[i] - ref->v] = 1;
	free(v);
	return repeat;
}

static int evaluate(const options *o, columns *cols)
{
	ht_error err = {0};
	pair_list ref = {0}, gloss = {0};
	ht_buf corpus = HT_BUF_INIT;
	int rc = HT_EXIT_OK;
	if (read_reference(o->ref_path, cols, &ref, &err) != HT_OK ||
	    read_glossary(o->gloss_path, &gloss, &err) != HT_OK ||
	    (o->corpus_path && load_corpus(o->corpus_path, o->corpus_lang, &corpus, &err) != HT_OK)) {
		rc = ht_cli_fail(&err);
		goto done;
	}
	score sc = {0};
	int *res = ht_xcalloc(ref.n ? ref.n : 1, sizeof *res);
	const pair **firsts = ht_xcalloc(ref.n ? ref.n : 1, sizeof *firsts);
	const pair **index = index_by_key(&gloss);
	unsigned char *repeat = find_repeats(&ref);
	for (size_t i = 0; i < ref.n; i++) {
		res[i] = -1; /* not counted */
		if (repeat[i])
			continue;
		sc.reference_rows++;
		if (o->corpus_path && !occurs(&corpus, ref.v[i].skey))
			continue;
		sc.pairs++;
		res[i] = judge(&ref.v[i], index, gloss.n, &firsts[i]);
		sc.covered += (res[i] & COVERED) != 0;
		sc.exact_any += (res[i] & EXACT_ANY) != 0;
		sc.fold_any += (res[i] & FOLD_ANY) != 0;
		sc.exact_first += (res[i] & EXACT_FIRST) != 0;
		sc.fold_first += (res[i] & FOLD_FIRST) != 0;
	}
	if (o->json)
		print_json(o, &sc, &ref, res, firsts);
	else
		print_text(o, &sc, &ref, res, firsts);
	free(res);
	free(firsts);
	free(index);
	free(repeat);
done:
	pairs_free(&ref);
	pairs_free(&gloss);
	ht_buf_release(&corpus);
	return rc;
}

int ht_cmd_eval_glossary(int argc, char **argv)
{
	options o = {.misses = -1};
	columns cols = {.name = {NULL, NULL}, .index = {0, 1}};
	const char *colspec = NULL;
	size_t misses = SIZE_MAX;
	int first, rc;
	const ht_cli_option opts[] = {
		{"json", 0, HT_ARG_FLAG, .flag = &o.json},
		{"columns", 0, HT_ARG_STRING, .str = &colspec},
		{"corpus", 0, HT_ARG_STRING, .str = &o.corpus_path},
		{"corpus-lang", 0, HT_ARG_LANG, .str = &o.corpus_lang},
		{"misses", 0, HT_ARG_COUNT, .count = &misses, .min = 0},
		{"header", 0, HT_ARG_FLAG, .flag = &cols.header},
		{"strip-article", 0, HT_ARG_FLAG, .flag = &cols.strip_article},
	};
	if ((rc = HT_CLI_PARSE("eval glossary", opts, argc, argv, &first)))
		return rc < 0 ? HT_EXIT_OK : rc;
	if (misses != SIZE_MAX)
		o.misses = (long)misses;
	if (argc - first != 2)
		return ht_cli_usage_error("eval glossary", "wants REFERENCE and GLOSSARY");
	if (o.corpus_lang && !o.corpus_path)
		return ht_cli_usage_error("eval glossary", "--corpus-lang needs --corpus");
	if (colspec && !parse_columns(colspec, &cols))
		return ht_cli_bad_value("eval glossary", "--columns", colspec,
					"want S,T: two column numbers or header names, e.g. 1,2 or zh_short,en_short");
	o.ref_path = argv[first];
	o.gloss_path = argv[first + 1];
	rc = evaluate(&o, &cols);
	free(cols.name[0]);
	free(cols.name[1]);
	return rc;
}
