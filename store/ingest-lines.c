/* Ingesting aligned input: line-parallel corpora (NAME.LANG, line i
 * translates line i) and multilingual tables (NAME.tsv with a header row of
 * languages).  Their units are given, not computed: no confidence. */
#include "store/corpus.h"

#include <stdlib.h>
#include <string.h>

#include "hutong/sentence.h"

/* ---- lines of a text ---- */

typedef struct lines {
	const char **at;
	size_t *len;
	size_t n, cap, lcap;
} lines;

/* Split text at LF (a final line break does not open another line). */
static void split_lines(const char *text, size_t len, lines *out)
{
	out->n = 0;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		HT_GROW(out->at, out->n + 1, out->cap);
		HT_GROW(out->len, out->n + 1, out->lcap);
		out->at[out->n] = text + i;
		out->len[out->n++] = end - i;
		i = end + 1;
	}
}

static void lines_release(lines *l)
{
	free(l->at);
	free(l->len);
	memset(l, 0, sizeof *l);
}

static void trim(const char **s, size_t *len)
{
	while (*len && ((*s)[0] == ' ' || (*s)[0] == '\t' || (*s)[0] == '\r'))
		(*s)++, (*len)--;
	while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' || (*s)[*len - 1] == '\r'))
		(*len)--;
}

/* Read a file as text into a new version of part; NULL (problem added) when
 * it cannot be read. */
static ht_part_version *read_text_version(ht_part *part, const char *path, const char *lang,
					  const char *format)
{
	ht_buf text = HT_BUF_INIT;
	ht_error err = {0};
	if (ht_text_read(path, &text, NULL, &err) != HT_OK) {
		ht_problems_add_error(&part->problems, path, &err);
		ht_buf_release(&text);
		return NULL;
	}
	ht_part_version *v = ht_part_add_version(part, lang, path, format, text.len);
	v->text = ht_buf_detach(&text, &v->text_len);
	return v;
}

/* The original: the build's when the part has it, else the first in order. */
static void choose_original(ht_part *part, const char *original)
{
	part->original = ht_xstrdup(original);
	ht_part_sort_versions(part);
	if (part->nversions && strcmp(part->versions[0].lang, original) != 0) {
		free(part->original);
		part->original = ht_xstrdup(part->versions[0].lang);
		ht_part_sort_versions(part);
	}
}

static void new_tm(ht_part *part)
{
	part->tm = ht_tm_new(part->original);
	for (size_t i = 1; i < part->nversions; i++)
		ht_tm_add_lang(part->tm, part->versions[i].lang);
}

/* ---- line-parallel corpora ---- */

/* The first field of each line of NAME.ids (the UNPC's "2015/a/69/767 ar:3:1
 * ..."): where the line comes from. */
static void read_sources(ht_part *part, const char *path, size_t nlines)
{
	ht_buf text = HT_BUF_INIT;
	ht_error err = {0};
	lines l = {0};
	if (ht_text_read(path, &text, NULL, &err) != HT_OK) {
		ht_problems_add_error(&part->problems, path, &err);
		ht_buf_release(&text);
		return;
	}
	split_lines(text.s, text.len, &l);
	if (l.n != nlines)
		ht_problems_add(&part->problems, path, "%zu lines, the corpus has %zu: not used", l.n,
				nlines);
	else {
		part->sources = ht_xcalloc(nlines, sizeof *part->sources);
		for (size_t i = 0; i < nlines; i++) {
			size_t n = 0;
			while (n < l.len[i] && l.at[i][n] != ' ' && l.at[i][n] != '\t')
				n++;
			part->sources[i] = n ? ht_xstrndup(l.at[i], n) : NULL;
		}
	}
	lines_release(&l);
	ht_buf_release(&text);
}

void ht_part_ingest_lines(ht_part *part, const ht_group *g, const ht_ingest_ctx *ctx)
{
	part->group = g;
	part->level = "line";
	for (size_t i = 0; i < g->nfiles; i++)
		read_text_version(part, g->files[i].path, g->files[i].lang, "lines");
	if (!ht_part_drop_duplicates(part) || !part->nversions)
		return;
	choose_original(part, ctx->original);
	size_t nv = part->nversions;
	lines *l = ht_xcalloc(nv, sizeof *l);
	for (size_t v = 0; v < nv; v++)
		split_lines(part->versions[v].text, part->versions[v].text_len, &l[v]);
	/* line i must translate line i: a version of another length is left out */
	size_t keep = 1;
	for (size_t v = 1; v < nv; v++) {
		if (l[v].n != l[0].n) {
			ht_problems_add(&part->problems, part->versions[v].path,
					"%zu lines, but %s has %zu: line i must translate line i; left out",
					l[v].n, part->versions[0].path, l[0].n);
			continue;
		}
		if (keep != v) {
			ht_part_version t = part->versions[keep];
			part->versions[keep] = part->versions[v];
			part->versions[v] = t;
			lines tl = l[keep];
			l[keep] = l[v];
			l[v] = tl;
		}
		keep++;
	}
	for (size_t v = keep; v < nv; v++) {
		free(part->versions[v].lang);
		free(part->versions[v].path);
		free(part->versions[v].format);
		free(part->versions[v].text);
	}
	part->nversions = keep;
	new_tm(part);
	size_t nlines = l[0].n;
	if (g->ids)
		read_sources(part, g->ids, nlines);
	char **sources = part->sources;
	if (sources)
		part->sources = ht_xcalloc(nlines ? nlines : 1, sizeof *part->sources);
	char id[32];
	for (size_t i = 0; i < nlines; i++) {
		size_t u = SIZE_MAX;
		for (size_t v = 0; v < keep; v++) {
			const char *s = l[v].at[i];
			size_t len = l[v].len[i];
			trim(&s, &len);
			if (!len)
				continue;
			if (u == SIZE_MAX) {
				snprintf(id, sizeof id, "L%zu", i + 1);
				u = ht_tm_add_unit(part->tm, g->name, id, -1);
				if (sources) {
					part->sources[u] = sources[i];
					sources[i] = NULL;
				}
			}
			ht_tm_set_seg(part->tm, u, v, s, len);
		}
	}
	if (sources) {
		for (size_t i = 0; i < nlines; i++)
			free(sources[i]);
		free(sources);
	}
	for (size_t v = 0; v < nv; v++)
		lines_release(&l[v]);
	free(l);
	for (size_t v = 0; v < part->nversions; v++) {
		free(part->versions[v].text);
		part->versions[v].text = NULL;
	}
}

/* ---- tables ---- */

typedef struct cells {
	const char **at;
	size_t *len;
	size_t n, cap, lcap;
} cells;

static void split_cells(const char *s, size_t len, cells *c)
{
	c->n = 0;
	for (size_t i = 0;;) {
		const char *tab = memchr(s + i, '\t', len - i);
		size_t end = tab ? (size_t)(tab - s) : len;
		HT_GROW(c->at, c->n + 1, c->cap);
		HT_GROW(c->len, c->n + 1, c->lcap);
		c->at[c->n] = s + i;
		c->len[c->n++] = end - i;
		if (!tab)
			break;
		i = end + 1;
	}
}

#define BAD_ROWS_SHOWN 5

void ht_part_ingest_table(ht_part *part, const ht_group *g, const ht_ingest_ctx *ctx)
{
	part->group = g;
	part->level = "row";
	const char *path = g->files[0].path;
	for (size_t i = 1; i < g->nfiles; i++)
		ht_problems_add(&part->problems, g->files[i].path,
				"another table is named %s.tsv too (%s); left out", g->name, path);
	ht_buf text = HT_BUF_INIT;
	ht_error err = {0};
	if (ht_text_read(path, &text, NULL, &err) != HT_OK) {
		ht_problems_add_error(&part->problems, path, &err);
		ht_buf_release(&text);
		return;
	}
	lines l = {0};
	cells c = {0};
	split_lines(text.s, text.len, &l);
	if (l.n)
		split_cells(l.at[0], l.len[0], &c);
	/* the header: language columns, and the first other column is the key */
	size_t ncols = c.n, key = SIZE_MAX;
	long *col_version = ht_xmalloc((ncols ? ncols : 1) * sizeof *col_version);
	char tag[16];
	for (size_t k = 0; k < ncols; k++) {
		const char *h = c.at[k];
		size_t hl = c.len[k];
		trim(&h, &hl);
		col_version[k] = -1;
		const char *lang = ht_lang_of_name_part(h, hl, tag, sizeof tag);
		/* the first column is a key ("id", "key") unless it names a language
		 * hutong knows: "id" is also Indonesian's tag */
		if (lang && k == 0 && ncols > 1) {
			char known[16];
			snprintf(known, sizeof known, "%.*s", (int)hl, h);
			lang = ht_lang_from_filename(known) ? lang : NULL;
		}
		if (lang) {
			col_version[k] = (long)part->nversions;
			ht_part_add_version(part, lang, path, "tsv", text.len);
			part->versions[part->nversions - 1].column = k;
		} else if (key == SIZE_MAX)
			key = k;
	}
	if (!part->nversions) {
		ht_problems_add(&part->problems, path,
				"1: the header row names no language (it should read like key<TAB>zh<TAB>en); left out");
		goto out;
	}
	if (!ht_part_drop_duplicates(part) || !part->nversions)
		goto out;
	choose_original(part, ctx->original);
	for (size_t k = 0; k < ncols; k++)
		col_version[k] = -1;
	for (size_t v = 0; v < part->nversions; v++) {
		col_version[part->versions[v].column] = (long)v;
	}
	new_tm(part);
	size_t bad = 0;
	ht_buf id = HT_BUF_INIT;
	for (size_t r = 1; r < l.n; r++) {
		if (!l.len[r])
			continue;
		split_cells(l.at[r], l.len[r], &c);
		if (c.n != ncols) {
			if (bad++ < BAD_ROWS_SHOWN)
				ht_problems_add(&part->problems, path,
						"%zu: %zu cells where the header has %zu; row left out",
						r + 1, c.n, ncols);
			continue;
		}
		ht_buf_reset(&id);
		if (key != SIZE_MAX && c.len[key])
			ht_buf_add(&id, c.at[key], c.len[key]);
		else
			ht_buf_addf(&id, "row%zu", r + 1);
		size_t u = ht_tm_add_unit(part->tm, g->name, id.s, -1);
		for (size_t k = 0; k < ncols; k++) {
			const char *s = c.at[k];
			size_t len = c.len[k];
			trim(&s, &len);
			if (col_version[k] >= 0 && len)
				ht_tm_set_seg(part->tm, u, (size_t)col_version[k], s, len);
		}
	}
	if (bad > BAD_ROWS_SHOWN)
		ht_problems_add(&part->problems, path, "%zu more rows of the wrong width left out",
				bad - BAD_ROWS_SHOWN);
	ht_buf_release(&id);
out:
	free(col_version);
	free(c.at);
	free(c.len);
	lines_release(&l);
	ht_buf_release(&text);
	if (part->tm && ht_tm_unit_count(part->tm) == 0) {
		ht_tm_free(part->tm);
		part->tm = NULL;
	}
}
