/* `hutong terms`: ranked term candidates of texts in one language. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "common/util.h"
#include "hutong/dict.h"
#include "hutong/segment.h"
#include "hutong/termbase.h"
#include "hutong/terms.h"

const char ht_usage_terms[] =
	"usage: hutong terms [OPTIONS] FILE...\n"
	"\n"
	"Rank the term candidates of texts in one language (zh en fr es ru ar):\n"
	"Chinese character n-grams and word n-grams of the other languages, bounded\n"
	"by punctuation, numbers and function words, filtered against fragments and\n"
	"scored for termhood (C-value, branching entropy).  Inflected forms of one\n"
	"term are grouped (light stemming in ru/ar, plurals in en/fr/es); the form\n"
	"shown is the most frequent one.\n"
	"\n"
	"  -l, --lang L        language of the files (default: from the first file's\n"
	"                      name, NAME.zh.txt, or its script)\n"
	"  -n, --limit N       show the N best candidates (default 50; 0: all)\n"
	"  -m, --min-freq N    ignore candidates seen fewer than N times (default 2)\n"
	"  -i, --input MODE    auto, pdftext, html, lines, paragraphs or tsv (default\n"
	"                      auto; a .tsv file with a header row naming language\n"
	"                      columns, like the SDG tables, gives the column of L)\n"
	"  -f, --format F      tsv (default) or jsonl (also for -o NAME.jsonl)\n"
	"  -d, --dict DICT     a dictionary of the language's words ('cedict' or a\n"
	"                      file: CC-CEDICT for Chinese): its words may carry a\n"
	"                      function character at a candidate's edge (optional;\n"
	"                      built-in rules otherwise)\n"
	"      --termbase FILE known terms (TBX, or TSV/CSV whose header names the\n"
	"                      language columns): each one the text contains is listed,\n"
	"                      even when it occurs once, and marked \"termbase\"\n"
	"  -o, --output FILE   write there (atomically) instead of stdout\n"
	"      --repair        replace invalid bytes by U+FFFD instead of stopping\n"
	"      --encoding ENC  the files are in ENC (GB18030, Big5, windows-1252 ...)\n"
	"  -q, --quiet         no warnings on stderr\n"
	"  -h, --help          show this help\n"
	"\n"
	"TSV output, one candidate a line, best first, no header:\n"
	"  term  frequency  score  document  unit  [termbase]\n"
	"where document and unit (a paragraph id such as p12, or a TSV row's key)\n"
	"locate one example; with --termbase a sixth column says \"termbase\" for\n"
	"the known terms (JSONL: \"termbase\": true).  JSONL adds the rank, the match key, the length and the\n"
	"number of units the term occurs in.\n"
	"Example: hutong terms corpora/A_RES_76_295.zh.txt --limit 30\n";

enum { MODE_TSV = 100 };

struct terms_opts {
	const char *lang, *output, *dict, *termbase;
	size_t limit, min_freq;
	int mode, format;
	ht_cli_reading reading;
	int first; /* argv index of the first file */
};

enum { FMT_TSV, FMT_JSONL };
static const ht_cli_choice formats[] = {
	{"tsv", FMT_TSV, ".tsv"}, {"jsonl", FMT_JSONL, ".jsonl"}, {NULL, 0, NULL}};
/* beside the readers' modes: a table with a column per language */
static const ht_cli_choice tsv_input[] = {{"tsv", MODE_TSV, NULL}, {NULL, 0, NULL}};

static int parse_opts(int argc, char **argv, struct terms_opts *o)
{
	*o = (struct terms_opts){.output = "-", .limit = 50, .min_freq = 2, .mode = HT_INPUT_AUTO,
				 .format = -1};
	const ht_cli_option opts[] = {
		HT_OPT_LANG(&o->lang),
		HT_OPT_LIMIT(&o->limit),
		HT_OPT_MIN_FREQ(&o->min_freq),
		HT_OPT_INPUT(&o->mode, tsv_input),
		HT_OPT_FORMAT(&o->format, formats),
		HT_OPT_OUTPUT(&o->output),
		HT_OPT_DICT(&o->dict),
		HT_OPT_TERMBASE(&o->termbase),
		HT_OPT_REPAIR(&o->reading.repair),
		HT_OPT_ENCODING(&o->reading.encoding),
	};
	int rc = HT_CLI_PARSE("terms", opts, argc, argv, &o->first);
	if (rc)
		return rc;
	if (o->first >= argc)
		return ht_cli_usage_error("terms", "no input file");
	return ht_cli_output_format("terms", o->output, formats, FMT_TSV, &o->format);
}

/* ---- reading units ---- */

static int ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n >= m && strcmp(s + n - m, suf) == 0;
}

/* The text of line `line` (without its newline) and the start of the next. */
static size_t line_end(const char *s, size_t len, size_t at)
{
	const char *nl = memchr(s + at, '\n', len - at);
	return nl ? (size_t)(nl - s) : len;
}

/* A TSV table whose header row names language columns (key zh en ...):
 * every row is a unit named by its first field. */
static ht_status add_tsv(ht_termset *ts, const char *name, const char *s, size_t len,
			 const char *lang, ht_error *err)
{
	size_t end = line_end(s, len, 0);
	int col = -1, k = 0;
	for (size_t a = 0; a <= end;) {
		size_t b = a;
		while (b < end && s[b] != '\t')
			b++;
		if (b - a == strlen(lang) && memcmp(s + a, lang, b - a) == 0)
			col = k;
		k++;
		a = b + 1;
	}
	if (col < 0)
		return ht_error_set(err, HT_ERR_DATA, "%s:1: no column '%s' in the header row", name, lang);
	size_t lineno = 1;
	for (size_t at = end + 1; at < len; at = end + 1) {
		end = line_end(s, len, at);
		lineno++;
		if (end == at)
			continue;
		size_t a = at, key_end = at;
		while (key_end < end && s[key_end] != '\t')
			key_end++;
		for (int f = 0; f < col && a <= end; f++) {
			while (a < end && s[a] != '\t')
				a++;
			a++;
		}
		if (a > end)
			return ht_error_set(err, HT_ERR_DATA, "%s:%zu: row has no column %d", name, lineno, col + 1);
		size_t b = a;
		while (b < end && s[b] != '\t')
			b++;
		char *key = ht_xstrndup(s + at, key_end - at);
		ht_termset_add_text(ts, s + a, b - a, name, key);
		free(key);
	}
	return HT_OK;
}

static int is_tsv(const char *path, const struct terms_opts *o)
{
	return o->mode == MODE_TSV || (o->mode == HT_INPUT_AUTO && ends_with(path, ".tsv"));
}

struct terms_input {
	const ht_dict *dict;
	const ht_termbase *known;
	const char *known_path;
};

/* The term set, made on the first file in its language, with the known
 * terms of that language. */
static ht_status new_termset(ht_termset **out, const char *lang, const struct terms_input *in,
			     ht_error *err)
{
	int l = in->known ? ht_termbase_lang_index(in->known, lang) : -1;
	if (in->known && l < 0) {
		ht_buf langs = HT_BUF_INIT;
		for (size_t i = 0; i < ht_termbase_lang_count(in->known); i++)
			ht_buf_addf(&langs, "%s%s", i ? ", " : "", ht_termbase_lang(in->known, i));
		ht_status st = ht_error_set(err, HT_ERR_DATA, "%s: the termbase has no '%s' terms (its languages: %s)",
					    in->known_path, lang, langs.s);
		ht_buf_release(&langs);
		return st;
	}
	ht_termset *ts = ht_termset_new(lang);
	ht_termset_set_dict(ts, in->dict);
	for (size_t c = 0; in->known && c < ht_termbase_count(in->known); c++) {
		const ht_tb_term *t = ht_termbase_term(in->known, c, (size_t)l);
		if (t)
			ht_termset_add_known(ts, t->term, c);
	}
	*out = ts;
	return HT_OK;
}

/* Add the paragraphs of one file to the term set, made on the first file
 * in the language given or found by the segmenter (file name, script). */
static ht_status add_file(ht_termset **ts, const char *path, const char *text, size_t len,
			  const struct terms_opts *o, const struct terms_input *in, ht_error *err)
{
	const char *lang = *ts ? ht_termset_lang(*ts) : o->lang;
	if (is_tsv(path, o)) {
		if (!lang)
			return ht_error_set(err, HT_ERR_USAGE, "%s: a table of several languages: give --lang",
					    path);
		if (!*ts && new_termset(ts, lang, in, err) != HT_OK)
			return HT_ERR_DATA;
		return add_tsv(*ts, path, text, len, lang, err);
	}
	ht_doc *doc = NULL;
	ht_status st = ht_doc_segment(text, len, path, lang, (ht_input_mode)o->mode, &doc, err);
	if (st != HT_OK)
		return st;
	if (!*ts) {
		if (strcmp(ht_doc_lang(doc), "und") == 0) {
			ht_doc_free(doc);
			return ht_error_set(err, HT_ERR_USAGE, "%s: cannot tell the language: give --lang", path);
		}
		if (new_termset(ts, ht_doc_lang(doc), in, err) != HT_OK) {
			ht_doc_free(doc);
			return HT_ERR_DATA;
		}
	}
	for (size_t i = 0; i < ht_doc_para_count(doc); i++) {
		const ht_para *p = ht_doc_para(doc, i);
		ht_termset_add_text(*ts, ht_para_text(p), ht_para_text_len(p), path, ht_para_id(p));
	}
	ht_doc_free(doc);
	return HT_OK;
}

/* ---- output ---- */

static void write_tsv(const ht_termset *ts, size_t i, int marks, ht_buf *b)
{
	const char *doc = ht_termset_example_doc(ts, i), *unit = ht_termset_example_unit(ts, i);
	ht_buf_addf(b, "%s\t%zu\t%.2f\t%s\t%s", ht_termset_term(ts, i), ht_termset_freq(ts, i),
		    ht_termset_score(ts, i), doc ? doc : "", unit ? unit : "");
	if (marks)
		ht_buf_adds(b, ht_termset_known(ts, i) != SIZE_MAX ? "\ttermbase" : "\t");
	ht_buf_addc(b, '\n');
}

static void write_jsonl(const ht_termset *ts, size_t i, int marks, ht_buf *b)
{
	const char *term = ht_termset_term(ts, i), *key = ht_termset_key(ts, i);
	const char *doc = ht_termset_example_doc(ts, i), *unit = ht_termset_example_unit(ts, i);
	size_t n_units;
	ht_termset_units(ts, i, &n_units);
	ht_buf_addf(b, "{\"rank\":%zu,\"term\":", i + 1);
	ht_json_add_str(b, term, strlen(term));
	ht_buf_adds(b, ",\"key\":");
	ht_json_add_str(b, key, strlen(key));
	ht_buf_addf(b, ",\"length\":%zu,\"freq\":%zu,\"units\":%zu,\"score\":%.4f,\"example\":{\"doc\":",
		    ht_termset_length(ts, i), ht_termset_freq(ts, i), n_units, ht_termset_score(ts, i));
	if (doc)
		ht_json_add_str(b, doc, strlen(doc));
	else
		ht_buf_adds(b, "null");
	ht_buf_adds(b, ",\"unit\":");
	if (unit)
		ht_json_add_str(b, unit, strlen(unit));
	else
		ht_buf_adds(b, "null");
	ht_buf_adds(b, "}");
	if (marks)
		ht_buf_addf(b, ",\"termbase\":%s", ht_termset_known(ts, i) != SIZE_MAX ? "true" : "false");
	ht_buf_adds(b, "}\n");
}

static int write_output(const ht_termset *ts, const struct terms_opts *o)
{
	ht_error err = {0};
	ht_outfile of;
	if (ht_outfile_open(&of, o->output, &err) != HT_OK)
		return ht_cli_fail(&err);
	size_t n = ht_termset_count(ts);
	if (o->limit && o->limit < n)
		n = o->limit;
	ht_buf b = HT_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		ht_buf_reset(&b);
		(o->format == FMT_JSONL ? write_jsonl : write_tsv)(ts, i, o->termbase != NULL, &b);
		fwrite(b.s, 1, b.len, of.fp);
	}
	ht_buf_release(&b);
	if (ht_outfile_commit(&of, &err) != HT_OK)
		return ht_cli_fail(&err);
	return HT_EXIT_OK;
}

int ht_cmd_terms(int argc, char **argv)
{
	struct terms_opts o;
	int rc = parse_opts(argc, argv, &o);
	if (rc)
		return rc < 0 ? HT_EXIT_OK : rc;
	ht_error err = {0};
	ht_buf text = HT_BUF_INIT;
	ht_termset *ts = NULL;
	ht_dict *dict = NULL;
	ht_termbase *known = NULL;
	if (o.dict && ht_dict_open(o.dict, o.lang ? o.lang : "zh", "en", &dict, &err) != HT_OK)
		rc = ht_cli_fail(&err);
	if (!rc && o.termbase && ht_termbase_read(o.termbase, o.lang, NULL, &known, &err) != HT_OK)
		rc = ht_cli_fail(&err);
	struct terms_input in = {dict, known, o.termbase};
	for (int f = o.first; f < argc && rc == 0; f++) {
		if (ht_cli_read_text(argv[f], &o.reading, &text, &err) != HT_OK ||
		    add_file(&ts, argv[f], text.s, text.len, &o, &in, &err) != HT_OK)
			rc = ht_cli_fail(&err);
	}
	ht_buf_release(&text);
	if (rc == 0 && ht_termset_rank(ts, o.min_freq, &err) != HT_OK)
		rc = ht_cli_fail(&err);
	if (rc == 0)
		rc = write_output(ts, &o);
	ht_termset_free(ts);
	ht_dict_free(dict);
	ht_termbase_free(known);
	return rc;
}
