/* Reading dictionary files: CC-CEDICT (cedict_ts.u8), "source<TAB>target"
 * lists and dictd dictionaries (FreeDict's .index + .dict.dz), each into the
 * one builder of dict.c.  A file that is none of these is "not a
 * dictionary"; a line that breaks the format it started with is named by
 * file and line. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "lexicon/dict-internal.h"

static int starts_with(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	return n >= k && memcmp(s, prefix, k) == 0;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* The whole file, gzip-compressed (dictzip is gzip) or not, into out. */
static ht_status read_maybe_gzip(const char *path, ht_buf *out, ht_error *err)
{
	gzFile gz = gzopen(path, "rb");
	if (!gz)
		return ht_error_set(err, HT_ERR_IO, "%s: cannot open", path);
	gzbuffer(gz, 1 << 16);
	for (;;) {
		ht_buf_grow(out, 1 << 16);
		int n = gzread(gz, out->s + out->len, 1 << 16);
		if (n < 0) {
			int code;
			const char *msg = gzerror(gz, &code);
			gzclose(gz);
			return ht_error_set(err, code == Z_ERRNO ? HT_ERR_IO : HT_ERR_DATA, "%s: %s", path,
					    code == Z_ERRNO ? "read error" : msg);
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		out->s[out->len] = '\0';
	}
	gzclose(gz);
	return HT_OK;
}

/* ---- CC-CEDICT and TSV ---- */

enum text_format { FMT_UNKNOWN, FMT_CEDICT, FMT_TSV };

/* A CEDICT gloss as a translation of the entry: parenthesised notes
 * dropped, spaces squeezed; cross-references and classifiers are not
 * translations.  The cleaned gloss is never longer than the gloss, so it is
 * written straight into the targets arena. */
static void add_gloss(dict_builder *b, const char *g, size_t n)
{
	if (starts_with(g, n, "CL:") || starts_with(g, n, "variant of") ||
	    starts_with(g, n, "old variant of") || starts_with(g, n, "see ") ||
	    starts_with(g, n, "used in ") || starts_with(g, n, "surname "))
		return;
	char *out = dict_entry_target_room(b, n);
	size_t len = 0;
	int depth = 0;
	for (size_t i = 0; i < n; i++) {
		char c = g[i];
		if (c == '(' || c == '[')
			depth++;
		else if ((c == ')' || c == ']') && depth > 0)
			depth--;
		else if (!depth) {
			if (c == ' ' && (!len || out[len - 1] == ' '))
				continue;
			out[len++] = c;
		}
	}
	while (len && out[len - 1] == ' ')
		len--;
	dict_entry_target_end(b, len);
}

/* The parts of a CEDICT line "TRAD SIMP [PIN1 YIN1] /gloss/gloss/": 0 when
 * it is not one. */
typedef struct cedict_line {
	const char *trad, *simp, *glosses, *end;
	size_t tradlen, simplen;
} cedict_line;

static int split_cedict(const char *s, size_t n, cedict_line *c)
{
	const char *end = s + n;
	const char *sp1 = memchr(s, ' ', n);
	const char *sp2 = sp1 ? memchr(sp1 + 1, ' ', (size_t)(end - sp1 - 1)) : NULL;
	const char *lb = sp2 ? memchr(sp2, '[', (size_t)(end - sp2)) : NULL;
	const char *rb = lb ? memchr(lb, ']', (size_t)(end - lb)) : NULL;
	const char *sl = rb ? memchr(rb, '/', (size_t)(end - rb)) : NULL;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (!sp1 || sp1 == s || !sp2 || sp2 == sp1 + 1 || !lb || !rb || !sl || end[-1] != '/' ||
	    end - sl < 2)
		return 0;
	*c = (cedict_line){s, sp1 + 1, sl + 1, end, (size_t)(sp1 - s), (size_t)(sp2 - sp1 - 1)};
	return 1;
}

/* The glosses are cleaned once, for both headwords. */
static ht_status parse_cedict_line(dict_builder *b, const char *path, size_t lineno, const char *s,
				   size_t n, ht_error *err)
{
	cedict_line c;
	if (!split_cedict(s, n, &c))
		return ht_error_set(err, HT_ERR_DATA,
				    "%s:%zu: not a CC-CEDICT entry (TRAD SIMP [pinyin] /gloss/)", path,
				    lineno);
	int same = c.tradlen == c.simplen && memcmp(c.trad, c.simp, c.tradlen) == 0;
	dict_entry_key(b, 0, c.simp, c.simplen);
	if (!same)
		dict_entry_key(b, 1, c.trad, c.tradlen);
	for (const char *g = c.glosses; g < c.end;) {
		const char *e = memchr(g, '/', (size_t)(c.end - g));
		if (!e)
			e = c.end;
		add_gloss(b, g, (size_t)(e - g));
		g = e + 1;
	}
	uint32_t simp_id = dict_entry_commit(b, 0);
	/* a traditional form that folds to the simplified key would only
	 * repeat its translations */
	if (!same && simp_id != NO_KEY && dict_side_key_id(b, 1) != simp_id)
		dict_entry_commit(b, 1);
	return HT_OK;
}

/* "source<TAB>target[<TAB>anything]" */
static ht_status parse_tsv_line(dict_builder *b, const char *path, size_t lineno, const char *s, size_t n,
				ht_error *err)
{
	const char *tab = memchr(s, '\t', n);
	if (!tab)
		return ht_error_set(err, HT_ERR_DATA, "%s:%zu: no TAB between source and target", path,
				    lineno);
	const char *t = tab + 1;
	const char *tend = memchr(t, '\t', (size_t)(s + n - t));
	if (!tend)
		tend = s + n;
	if (tab == s || tend == t)
		return ht_error_set(err, HT_ERR_DATA, "%s:%zu: empty %s", path, lineno,
				    tab == s ? "source" : "target");
	dict_entry_key(b, 0, s, (size_t)(tab - s));
	dict_entry_target(b, t, (size_t)(tend - t));
	dict_entry_commit(b, 0);
	return HT_OK;
}

/* The format the first entry line shows: TSV with a TAB, CEDICT in its
 * shape, else none (not a dictionary). */
static enum text_format sniff_line(const char *s, size_t n)
{
	cedict_line c;
	if (memchr(s, '\t', n))
		return FMT_TSV;
	return split_cedict(s, n, &c) ? FMT_CEDICT : FMT_UNKNOWN;
}

static ht_status parse_lines(dict_builder *b, const char *path, const ht_buf *text,
			     enum text_format *fmt, ht_error *err)
{
	enum text_format format = FMT_UNKNOWN; /* fixed by the first entry line */
	size_t lineno = 0;
	for (size_t at = 0; at < text->len;) {
		const char *s = text->s + at;
		const char *nl = memchr(s, '\n', text->len - at);
		size_t n = nl ? (size_t)(nl - s) : text->len - at;
		at += n + 1;
		lineno++;
		if (n == 0 || (format != FMT_TSV && s[0] == '#'))
			continue;
		if (format == FMT_UNKNOWN) {
			format = sniff_line(s, n);
			if (format == FMT_UNKNOWN)
				return ht_error_set(err, HT_ERR_DATA,
						    "%s: not a dictionary (line %zu is neither CC-CEDICT "
						    "'TRAD SIMP [pinyin] /gloss/' nor 'source<TAB>target'; "
						    "a dictd dictionary is read from its .index)",
						    path, lineno);
			dict_set_source(b->d, format == FMT_CEDICT ? "CC-CEDICT" : NULL, path);
			dict_set_name(b->d, format == FMT_CEDICT ? "CC-CEDICT" : path);
			*fmt = format;
		}
		ht_status st = format == FMT_CEDICT ? parse_cedict_line(b, path, lineno, s, n, err)
						    : parse_tsv_line(b, path, lineno, s, n, err);
		if (st != HT_OK)
			return st;
	}
	if (!b->d->source)
		dict_set_source(b->d, NULL, path);
	return HT_OK;
}

/* How many of the bytes of s[0..n) are '/' and how many '\n': in blocks of
 * 64 with a byte-wide count each, which the compiler makes vector compares
 * (ten times as fast as the plain loop on a 9 MB dictionary). */
static void count_slashes_lines(const char *s, size_t n, size_t *slashes, size_t *lines)
{
	size_t i = 0;
	*slashes = *lines = 0;
	for (; i + 64 <= n; i += 64) {
		unsigned char block_slashes = 0, block_lines = 0;
		for (size_t k = 0; k < 64; k++) {
			block_slashes += s[i + k] == '/';
			block_lines += s[i + k] == '\n';
		}
		*slashes += block_slashes;
		*lines += block_lines;
	}
	for (; i < n; i++) {
		*slashes += s[i] == '/';
		*lines += s[i] == '\n';
	}
}

/* Binary data (NUL bytes, or not UTF-8 at the start): not a dictionary, said
 * so rather than as a byte offset. */
static int looks_binary(const ht_buf *raw)
{
	size_t head = raw->len < 4096 ? raw->len : 4096;
	return memchr(raw->s, '\0', head) != NULL || ht_utf8_valid_prefix(raw->s, head) + 4 < head;
}

static ht_status load_text(const char *path, const char *from, const char *to, ht_dict **out,
			   ht_error *err)
{
	ht_buf raw = HT_BUF_INIT, text = HT_BUF_INIT;
	ht_status st = read_maybe_gzip(path, &raw, err);
	if (st == HT_OK && looks_binary(&raw))
		st = ht_error_set(err, HT_ERR_DATA, "%s: not a dictionary (binary data)", path);
	if (st == HT_OK)
		st = ht_text_decode(path, raw.s, raw.len, &text, NULL, err);
	ht_buf_release(&raw);
	if (st != HT_OK) {
		ht_buf_release(&text);
		return st;
	}
	ht_dict *d = dict_new(from ? from : "zh", to ? to : "en");
	/* room for every pair the text can give (a CEDICT gloss ends at a '/'
	 * and gives at most two pairs; a TSV line one), two headwords a line,
	 * and translations no longer than the text */
	size_t slashes, lines;
	count_slashes_lines(text.s, text.len, &slashes, &lines);
	dict_builder b;
	dict_builder_init(&b, d, 2 * (lines + 1), 2 * slashes + lines + 1, text.len);
	enum text_format format = FMT_UNKNOWN;
	st = parse_lines(&b, path, &text, &format, err);
	ht_buf_release(&text);
	if (format == FMT_CEDICT && !(dict_lang_same(d->from, "zh") && dict_lang_same(d->to, "en")))
		dict_set_langs(d, "zh", "en"); /* CC-CEDICT is zh -> en, whatever the pair */
	if (st == HT_OK)
		dict_builder_finish(&b);
	dict_builder_release(&b);
	if (st != HT_OK) {
		ht_dict_free(d);
		return st;
	}
	*out = d;
	return HT_OK;
}

/* ---- dictd (FreeDict) ---- */

#define MAX_GLOSS_WORDS 5 /* a longer "translation" is a definition or a note */

/* dictd's base-64 numbers: "LNK" = 11 * 4096 + 13 * 64 + 10. */
static int b64_number(const char *s, size_t n, uint64_t *out)
{
	static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	uint64_t v = 0;
	if (!n || n > 10)
		return 0;
	for (size_t i = 0; i < n; i++) {
		const char *p = s[i] ? strchr(digits, s[i]) : NULL;
		if (!p)
			return 0;
		v = v * 64 + (uint64_t)(p - digits);
	}
	*out = v;
	return 1;
}

static size_t count_words(const char *s, size_t n)
{
	size_t words = 0;
	for (size_t i = 0; i < n; i++)
		words += s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
	return words;
}

/* One translation of a dictd definition: pronunciations (/.../), parts of
 * speech (<...>) and notes in brackets dropped, spaces squeezed; kept when
 * it has at most MAX_GLOSS_WORDS words. */
static void add_dictd_item(dict_builder *b, const char *s, size_t n)
{
	char *out = dict_entry_target_room(b, n);
	size_t len = 0;
	int depth = 0, slash = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '(' || c == '[' || c == '<')
			depth++;
		else if ((c == ')' || c == ']' || c == '>') && depth > 0)
			depth--;
		else if (c == '/' && !depth && (slash || (i + 1 < n && s[i + 1] != ' ')))
			slash = !slash; /* a pronunciation, /.../ */
		else if (!depth && !slash) {
			if ((c == ' ' || c == '\t') && (!len || out[len - 1] == ' '))
				continue;
			out[len++] = c == '\t' ? ' ' : c;
		}
	}
	while (len && out[len - 1] == ' ')
		len--;
	if (count_words(out, len) > MAX_GLOSS_WORDS)
		len = 0;
	dict_entry_target_end(b, len);
}

/* Where a sense number ends a line ("maison 2.", or " 3." alone): the
 * length before it, else n. */
static size_t before_sense_number(const char *s, size_t n)
{
	if (!n || s[n - 1] != '.')
		return n;
	size_t k = n - 1;
	while (k && s[k - 1] >= '0' && s[k - 1] <= '9')
		k--;
	if (k == n - 1 || (k && s[k - 1] != ' ' && s[k - 1] != '\t'))
		return n;
	while (k && (s[k - 1] == ' ' || s[k - 1] == '\t'))
		k--;
	return k;
}

/* A line of a definition: "1. a, b; c" gives a, b and c, but not a note
 * ("Zoologie: die Säugetierart ...").  Returns 1 when a sense number ends
 * the line: what follows it is then that sense's definition (wikdict's
 * layout: "maison 2." / a definition / " 3." / a definition). */
static int add_dictd_line(dict_builder *b, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	size_t d = 0;
	while (d < n && s[d] >= '0' && s[d] <= '9')
		d++;
	if (d && d < n && s[d] == '.' && (d + 1 == n || s[d + 1] == ' ')) {
		if (d + 1 == n)
			return 1; /* a sense number alone */
		s += d + 1;
		n -= d + 1;
	}
	size_t e = before_sense_number(s, n);
	int numbered = e < n;
	n = e;
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	const char *colon = memchr(s, ':', n);
	if (colon && colon + 1 < s + n && colon[1] == ' ' && !memchr(s, ' ', (size_t)(colon - s)))
		return numbered;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && !((s[j] == ',' || s[j] == ';') && (j + 1 == n || s[j + 1] == ' ')))
			j++;
		if (j > i)
			add_dictd_item(b, s + i, j - i);
		i = j + 1;
	}
	return numbered;
}

/* The definition of one headword: its first line repeats the headword.  In
 * wikdict's dictionaries (FreeDict's deu-fra and others made from
 * Wiktionary) each line of translations is followed by a definition in the
 * source language. */
static void add_dictd_entry(dict_builder *b, const char *def, size_t n, int wikdict)
{
	if (!n)
		return;
	const char *nl = memchr(def, '\n', n);
	size_t at = nl ? (size_t)(nl - def) + 1 : n;
	int definition = 0; /* the line is a definition, not translations */
	while (at < n) {
		const char *e = memchr(def + at, '\n', n - at);
		size_t len = e ? (size_t)(e - def) - at : n - at;
		if (definition) /* skipped, but it may end with the next sense number */
			definition = before_sense_number(def + at, len) < len;
		else
			definition = add_dictd_line(b, def + at, len) || wikdict;
		at += len + 1;
	}
}

/* Whether the dictionary's description (the entry 00databaseinfo) says it
 * was made by wikdict. */
static int made_by_wikdict(const ht_buf *index, const ht_buf *data)
{
	static const char key[] = "\n00databaseinfo\t";
	const char *p = starts_with(index->s, index->len, key + 1) ? index->s - 1 : strstr(index->s, key);
	uint64_t off, len;
	if (!p)
		return 0;
	p += strlen(key);
	const char *t = strchr(p, '\t'), *e = t ? strchr(t, '\n') : NULL;
	if (!t || !e || !b64_number(p, (size_t)(t - p), &off) || !b64_number(t + 1, (size_t)(e - t - 1), &len) ||
	    off > data->len || len > data->len - off)
		return 0;
	for (size_t i = 0; i + 7 <= len; i++)
		if (memcmp(data->s + off + i, "wikdict", 7) == 0)
			return 1;
	return 0;
}

/* "headword<TAB>offset<TAB>length" in base 64, one a line. */
static ht_status parse_dictd_index(dict_builder *b, const char *ipath, const ht_buf *index,
				   const char *dpath, const ht_buf *data, ht_buf *def, ht_error *err)
{
	size_t lineno = 0;
	int wikdict = made_by_wikdict(index, data);
	ht_status st;
	for (size_t at = 0; at < index->len;) {
		const char *s = index->s + at;
		const char *nl = memchr(s, '\n', index->len - at);
		size_t n = nl ? (size_t)(nl - s) : index->len - at;
		at += n + 1;
		lineno++;
		if (!n)
			continue;
		const char *t1 = memchr(s, '\t', n);
		const char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(s + n - t1 - 1)) : NULL;
		const char *t3 = t2 ? memchr(t2 + 1, '\t', (size_t)(s + n - t2 - 1)) : NULL;
		uint64_t off, len;
		if (t1 == s)
			continue; /* an empty headword (dictfmt writes one) */
		if (!t1 || !t2 || !b64_number(t1 + 1, (size_t)(t2 - t1 - 1), &off) ||
		    !b64_number(t2 + 1, (size_t)((t3 ? t3 : s + n) - t2 - 1), &len))
			return ht_error_set(err, HT_ERR_DATA,
					    lineno == 1 ? "%s: not a dictionary (line %zu is not a dictd "
							  "index entry: headword<TAB>offset<TAB>length)"
							: "%s:%zu: not a dictd index entry "
							  "(headword<TAB>offset<TAB>length)",
					    ipath, lineno);
		if (off > data->len || len > data->len - off)
			return ht_error_set(err, HT_ERR_DATA, "%s:%zu: entry past the end of %s (%zu bytes)",
					    ipath, lineno, dpath, data->len);
		if (starts_with(s, (size_t)(t1 - s), "00database") || starts_with(s, (size_t)(t1 - s), "00-database"))
			continue; /* the dictionary's own description */
		/* offsets count the bytes of the file: each definition is checked
		 * and normalised (NFC) alone */
		ht_buf_reset(def);
		st = ht_text_decode(dpath, data->s + off, len, def, NULL, err);
		if (st != HT_OK)
			return ht_error_set(err, HT_ERR_DATA, "%s: byte %llu: the definition of line %zu of %s is not UTF-8 text",
					    dpath, (unsigned long long)off, lineno, ipath);
		dict_entry_key(b, 0, s, (size_t)(t1 - s));
		add_dictd_entry(b, def->s, def->len, wikdict);
		dict_entry_commit(b, 0);
	}
	return HT_OK;
}

/* The data file next to an index: NAME.dict.dz, else NAME.dict. */
static char *dictd_data_path(const char *index)
{
	size_t stem = strlen(index) - strlen(".index");
	ht_buf p = HT_BUF_INIT;
	ht_buf_add(&p, index, stem);
	ht_buf_adds(&p, ".dict.dz");
	FILE *fp = fopen(p.s, "rb");
	if (fp)
		fclose(fp);
	else
		ht_buf_truncate(&p, p.len - 3);
	return ht_buf_detach(&p, NULL);
}

ht_status dict_load_dictd(const char *index, const char *from, const char *to, ht_dict **out,
			  ht_error *err)
{
	*out = NULL;
	char *dpath = dictd_data_path(index);
	ht_buf itext = HT_BUF_INIT, data = HT_BUF_INIT, def = HT_BUF_INIT;
	ht_status st = ht_text_read(index, &itext, NULL, err);
	if (st == HT_OK)
		st = read_maybe_gzip(dpath, &data, err);
	ht_dict *d = NULL;
	if (st == HT_OK) {
		d = dict_new(from, to);
		size_t lines = 1;
		for (size_t i = 0; i < itext.len; i++)
			lines += itext.s[i] == '\n';
		dict_builder b;
		dict_builder_init(&b, d, lines, 2 * lines, data.len);
		st = parse_dictd_index(&b, index, &itext, dpath, &data, &def, err);
		if (st == HT_OK)
			dict_builder_finish(&b);
		dict_builder_release(&b);
	}
	if (st == HT_OK) {
		char lf[8], lt[8];
		const char *base = ht_path_base(index);
		ht_buf name = HT_BUF_INIT;
		if (dict_freedict_langs(index, lf, lt))
			ht_buf_addf(&name, "FreeDict %.*s", (int)(strlen(base) - 9 - 6), base + 9);
		else
			ht_buf_adds(&name, "dictd");
		dict_set_source(d, name.s, index);
		dict_set_name(d, name.s);
		ht_buf_release(&name);
	}
	ht_buf_release(&itext);
	ht_buf_release(&data);
	ht_buf_release(&def);
	free(dpath);
	if (st != HT_OK) {
		ht_dict_free(d);
		return st;
	}
	*out = d;
	return HT_OK;
}

/* A dictd file of FreeDict says its languages in its name
 * (freedict-eng-fra.index): they win over the caller's. */
static ht_status load_dictd_named(const char *index, const char *from, const char *to, ht_dict **out,
				  ht_error *err)
{
	char lf[8], lt[8];
	if (dict_freedict_langs(index, lf, lt))
		from = lf, to = lt;
	return dict_load_dictd(index, from ? from : "zh", to ? to : "en", out, err);
}

ht_status ht_dict_load(const char *path, const char *from, const char *to, ht_dict **out,
		       ht_error *err)
{
	*out = NULL;
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return ht_error_set(err, HT_ERR_IO, "%s: %s", path, strerror(errno));
	fclose(fp);
	if (ends_with(path, ".index"))
		return load_dictd_named(path, from, to, out, err);
	if (ends_with(path, ".dict.dz") || ends_with(path, ".dict")) {
		ht_buf index = HT_BUF_INIT;
		ht_buf_add(&index, path, strlen(path) - (ends_with(path, ".dz") ? 8 : 5));
		ht_buf_adds(&index, ".index");
		ht_status st = load_dictd_named(index.s, from, to, out, err);
		ht_buf_release(&index);
		return st;
	}
	return load_text(path, from, to, out, err);
}
