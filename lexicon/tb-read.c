/* Termbase readers: TBX v2 and v3 (streamed, one entry expanded at a time),
 * and TSV/CSV tables as termbases and CAT tools export them.
 *
 * A table's languages come from its header row when it names them (tags
 * such as "en" or "en-US", or English language names as memoQ and Excel
 * exports write them); other columns (notes, status, frequency) are ignored.
 * A table without such a header is a bilingual glossary (OmegaT's
 * source<TAB>target<TAB>comment, hutong's TSV) in the languages the caller
 * names.  Synonyms (a second term of one language in a TBX entry) become
 * concepts of their own that share the entry's other terms, so that every
 * term can be looked up. */
#include "lexicon/tb-internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/xmlreader.h>

/* ---- CSV records ---- */

int ht_csv_record(const char *s, size_t len, size_t *pos, char sep, ht_buf *store, size_t **off,
		  size_t *n, size_t *cap, size_t *line)
{
	size_t i = *pos;
	ht_buf_reset(store);
	*n = 0;
	if (i >= len)
		return 0;
	(*line)++;
	for (;;) {
		HT_GROW(*off, *n + 1, *cap);
		(*off)[(*n)++] = store->len;
		if (sep == ',' && i < len && s[i] == '"') {
			size_t opened = *line;
			i++;
			for (;;) {
				if (i >= len) {
					*line = opened;
					return -1;
				}
				if (s[i] == '"') {
					if (i + 1 < len && s[i + 1] == '"') {
						ht_buf_addc(store, '"');
						i += 2;
						continue;
					}
					i++;
					break;
				}
				if (s[i] == '\n')
					(*line)++;
				ht_buf_addc(store, s[i++]);
			}
			/* hutong's CSV writer escapes a formula-like cell with an
			 * apostrophe inside the quotes: read it back as it was */
			size_t f = (*off)[*n - 1];
			if (store->len - f >= 2 && store->s[f] == '\'' && strchr("=+-@\t\r", store->s[f + 1])) {
				memmove(store->s + f, store->s + f + 1, store->len - f - 1);
				ht_buf_truncate(store, store->len - 1);
			}
			/* text after the closing quote belongs to the field (lenient) */
		}
		while (i < len && s[i] != sep && s[i] != '\n' && s[i] != '\r')
			ht_buf_addc(store, s[i++]);
		ht_buf_addc(store, 0);
		if (i < len && s[i] == sep) {
			i++;
			continue;
		}
		if (i < len && s[i] == '\r')
			i++;
		if (i < len && s[i] == '\n')
			i++;
		break;
	}
	*pos = i;
	return 1;
}

/* ---- language columns ---- */

/* A language tag or an English language name, as table headers name their
 * columns; the tag in `tag`, or 0. */
static int header_language(const char *cell, char *tag, size_t size)
{
	static const char *const names[][2] = {
		{"chinese", "zh"}, {"english", "en"}, {"french", "fr"}, {"spanish", "es"},
		{"russian", "ru"}, {"arabic", "ar"}, {"german", "de"}, {"italian", "it"},
		{"portuguese", "pt"}, {"japanese", "ja"}, {"korean", "ko"}, {"dutch", "nl"}};
	static const char *const tags[] = {
		"zh", "en", "fr", "es", "ru", "ar", "de", "it", "pt", "ja", "ko", "nl", "sv", "da",
		"no", "nb", "fi", "pl", "cs", "sk", "hu", "ro", "bg", "el", "tr", "uk", "he", "fa",
		"hi", "id", "ms", "th", "vi", "hr", "sr", "sl", "lt", "lv", "et", "ca", "eu", "gl",
		"sw", "ur", "bn", "ta", "zu", "af", "sq", "hy", "ka", "kk", "uz", "mn", NULL};
	while (*cell == ' ')
		cell++;
	size_t n = strcspn(cell, " (");
	char low[32];
	if (n == 0 || n >= sizeof low)
		return 0;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)(cell[i] >= 'A' && cell[i] <= 'Z' ? cell[i] + 32 : cell[i]);
	low[n] = 0;
	for (size_t k = 0; k < sizeof names / sizeof *names; k++)
		if (strcmp(low, names[k][0]) == 0) {
			snprintf(tag, size, "%s", names[k][1]);
			return 1;
		}
	size_t p = strcspn(low, "-_");
	if (p != 2 || cell[n] == '(')
		return 0;
	for (const char *const *t = tags; *t; t++)
		if (memcmp(low, *t, 2) == 0) {
			/* the subtags must look like subtags: en-US, zh-Hans-CN */
			for (size_t i = 2; i < n; i++)
				if (!(low[i] == '-' || low[i] == '_' || (low[i] >= 'a' && low[i] <= 'z') ||
				      (low[i] >= '0' && low[i] <= '9')))
					return 0;
			snprintf(tag, size, "%.*s", (int)n, cell);
			return 1;
		}
	return 0;
}

typedef struct table {
	const char *path;
	const char *s;
	size_t len, pos, line;
	char sep;
	ht_buf store;
	size_t *off, n, cap;
} table;

static const char *cell(const table *t, size_t k) { return t->store.s + t->off[k]; }

static ht_status next_record(table *t, int *got, ht_error *err)
{
	int rc = ht_csv_record(t->s, t->len, &t->pos, t->sep, &t->store, &t->off, &t->n, &t->cap, &t->line);
	if (rc < 0)
		return ht_error_set(err, HT_ERR_DATA, "%s:%zu: quoted field never closed (a '\"' is missing)",
				    t->path, t->line);
	*got = rc;
	return HT_OK;
}

static void trim(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = 0;
	size_t k = strspn(s, " \t");
	if (k)
		memmove(s, s + k, n - k + 1);
}

static ht_status read_table(table *t, const char *from, const char *to, ht_termbase **out,
			    ht_error *err)
{
	int got;
	ht_status st = next_record(t, &got, err);
	if (st || !got)
		return st ? st : ht_error_set(err, HT_ERR_DATA, "%s: empty termbase", t->path);
	/* the header: which columns are languages */
	int *col_lang = ht_xmalloc((t->n + 1) * sizeof *col_lang);
	size_t ncols = t->n, nlang = 0;
	ht_termbase *tb = ht_termbase_new(NULL, 0);
	for (size_t k = 0; k < ncols; k++) {
		char tag[40];
		col_lang[k] = -1;
		if (header_language(cell(t, k), tag, sizeof tag)) {
			col_lang[k] = (int)ht_termbase_add_lang(tb, tag);
			nlang++;
		}
	}
	int header = nlang >= 2;
	if (!header) {
		if (!from || !to) {
			free(col_lang);
			ht_termbase_free(tb);
			return ht_error_set(err, HT_ERR_USAGE,
					    "%s:1: no header row naming the languages: say which they are "
					    "(--from and --to)", t->path);
		}
		ht_termbase_free(tb);
		const char *langs[2] = {from, to};
		tb = ht_termbase_new(langs, 2);
		for (size_t k = 0; k < ncols; k++)
			col_lang[k] = k < 2 ? (int)k : -1;
		t->pos = 0; /* the first row is data */
		t->line = 0;
	}
	while ((st = next_record(t, &got, err)) == HT_OK && got) {
		if (t->n == 1 && !cell(t, 0)[0])
			continue; /* empty line */
		if (!header && t->n < 2) {
			st = ht_error_set(err, HT_ERR_DATA, "%s:%zu: one column only: not a %s termbase",
					  t->path, t->line, t->sep == '\t' ? "TSV" : "CSV");
			break;
		}
		size_t c = SIZE_MAX;
		for (size_t k = 0; k < t->n && k < ncols; k++) {
			char *v = (char *)cell(t, k);
			trim(v);
			if (col_lang[k] < 0 || !*v)
				continue;
			if (c == SIZE_MAX)
				c = ht_termbase_add_concept(tb);
			ht_tb_term term = {.term = v, .origin = HT_TB_TERMBASE};
			ht_termbase_set_term(tb, c, (size_t)col_lang[k], &term);
		}
	}
	free(col_lang);
	if (st != HT_OK) {
		ht_termbase_free(tb);
		return st;
	}
	*out = tb;
	return HT_OK;
}

/* ---- TBX ---- */

typedef struct tbx_reader {
	const char *path;
	ht_error *err;
	int failed;
	ht_termbase *tb;
	size_t entries;
} tbx_reader;

static void on_xml_error(void *ctx, const xmlError *e)
{
	tbx_reader *rd = ctx;
	if (rd->failed || !e || e->level < XML_ERR_ERROR)
		return;
	rd->failed = 1;
	char msg[256];
	snprintf(msg, sizeof msg, "%s", e->message ? e->message : "XML error");
	msg[strcspn(msg, "\n")] = 0;
	ht_error_set(rd->err, HT_ERR_DATA, "%s:%d: %s", rd->path, e->line, msg);
}

static int is_named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static char *node_lang(const xmlNode *n)
{
	xmlChar *l = xmlGetNsProp(n, BAD_CAST "lang", XML_XML_NAMESPACE);
	if (!l)
		l = xmlGetProp(n, BAD_CAST "lang");
	return (char *)l;
}

/* The <term> texts under a language section, in order (tig, ntig/termGrp,
 * termSec). */
static void collect_terms(const xmlNode *n, char ***terms, size_t *nt, size_t *cap)
{
	for (const xmlNode *k = n->children; k; k = k->next) {
		if (is_named(k, "term")) {
			xmlChar *s = xmlNodeGetContent(k);
			if (s && *s) {
				char *v = ht_xstrdup((char *)s);
				trim(v);
				HT_GROW(*terms, *nt + 1, *cap);
				(*terms)[(*nt)++] = v;
			}
			xmlFree(s);
		} else if (k->type == XML_ELEMENT_NODE &&
			   (is_named(k, "tig") || is_named(k, "ntig") || is_named(k, "termGrp") ||
			    is_named(k, "termSec")))
			collect_terms(k, terms, nt, cap);
	}
}

struct lang_terms {
	size_t lang;
	char **terms;
	size_t n, cap;
};

static ht_status read_entry(tbx_reader *rd, xmlNode *entry)
{
	struct lang_terms *ls = NULL;
	size_t nls = 0, cap = 0;
	ht_status st = HT_OK;
	for (xmlNode *k = entry->children; k && st == HT_OK; k = k->next) {
		if (!is_named(k, "langSet") && !is_named(k, "langSec"))
			continue;
		char *lang = node_lang(k);
		if (!lang || !*lang) {
			st = ht_error_set(rd->err, HT_ERR_DATA, "%s:%ld: <%s> without xml:lang: which language?",
					  rd->path, xmlGetLineNo(k), (const char *)k->name);
			xmlFree(lang);
			break;
		}
		HT_GROW(ls, nls + 1, cap);
		ls[nls] = (struct lang_terms){.lang = ht_termbase_add_lang(rd->tb, lang)};
		collect_terms(k, &ls[nls].terms, &ls[nls].n, &ls[nls].cap);
		nls++;
		xmlFree(lang);
	}
	if (st == HT_OK && nls) {
		/* the first term of each language makes the concept; each synonym
		 * a concept of its own with the others' first terms */
		for (size_t a = 0; a < nls; a++)
			for (size_t s = a == 0 ? 0 : 1; s < ls[a].n; s++) {
				if (a > 0 && s == 0)
					continue;
				size_t c = ht_termbase_add_concept(rd->tb);
				for (size_t b = 0; b < nls; b++) {
					size_t pick = b == a ? s : 0;
					if (pick >= ls[b].n)
						continue;
					ht_tb_term t = {.term = ls[b].terms[pick], .origin = HT_TB_TERMBASE};
					ht_termbase_set_term(rd->tb, c, ls[b].lang, &t);
				}
			}
		rd->entries++;
	}
	for (size_t a = 0; a < nls; a++) {
		for (size_t s = 0; s < ls[a].n; s++)
			free(ls[a].terms[s]);
		free(ls[a].terms);
	}
	free(ls);
	return st;
}

static ht_status read_tbx_stream(tbx_reader *rd, xmlTextReaderPtr r)
{
	int ret = xmlTextReaderRead(r);
	while (ret == 1 && !rd->failed) {
		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT) {
			const char *name = (const char *)xmlTextReaderConstLocalName(r);
			if (xmlTextReaderDepth(r) == 0 && strcmp(name, "martif") != 0 && strcmp(name, "tbx") != 0)
				return ht_error_set(rd->err, HT_ERR_DATA,
						    "%s:%ld: not a TBX termbase (root element <%s>, not <tbx> or <martif>)",
						    rd->path, xmlGetLineNo(xmlTextReaderCurrentNode(r)), name);
			if (strcmp(name, "termEntry") == 0 || strcmp(name, "conceptEntry") == 0) {
				xmlNode *e = xmlTextReaderExpand(r);
				if (!e)
					break;
				ht_status st = read_entry(rd, e);
				if (st != HT_OK)
					return st;
				ret = xmlTextReaderNext(r);
				continue;
			}
		}
		ret = xmlTextReaderRead(r);
	}
	if (ret != 0 || rd->failed) {
		if (!rd->failed)
			ht_error_set(rd->err, HT_ERR_DATA, "%s:%d: cannot parse the TBX", rd->path,
				     xmlTextReaderGetParserLineNumber(r));
		return HT_ERR_DATA;
	}
	if (ht_termbase_lang_count(rd->tb) == 0)
		return ht_error_set(rd->err, HT_ERR_DATA, "%s: a TBX without languages (no langSet or langSec "
							  "with xml:lang)", rd->path);
	return HT_OK;
}

static ht_status read_tbx(const char *path, ht_termbase **out, ht_error *err)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return ht_error_set(err, HT_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
	tbx_reader rd = {.path = path, .err = err, .tb = ht_termbase_new(NULL, 0)};
	/* no entity expansion, no DTD, no network */
	xmlTextReaderPtr r = xmlReaderForFd(fileno(fp), path, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	if (!r) {
		fclose(fp);
		ht_termbase_free(rd.tb);
		return ht_error_set(err, HT_ERR_IO, "%s: cannot start the XML reader", path);
	}
	xmlTextReaderSetStructuredErrorHandler(r, (xmlStructuredErrorFunc)on_xml_error, &rd);
	ht_status st = read_tbx_stream(&rd, r);
	xmlFreeTextReader(r);
	fclose(fp);
	if (st != HT_OK) {
		ht_termbase_free(rd.tb);
		return st;
	}
	*out = rd.tb;
	return HT_OK;
}

/* ---- which format ---- */

static int has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	if (n < m)
		return 0;
	for (size_t i = 0; i < m; i++) {
		char c = s[n - m + i];
		if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != suf[i])
			return 0;
	}
	return 1;
}

ht_status ht_termbase_read(const char *path, const char *from, const char *to, ht_termbase **out,
			   ht_error *err)
{
	*out = NULL;
	struct stat sb;
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		return ht_error_set(err, HT_ERR_IO, "%s: cannot read: %s", path, strerror(EISDIR));
	ht_buf text = HT_BUF_INIT;
	ht_status st = ht_text_read(path, &text, NULL, err);
	if (st != HT_OK) {
		ht_buf_release(&text);
		return st;
	}
	size_t i = strspn(text.s, " \t\r\n");
	if (text.s[i] == '<') {
		ht_buf_release(&text);
		return read_tbx(path, out, err);
	}
	/* a table: tab-separated when its first line has a tab, else CSV */
	size_t eol = strcspn(text.s, "\n");
	int tsv = memchr(text.s, '\t', eol) != NULL;
	int csv = !tsv && memchr(text.s, ',', eol) != NULL;
	if (!tsv && !csv) {
		st = ht_error_set(err, HT_ERR_DATA, "%s:1: not a termbase: neither TBX (XML) nor a TSV or CSV "
						  "table with two columns or more", path);
		ht_buf_release(&text);
		return st;
	}
	if (csv && has_suffix(path, ".tsv")) {
		st = ht_error_set(err, HT_ERR_DATA, "%s:1: no tab in the first line of a .tsv termbase", path);
		ht_buf_release(&text);
		return st;
	}
	table t = {.path = path, .s = text.s, .len = text.len, .sep = tsv ? '\t' : ','};
	ht_buf_init(&t.store);
	st = read_table(&t, from, to, out, err);
	ht_buf_release(&t.store);
	free(t.off);
	ht_buf_release(&text);
	return st;
}
