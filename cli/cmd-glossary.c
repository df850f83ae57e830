/* hutong glossary: a bilingual glossary from aligned text (TMX, TSV unit
 * pairs, or two documents aligned on the way), or dictionary suggestions
 * for one document that has no aligned version. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "common/util.h"
#include "hutong/bilingual.h"
#include "hutong/dict.h"
#include "hutong/docalign.h"
#include "hutong/glossary.h"
#include "hutong/segment.h"
#include "hutong/termbase.h"
#include "hutong/tm.h"

const char ht_usage_glossary[] =
	"usage: hutong glossary [OPTIONS] INPUT...\n"
	"       hutong glossary --pivot LANG [OPTIONS] INPUT...   (a multilingual termbase)\n"
	"\n"
	"Build a bilingual glossary from aligned text.  Each INPUT is a TMX file (from\n"
	"hutong or any CAT tool), a TSV of source<TAB>target unit pairs (as hutong align\n"
	"--format tsv writes them), or a document; several inputs are pooled; '-' reads\n"
	"stdin.  What an input is comes from --input, else its name (.tmx, .tsv), else\n"
	"its content.  A term candidate of the source side is paired with the target\n"
	"n-gram that co-occurs with it across aligned units (Dice).  Each entry gives\n"
	"the source term, the target term in its most frequent official form, the\n"
	"number of units where both occur, the Dice score, a confidence and one\n"
	"example unit.\n"
	"\n"
	"Two documents (an original and its version) are aligned on the way.  One\n"
	"document alone has no aligned version: with --dict, its term candidates get\n"
	"dictionary translations, marked as suggestions.\n"
	"\n"
	"options:\n"
	"  --from L, --to L     source and target language (default: the TMX source\n"
	"                       language, else zh; en, or zh when the source is en)\n"
	"  -i, --input KIND     auto (default), tmx, tsv, or a document reader's mode:\n"
	"                       pdftext, html, lines, paragraphs\n"
	"  -f, --format FORMAT  tsv (OmegaT; the default, and for -o NAME.tsv, .utf8,\n"
	"                       .txt, .tab), csv (.csv), tbx (TBX v2, .tbx), tbx3 or\n"
	"                       jsonl (.jsonl).  OmegaT loads glossaries by name only\n"
	"                       (.utf8 .txt .tab, .csv, .tbx): another name is warned of\n"
	"  -m, --min-freq N     units a pair must share (default 2)\n"
	"  -n, --limit N        at most N attested entries (default 0: all)\n"
	"  -d, --dict DICT      seed dictionary ('cedict', 'auto', or a file: CC-CEDICT\n"
	"                       or source<TAB>target) for near ties and for suggestions\n"
	"  --suggest            also suggest dictionary translations for unpaired\n"
	"                       candidates (listed after the attested entries)\n"
	"  --no-confirm         skip the confirmation pass (target-language terms paired\n"
	"                       back with source n-grams the source ranking left out)\n"
	"  --termbase FILE      known terms and their official equivalents (TBX v2/v3,\n"
	"                       or a TSV/CSV whose header names the language columns; a\n"
	"                       table without one is read as FROM<TAB>TO): a termbase\n"
	"                       term found in the source text is listed even when it\n"
	"                       occurs once, with the termbase's equivalent (the\n"
	"                       statistical one noted when it differs)\n"
	"  --pivot LANG         a termbase instead of a glossary: one concept per term of\n"
	"                       LANG with its equivalent in every language of the inputs\n"
	"                       (a multilingual TMX, e.g. from align --pivot, or pair\n"
	"                       TSVs named NAME.LANG-X.tsv); -f tbx3 (the default, also\n"
	"                       for .tbx), csv (one column per language), tbx2 or jsonl\n"
	"  --pairs DIR          with --pivot: also write DIR/LANG-X.tsv, the OmegaT\n"
	"                       glossary of every pair\n"
	"  --bom                CSV: start with a UTF-8 byte order mark (for Excel)\n"
	"  -j, --threads N      worker threads (default 0: one per processor, at most 4);\n"
	"                       the glossary is the same for any N\n"
	"  -o, --output FILE    write there (atomically) instead of standard output\n"
	"  --repair             replace invalid bytes of TSV and documents by U+FFFD\n"
	"  --encoding ENC       TSV and documents are in ENC (GB18030, Big5 ...); a TMX\n"
	"                       says its own encoding\n"
	"  -q, --quiet          no warnings on stderr\n"
	"  -h, --help           show this help\n"
	"\n"
	"Examples: hutong glossary --from zh --to en corpus.zh-en.tsv -o glossary.tbx\n"
	"          hutong align --format tsv A.zh.txt A.en.txt | hutong glossary - -o g.utf8\n";

/* What an input is: --input's own values beside the readers' modes (which
 * mean a document read that way). */
enum input_kind { IN_AUTO = HT_INPUT_AUTO, IN_TMX = 100, IN_TSV, IN_DOC };
static const ht_cli_choice aligned_inputs[] = {{"tmx", IN_TMX, NULL}, {"tsv", IN_TSV, NULL}, {NULL, 0, NULL}};

/* "tbx2" has a value of its own: a glossary's "tbx" is v2, a termbase's v3 */
enum { FMT_TBX2 = 100 };
static const ht_cli_choice formats[] = {
	{"tsv", HT_GLOSS_TSV, ".tsv .utf8 .txt .tab"}, {"csv", HT_GLOSS_CSV, ".csv"},
	{"tbx", HT_GLOSS_TBX, ".tbx"},                 {"tbx2", FMT_TBX2, NULL},
	{"tbx3", HT_GLOSS_TBX3, NULL},                 {"jsonl", HT_GLOSS_JSONL, ".jsonl"},
	{NULL, 0, NULL}};

typedef struct glossary_input {
	const char *path;
	int kind;   /* IN_TMX, IN_TSV or IN_DOC */
	int piped;  /* "-": raw holds stdin, read once to see what it is */
	ht_buf raw;
} glossary_input;

typedef struct glossary_args {
	const char *from, *to, *dict, *output, *termbase, *pivot, *pairs;
	int format, input, bom;
	ht_cli_reading reading;
	ht_gloss_opts opts;
	glossary_input *inputs;
	int ninputs;
} glossary_args;

/* ---- inputs ---- */

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

/* What the first bytes of an input say it is: a TMX (a <tmx element), unit
 * pairs (each of its first lines has a tab; a source side may be empty) or a
 * document (also any other markup: indented HTML has tabs on every line). */
static int sniff(const char *head, size_t n)
{
	size_t at = n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (at < n && (head[at] == ' ' || head[at] == '\n' || head[at] == '\r' || head[at] == '\t'))
		at++;
	if (at < n && head[at] == '<') {
		for (size_t i = at; i + 4 <= n; i++)
			if (memcmp(head + i, "<tmx", 4) == 0)
				return IN_TMX;
		return IN_DOC;
	}
	size_t lines = 0;
	for (size_t i = at; i < n && lines < 20;) {
		const char *nl = memchr(head + i, '\n', n - i);
		if (!nl)
			break; /* a line cut off by the end of the head: not judged */
		size_t len = (size_t)(nl - (head + i));
		if (len && head[i + len - 1] == '\r')
			len--;
		if (len) {
			if (!memchr(head + i, '\t', len))
				return IN_DOC;
			lines++;
		}
		i += (size_t)(nl - (head + i)) + 1;
	}
	return lines ? IN_TSV : IN_DOC;
}

/* By --input, else by name (.tmx, .tsv), else by content; stdin is read
 * here, once. */
static ht_status classify(glossary_input *in, int input, ht_error *err)
{
	in->raw = (ht_buf)HT_BUF_INIT;
	in->piped = strcmp(in->path, "-") == 0;
	if (input == IN_TMX || input == IN_TSV) {
		in->kind = input;
	} else if (input != IN_AUTO) {
		in->kind = IN_DOC; /* a reader's mode */
	} else if (has_suffix(in->path, ".tmx")) {
		in->kind = IN_TMX;
	} else if (has_suffix(in->path, ".tsv")) {
		in->kind = IN_TSV;
	} else if (!in->piped) {
		char head[4096];
		FILE *fp = fopen(in->path, "rb");
		size_t n = fp ? fread(head, 1, sizeof head, fp) : 0;
		if (fp)
			fclose(fp);
		in->kind = sniff(head, n); /* an unreadable file fails where it is read */
	}
	if (!in->piped)
		return HT_OK;
	ht_status st = ht_file_read("-", &in->raw, err);
	if (st == HT_OK && input == IN_AUTO)
		in->kind = sniff(in->raw.s, in->raw.len < 4096 ? in->raw.len : 4096);
	return st;
}

/* The text of an input (a TSV or a document), with --repair and --encoding. */
static ht_status input_text(const glossary_args *a, const glossary_input *in, ht_buf *text,
			    ht_error *err)
{
	if (in->piped)
		return ht_cli_decode_text("-", in->raw.s, in->raw.len, &a->reading, text, err);
	return ht_cli_read_text(in->path, &a->reading, text, err);
}

static ht_status read_tm(const glossary_args *a, const glossary_input *in, ht_tm **tm, ht_error *err)
{
	if (in->kind == IN_TMX)
		return in->piped ? ht_tm_parse_tmx("-", in->raw.s, in->raw.len, tm, err)
				 : ht_tm_read_tmx(in->path, tm, err);
	ht_buf text = HT_BUF_INIT;
	ht_status st = input_text(a, in, &text, err);
	if (st == HT_OK)
		st = ht_tm_parse_tsv(in->path, text.s, text.len, a->from, a->to, tm, err);
	ht_buf_release(&text);
	return st;
}

static void inputs_free(glossary_args *a)
{
	for (int i = 0; i < a->ninputs; i++)
		ht_buf_release(&a->inputs[i].raw);
	free(a->inputs);
	a->inputs = NULL;
}

static int parse_args(int argc, char **argv, glossary_args *a)
{
	memset(a, 0, sizeof *a);
	ht_gloss_opts_init(&a->opts);
	a->format = -1;
	a->input = IN_AUTO;
	int no_confirm = 0, first;
	const ht_cli_option opts[] = {
		HT_OPT_FROM(&a->from),
		HT_OPT_TO(&a->to),
		HT_OPT_INPUT(&a->input, aligned_inputs),
		HT_OPT_FORMAT(&a->format, formats),
		HT_OPT_OUTPUT(&a->output),
		HT_OPT_DICT(&a->dict),
		HT_OPT_LIMIT(&a->opts.limit),
		HT_OPT_MIN_FREQ(&a->opts.min_freq),
		HT_OPT_THREADS(&a->opts.threads),
		HT_OPT_REPAIR(&a->reading.repair),
		HT_OPT_ENCODING(&a->reading.encoding),
		{"suggest", 0, HT_ARG_FLAG, .flag = &a->opts.suggest},
		{"no-confirm", 0, HT_ARG_FLAG, .flag = &no_confirm},
		HT_OPT_TERMBASE(&a->termbase),
		{"pivot", 0, HT_ARG_LANG, .str = &a->pivot},
		{"pairs", 0, HT_ARG_STRING, .str = &a->pairs},
		{"bom", 0, HT_ARG_FLAG, .flag = &a->bom},
	};
	int rc = HT_CLI_PARSE("glossary", opts, argc, argv, &first);
	if (rc)
		return rc;
	if (no_confirm)
		a->opts.confirm = 0;
	a->ninputs = argc - first;
	if (a->ninputs < 1)
		return ht_cli_usage_error("glossary", "no input given (a file, or '-' for stdin)");
	int piped = 0;
	for (int i = first; i < argc; i++)
		piped += strcmp(argv[i], "-") == 0;
	if (piped > 1)
		return ht_cli_usage_error("glossary", "'-' (stdin) can be read once");
	if (a->opts.suggest && !a->dict)
		return ht_cli_usage_error("glossary", "--suggest needs --dict");
	if ((rc = ht_cli_check_pair("glossary", a->from, a->to)))
		return rc;
	if (a->pivot && (a->from || a->to))
		return ht_cli_usage_error("glossary", "--pivot takes every language of the inputs: no "
						      "--from or --to");
	if (a->pairs && !a->pivot)
		return ht_cli_usage_error("glossary", "--pairs needs --pivot");
	if ((rc = ht_cli_output_format("glossary", a->output, formats,
				       a->pivot ? HT_GLOSS_TBX3 : HT_GLOSS_TSV, &a->format)))
		return rc;
	if (a->pivot && a->format == HT_GLOSS_TSV)
		return ht_cli_usage_error("glossary", "a termbase is tbx3, csv, tbx2 or jsonl; the "
						      "per-pair TSV comes with --pairs DIR");
	a->inputs = ht_xcalloc((size_t)a->ninputs, sizeof *a->inputs);
	for (int i = 0; i < a->ninputs; i++)
		a->inputs[i].path = argv[first + i];
	return 0;
}

/* OmegaT finds a glossary by its name: tab-separated ones named .utf8 or
 * .txt (read as UTF-8) or .tab (read in the system's encoding), CSV named
 * .csv, TBX (v2) named .tbx; it passes over any other file in silence. */
static void warn_omegat_name(const char *output, int format)
{
	if (!output || strcmp(output, "-") == 0)
		return;
	const char *names = format == HT_GLOSS_TSV   ? ".utf8 .txt .tab"
			    : format == HT_GLOSS_CSV ? ".csv"
			    : format == HT_GLOSS_TBX ? ".tbx"
						     : NULL; /* tbx3, jsonl: not for OmegaT */
	if (!names)
		return;
	for (const char *e = names; *e;) {
		size_t len = strcspn(e, " ");
		char ext[8];
		snprintf(ext, sizeof ext, "%.*s", (int)len, e);
		if (has_suffix(output, ext)) {
			if (strcmp(ext, ".tab") == 0)
				ht_cli_warn("%s: OmegaT reads .tab glossaries in the system's encoding; this one is "
					    "UTF-8 (.utf8 or .txt are always read so)",
					    output);
			return;
		}
		e += len + (e[len] == ' ');
	}
	ht_cli_warn("%s: OmegaT will not load this glossary: it loads %s", output,
		    format == HT_GLOSS_TSV   ? "tab-separated glossaries named .utf8, .txt or .tab"
		    : format == HT_GLOSS_CSV ? "CSV glossaries named .csv"
					     : "TBX glossaries named .tbx");
}

/* Copy the from/to units of `in` (read from `path`) into the pool. */
static int pool_tm(ht_tm *pool, const ht_tm *in, const char *path, const char *from, const char *to)
{
	int fi = ht_tm_lang_index(in, from), ti = ht_tm_lang_index(in, to);
	if (fi < 0 || ti < 0) {
		ht_buf langs = HT_BUF_INIT;
		size_t nl = ht_tm_lang_count(in), shown = nl > 12 ? 10 : nl; /* one short line */
		for (size_t i = 0; i < shown; i++)
			ht_buf_addf(&langs, "%s%s", i ? ", " : "", ht_tm_lang(in, i));
		if (shown < nl)
			ht_buf_addf(&langs, " and %zu more", nl - shown);
		fprintf(stderr, "hutong: %s: no '%s' segments (languages: %s)\n", path,
			fi < 0 ? from : to, langs.len ? langs.s : "none");
		ht_buf_release(&langs);
		return HT_EXIT_DATA;
	}
	for (size_t u = 0; u < ht_tm_unit_count(in); u++) {
		size_t slen, tlen;
		const char *s = ht_tm_seg(in, u, (size_t)fi, &slen);
		const char *t = ht_tm_seg(in, u, (size_t)ti, &tlen);
		if (!s || !t)
			continue;
		const char *doc = ht_tm_doc(in, u);
		char idbuf[32];
		const char *id = ht_tm_unit_id(in, u);
		if (!id) {
			snprintf(idbuf, sizeof idbuf, "u%zu", u + 1);
			id = idbuf;
		}
		size_t k = ht_tm_add_unit(pool, doc ? doc : ht_path_base(path), id, ht_tm_confidence(in, u));
		ht_tm_set_seg(pool, k, 0, s, slen);
		ht_tm_set_seg(pool, k, 1, t, tlen);
	}
	return 0;
}

/* The primary language of a TMX (its first language, the source), to
 * default --from. */
static const char *tmx_source_lang(const glossary_args *a, const glossary_input *in, char *buf,
				   size_t size)
{
	ht_tm *tm;
	ht_error err = {0};
	if (read_tm(a, in, &tm, &err) != HT_OK)
		return NULL;
	snprintf(buf, size, "%s", ht_tm_lang_count(tm) ? ht_tm_lang(tm, 0) : "zh");
	ht_tm_free(tm);
	return buf;
}

static int read_aligned(const glossary_args *a, ht_tm *pool)
{
	for (int i = 0; i < a->ninputs; i++) {
		const char *path = a->inputs[i].path;
		ht_tm *tm = NULL;
		ht_error err = {0};
		ht_status st = read_tm(a, &a->inputs[i], &tm, &err);
		if (st != HT_OK)
			return ht_cli_fail(&err);
		int rc = pool_tm(pool, tm, path, a->from, a->to);
		ht_tm_free(tm);
		if (rc)
			return rc;
	}
	return 0;
}

static ht_status read_document(const glossary_args *a, const glossary_input *in, const char *lang,
				ht_buf *text, ht_doc **doc, ht_error *err)
{
	/* --input tmx/tsv never reach here: a document is read in a reader's mode */
	ht_input_mode mode = a->input < IN_TMX ? (ht_input_mode)a->input : HT_INPUT_AUTO;
	ht_status st = input_text(a, in, text, err);
	if (st == HT_OK)
		st = ht_doc_segment(text->s, text->len, ht_path_base(in->path), lang, mode, doc, err);
	return st;
}

/* Two documents in different languages: align their sentences on the way
 * into a new pool.  Without --from/--to, the Chinese one (else the first) is
 * the source; the languages come from the file names or the script. */
static int align_documents(glossary_args *a, const ht_dict *dict, ht_tm **pool)
{
	ht_buf text[2] = {HT_BUF_INIT, HT_BUF_INIT};
	ht_doc *doc[2] = {NULL, NULL};
	ht_docalign *da = NULL;
	ht_error err = {0};
	int rc = 0, src = 0;
	for (int i = 0; i < 2 && !rc; i++)
		if (read_document(a, &a->inputs[i], NULL, &text[i], &doc[i], &err) != HT_OK)
			rc = ht_cli_fail(&err);
	const char *l0 = rc ? "" : ht_doc_lang(doc[0]), *l1 = rc ? "" : ht_doc_lang(doc[1]);
	if (!rc && strcmp(l0, l1) == 0)
		rc = ht_cli_usage_error("glossary", "both documents are in '%s' (%s)", l0,
					ht_doc_lang_source(doc[0]));
	if (!rc) {
		if (a->from)
			src = strcmp(l1, a->from) == 0;
		else if (a->to)
			src = strcmp(l0, a->to) == 0;
		else
			src = strcmp(l1, "zh") == 0;
		a->from = ht_doc_lang(doc[src]);
		a->to = ht_doc_lang(doc[1 - src]);
		ht_docalign_opts opts = {HT_LEVEL_SENTENCE, dict};
		if (ht_docalign_new(doc[src], doc[1 - src], &opts, &da, &err) != HT_OK)
			rc = ht_cli_fail(&err);
	}
	if (!rc) {
		ht_tm *tm = ht_docalign_to_tm(da, NULL);
		*pool = ht_tm_new(a->from);
		ht_tm_add_lang(*pool, a->to);
		rc = pool_tm(*pool, tm, a->inputs[src].path, a->from, a->to);
		ht_tm_free(tm);
	}
	/* the glossary is built after the documents are freed: keep the tags */
	static char from[16], to[16];
	snprintf(from, sizeof from, "%s", a->from ? a->from : "");
	snprintf(to, sizeof to, "%s", a->to ? a->to : "");
	a->from = from;
	a->to = to;
	ht_docalign_free(da);
	for (int i = 0; i < 2; i++) {
		ht_doc_free(doc[i]);
		ht_buf_release(&text[i]);
	}
	return rc;
}

/* One document without a version: its paragraphs are the units of the
 * candidates that get dictionary suggestions. */
static int suggest_from_document(const glossary_args *a, const ht_dict *dict, ht_glossary **out)
{
	ht_buf text = HT_BUF_INIT;
	ht_error err = {0};
	ht_doc *doc = NULL;
	ht_status st = read_document(a, &a->inputs[0], a->from, &text, &doc, &err);
	if (st != HT_OK) {
		ht_buf_release(&text);
		return ht_cli_fail(&err);
	}
	size_t n = ht_doc_para_count(doc);
	const char **texts = ht_xcalloc(n + 1, sizeof *texts);
	const char **docs = ht_xcalloc(n + 1, sizeof *docs);
	const char **ids = ht_xcalloc(n + 1, sizeof *ids);
	size_t *lens = ht_xcalloc(n + 1, sizeof *lens);
	for (size_t i = 0; i < n; i++) {
		const ht_para *p = ht_doc_para(doc, i);
		texts[i] = ht_para_text(p);
		lens[i] = ht_para_text_len(p);
		docs[i] = ht_doc_name(doc);
		ids[i] = ht_para_id(p);
	}
	ht_gloss_opts opts = a->opts;
	opts.dict = dict;
	st = ht_glossary_suggest(texts, lens, docs, ids, n, a->from, a->to, &opts, out, &err);
	free(texts);
	free(docs);
	free(ids);
	free(lens);
	ht_doc_free(doc);
	ht_buf_release(&text);
	return st == HT_OK ? 0 : ht_cli_fail(&err);
}

static int write_glossary(const glossary_args *a, const ht_glossary *g)
{
	ht_outfile of;
	ht_error err = {0};
	if (ht_outfile_open(&of, a->output, &err) != HT_OK)
		return ht_cli_fail(&err);
	int format = a->format == FMT_TBX2 ? HT_GLOSS_TBX : a->format;
	if (ht_glossary_write_flags(g, (ht_gloss_format)format, a->bom ? HT_WRITE_BOM : 0, of.fp, &err) !=
	    HT_OK) {
		ht_outfile_abort(&of);
		return ht_cli_fail(&err);
	}
	if (ht_outfile_commit(&of, &err) != HT_OK)
		return ht_cli_fail(&err);
	return 0;
}

/* --termbase FILE, read in the glossary's languages (a table without a
 * header row is FROM<TAB>TO); a termbase without them is bad data. */
static int read_known_termbase(const glossary_args *a, ht_termbase **out)
{
	*out = NULL;
	if (!a->termbase)
		return 0;
	ht_error err = {0};
	const char *need[2] = {a->pivot ? a->pivot : a->from, a->pivot ? NULL : a->to};
	if (ht_termbase_read(a->termbase, need[0], need[1], out, &err) != HT_OK)
		return ht_cli_fail(&err);
	for (int k = 0; k < 2; k++)
		if (need[k] && ht_termbase_lang_index(*out, need[k]) < 0) {
			ht_buf langs = HT_BUF_INIT;
			for (size_t i = 0; i < ht_termbase_lang_count(*out); i++)
				ht_buf_addf(&langs, "%s%s", i ? ", " : "", ht_termbase_lang(*out, i));
			fprintf(stderr, "hutong: %s: the termbase has no '%s' terms (its languages: %s)\n",
				a->termbase, need[k], langs.len ? langs.s : "none");
			ht_buf_release(&langs);
			ht_termbase_free(*out);
			*out = NULL;
			return HT_EXIT_DATA;
		}
	return 0;
}

/* ---- --pivot: a multilingual termbase ---- */

/* The other language of a pair TSV named NAME.PIVOT-X.tsv, into out. */
static int tsv_pair_lang(const char *path, const char *pivot, char *out, size_t size)
{
	const char *base = ht_path_base(path);
	size_t n = strlen(base);
	if (n < 4 || !has_suffix(base, ".tsv"))
		return 0;
	const char *end = base + n - 4, *dot = end;
	while (dot > base && dot[-1] != '.')
		dot--;
	const char *dash = memchr(dot, '-', (size_t)(end - dot));
	size_t pl = strlen(pivot);
	if (!dash || (size_t)(dash - dot) != pl || strncasecmp(dot, pivot, pl) != 0 || end - dash - 1 < 2)
		return 0;
	snprintf(out, size, "%.*s", (int)(end - dash - 1), dash + 1);
	return 1;
}

/* Copy every unit of `in` with all its languages into the multilingual pool. */
static void pool_all(ht_tm *pool, const ht_tm *in, const char *path)
{
	size_t nl = ht_tm_lang_count(in);
	size_t *map = ht_xmalloc((nl ? nl : 1) * sizeof *map);
	for (size_t l = 0; l < nl; l++)
		map[l] = ht_tm_add_lang(pool, ht_tm_lang(in, l));
	for (size_t u = 0; u < ht_tm_unit_count(in); u++) {
		const char *doc = ht_tm_doc(in, u), *id = ht_tm_unit_id(in, u);
		char idbuf[32];
		if (!id) {
			snprintf(idbuf, sizeof idbuf, "u%zu", u + 1);
			id = idbuf;
		}
		size_t k = ht_tm_add_unit(pool, doc ? doc : ht_path_base(path), id, ht_tm_confidence(in, u));
		for (size_t l = 0; l < nl; l++) {
			size_t len;
			const char *seg = ht_tm_seg(in, u, l, &len);
			if (seg)
				ht_tm_set_seg(pool, k, map[l], seg, len);
		}
	}
	free(map);
}

/* Pair TSVs are read as PIVOT<TAB>X (X from the name); a TMX with all its
 * languages. */
static int read_pivot_inputs(glossary_args *a, ht_tm *pool)
{
	ht_error err = {0};
	for (int i = 0; i < a->ninputs; i++) {
		glossary_input *in = &a->inputs[i];
		if (classify(in, a->input, &err) != HT_OK)
			return ht_cli_fail(&err);
		char other[32];
		if (in->kind == IN_DOC || (in->kind == IN_TSV && !tsv_pair_lang(in->path, a->pivot, other, sizeof other)))
			return ht_cli_usage_error("glossary", "%s: with --pivot %s, give TMX files or pair TSVs "
							      "named NAME.%s-X.tsv", in->path, a->pivot, a->pivot);
		glossary_args pa = *a;
		pa.from = a->pivot;
		pa.to = in->kind == IN_TSV ? other : NULL;
		ht_tm *tm = NULL;
		if (read_tm(&pa, in, &tm, &err) != HT_OK)
			return ht_cli_fail(&err);
		if (ht_tm_lang_index(tm, a->pivot) < 0) {
			ht_tm_free(tm);
			fprintf(stderr, "hutong: %s: no '%s' segments to pivot on\n", in->path, a->pivot);
			return HT_EXIT_DATA;
		}
		pool_all(pool, tm, in->path);
		ht_tm_free(tm);
	}
	return 0;
}

/* DIR/PIVOT-X.tsv for every other language, each written atomically. */
static int write_pairs(const glossary_args *a, const ht_termbase *tb)
{
	if (mkdir(a->pairs, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "hutong: %s: cannot create the folder: %s\n", a->pairs, strerror(errno));
		return HT_EXIT_IO;
	}
	for (size_t l = 1; l < ht_termbase_lang_count(tb); l++) {
		ht_glossary *g = ht_termbase_pair(tb, ht_termbase_lang(tb, 0), ht_termbase_lang(tb, l));
		ht_buf path = HT_BUF_INIT;
		ht_buf_addf(&path, "%s/%s-%s.tsv", a->pairs, ht_termbase_lang(tb, 0), ht_termbase_lang(tb, l));
		glossary_args pa = *a;
		pa.output = path.s;
		pa.format = HT_GLOSS_TSV;
		int rc = write_glossary(&pa, g);
		ht_buf_release(&path);
		ht_glossary_free(g);
		if (rc)
			return rc;
	}
	return 0;
}

static int write_termbase(const glossary_args *a, const ht_termbase *tb)
{
	ht_tb_format f = a->format == HT_GLOSS_CSV     ? HT_TB_CSV
			 : a->format == HT_GLOSS_JSONL ? HT_TB_JSONL
			 : a->format == FMT_TBX2       ? HT_TB_TBX2
						       : HT_TB_TBX3;
	ht_outfile of;
	ht_error err = {0};
	if (ht_outfile_open(&of, a->output, &err) != HT_OK)
		return ht_cli_fail(&err);
	if (ht_termbase_write(tb, f, a->bom ? HT_WRITE_BOM : 0, of.fp, &err) != HT_OK) {
		ht_outfile_abort(&of);
		return ht_cli_fail(&err);
	}
	return ht_outfile_commit(&of, &err) == HT_OK ? 0 : ht_cli_fail(&err);
}

static int run_pivot(glossary_args *a)
{
	ht_termbase *known = NULL, *tb = NULL;
	ht_dict *dict = NULL;
	ht_error err = {0};
	int rc = read_known_termbase(a, &known);
	/* a dictionary serves one pair (CC-CEDICT zh-en): the build uses it there only */
	if (!rc && a->dict && ht_dict_open(a->dict, a->pivot, "en", &dict, &err) != HT_OK)
		rc = ht_cli_fail(&err);
	ht_tm *pool = ht_tm_new(a->pivot);
	if (!rc)
		rc = read_pivot_inputs(a, pool);
	a->opts.dict = dict;
	a->opts.termbase = known;
	if (!rc && ht_termbase_build(pool, a->pivot, &a->opts, &tb, &err) != HT_OK)
		rc = ht_cli_fail(&err);
	if (!rc && a->pairs)
		rc = write_pairs(a, tb);
	if (!rc)
		rc = write_termbase(a, tb);
	ht_termbase_free(tb);
	ht_termbase_free(known);
	ht_tm_free(pool);
	ht_dict_free(dict);
	inputs_free(a);
	return rc;
}

int ht_cmd_glossary(int argc, char **argv)
{
	glossary_args a;
	int rc = parse_args(argc, argv, &a);
	if (rc)
		return rc < 0 ? HT_EXIT_OK : rc;
	if (a.pivot)
		return run_pivot(&a);
	char langbuf[32];
	int ndocs = 0;
	ht_error err = {0};
	for (int i = 0; i < a.ninputs && !rc; i++) {
		if (classify(&a.inputs[i], a.input, &err) != HT_OK)
			rc = ht_cli_fail(&err);
		ndocs += a.inputs[i].kind == IN_DOC;
	}
	if (!rc && ndocs && ndocs != a.ninputs)
		rc = ht_cli_usage_error("glossary", "mix of documents and aligned files (TMX/TSV)");
	if (!rc && ndocs > 2)
		rc = ht_cli_usage_error("glossary", "give two documents (an original and its "
						    "version) or aligned files, not %d documents",
					ndocs);
	if (!rc && ndocs != 2) {
		if (!a.from && a.inputs[0].kind == IN_TMX)
			a.from = tmx_source_lang(&a, &a.inputs[0], langbuf, sizeof langbuf);
		if (!a.from)
			a.from = "zh";
		if (!a.to)
			a.to = strcmp(a.from, "en") == 0 ? "zh" : "en";
		rc = ht_cli_check_pair("glossary", a.from, a.to);
	}
	if (rc) {
		inputs_free(&a);
		return rc;
	}
	warn_omegat_name(a.output, a.format);
	ht_dict *dict = NULL;
	ht_termbase *known = NULL;
	if ((rc = read_known_termbase(&a, &known))) {
		inputs_free(&a);
		return rc;
	}
	a.opts.termbase = known;
	if (a.dict && ht_dict_open(a.dict, a.from ? a.from : "zh", a.to ? a.to : "en", &dict,
				   &err) != HT_OK) {
		ht_termbase_free(known);
		inputs_free(&a);
		return ht_cli_fail(&err);
	}
	ht_glossary *g = NULL;
	if (ndocs == 1) {
		if (!dict) {
			rc = ht_cli_usage_error("glossary", "one document has no aligned version: give "
							    "--dict for suggestions, or aligned text");
		} else
			rc = suggest_from_document(&a, dict, &g);
	} else {
		ht_tm *pool = NULL;
		if (ndocs == 2)
			rc = align_documents(&a, dict, &pool);
		else {
			pool = ht_tm_new(a.from);
			ht_tm_add_lang(pool, a.to);
			rc = read_aligned(&a, pool);
		}
		if (!rc) {
			a.opts.dict = dict;
			if (ht_glossary_build(pool, a.from, a.to, &a.opts, &g, &err) != HT_OK)
				rc = ht_cli_fail(&err);
		}
		ht_tm_free(pool);
	}
	if (!rc)
		rc = write_glossary(&a, g);
	ht_glossary_free(g);
	ht_dict_free(dict);
	ht_termbase_free(known);
	inputs_free(&a);
	return rc;
}
