/* hutong glossary: a bilingual glossary from aligned text (TMX, TSV unit
 * pairs, or two documents aligned on the way), or dictionary suggestions
 * for one document that has no aligned version. */
#include <errno.h>
#include <getopt.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
	"usage: hutong glossary [--from LANG] [--to LANG] INPUT... [--format FORMAT]\n"
	"                       [--min-freq N] [--limit N] [--dict FILE] [--suggest]\n"
	"                       [--no-confirm] [--termbase FILE] [--bom] [-o FILE]\n"
	"       hutong glossary --pivot LANG INPUT... [--format tbx3|csv|tbx2|jsonl]\n"
	"                       [--pairs DIR] [-o FILE]\n"
	"\n"
	"Build a bilingual glossary from aligned text.  Each INPUT is a TMX file (from\n"
	"hutong or any CAT tool), a TSV of source<TAB>target unit pairs (*.tsv), or a\n"
	"document; several inputs are pooled.  A term candidate of the source side is\n"
	"paired with the target n-gram that co-occurs with it across aligned units\n"
	"(Dice).  Each entry gives the source term, the target term in its most\n"
	"frequent official form, the number of units where both occur, the Dice\n"
	"score, a confidence and one example unit.\n"
	"\n"
	"One document alone has no aligned version: with --dict, its term candidates\n"
	"get dictionary translations, marked as suggestions.\n"
	"\n"
	"options:\n"
	"  --from LANG      source language (default: the TMX source language, else zh)\n"
	"  --to LANG        target language (default: en)\n"
	"  --format FORMAT  tsv (OmegaT, default), csv, tbx, tbx3 or jsonl\n"
	"  --min-freq N     units a pair must share (default 2)\n"
	"  --limit N        at most N attested entries (default: all)\n"
	"  --dict FILE      seed dictionary (CC-CEDICT or source<TAB>target) for near ties\n"
	"                   and for suggestions\n"
	"  --suggest        also suggest dictionary translations for unpaired candidates\n"
	"                   (listed after the attested entries)\n"
	"  --no-confirm     skip the confirmation pass (target-language terms paired\n"
	"                   back with source n-grams the source ranking left out)\n"
	"  --termbase FILE  known terms and their official equivalents (TBX v2/v3, or a\n"
	"                   TSV/CSV whose header names the language columns; a table\n"
	"                   without one is read as FROM<TAB>TO): a termbase term found\n"
	"                   in the source text is listed even when it occurs once,\n"
	"                   with the termbase's equivalent (the statistical one noted\n"
	"                   when it differs)\n"
	"  --pivot LANG     a multilingual termbase instead of a glossary: one concept\n"
	"                   per term of LANG with its equivalent in every language of\n"
	"                   the inputs (a multilingual TMX, e.g. from align --pivot, or\n"
	"                   pair TSVs named *.LANG-X.tsv); written as TBX v3 (default),\n"
	"                   CSV with one column per language, TBX v2 or JSONL\n"
	"  --pairs DIR      with --pivot: also write DIR/LANG-X.tsv, the OmegaT glossary\n"
	"                   of every pair\n"
	"  --bom            CSV: start with a UTF-8 byte order mark (for Excel)\n"
	"  --threads N      worker threads (default: one per processor, at most 4);\n"
	"                   the glossary is the same for any N\n"
	"  -o, --output FILE  write there (atomically) instead of standard output\n"
	"  -h, --help       show this help\n"
	"\n"
	"Example: hutong glossary --from zh --to en corpus.zh-en.tsv --format tbx -o g.tbx\n";

typedef struct glossary_args {
	const char *from, *to, *format, *dict, *output, *termbase, *pivot, *pairs;
	unsigned flags;
	ht_gloss_opts opts;
	char **inputs;
	int ninputs;
} glossary_args;

static int parse_count(const char *opt, const char *arg, size_t *out, size_t min)
{
	char *end;
	long long v = strtoll(arg, &end, 10);
	if (*arg == 0 || *end != 0 || v < (long long)min || v > 100000000LL)
		return ht_cli_usage_error("glossary", "%s wants a whole number >= %zu, not '%s'", opt,
					  min, arg);
	*out = (size_t)v;
	return 0;
}

static int parse_args(int argc, char **argv, glossary_args *a)
{
	static const struct option longopts[] = {
		{"from", required_argument, NULL, 'f'},     {"to", required_argument, NULL, 't'},
		{"format", required_argument, NULL, 'F'},   {"min-freq", required_argument, NULL, 'm'},
		{"limit", required_argument, NULL, 'l'},    {"dict", required_argument, NULL, 'd'},
		{"suggest", no_argument, NULL, 's'},        {"output", required_argument, NULL, 'o'},
		{"no-confirm", no_argument, NULL, 'n'},   {"threads", required_argument, NULL, 'j'},
		{"termbase", required_argument, NULL, 'T'}, {"pivot", required_argument, NULL, 'P'},
		{"pairs", required_argument, NULL, 'D'},    {"bom", no_argument, NULL, 'B'},
		{"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0}};
	memset(a, 0, sizeof *a);
	ht_gloss_opts_init(&a->opts);
	optind = 1;
	opterr = 0;
	int c, rc;
	while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f': a->from = optarg; break;
		case 't': a->to = optarg; break;
		case 'F': a->format = optarg; break;
		case 'm':
			if ((rc = parse_count("--min-freq", optarg, &a->opts.min_freq, 1)))
				return rc;
			break;
		case 'l':
			if ((rc = parse_count("--limit", optarg, &a->opts.limit, 1)))
				return rc;
			break;
		case 'j':
			if ((rc = parse_count("--threads", optarg, &a->opts.threads, 1)))
				return rc;
			break;
		case 'd': a->dict = optarg; break;
		case 's': a->opts.suggest = 1; break;
		case 'n': a->opts.confirm = 0; break;
		case 'o': a->output = optarg; break;
		case 'T': a->termbase = optarg; break;
		case 'P': a->pivot = optarg; break;
		case 'D': a->pairs = optarg; break;
		case 'B': a->flags |= HT_WRITE_BOM; break;
		case 'h': return ht_cli_help("glossary") == 0 ? -1 : HT_EXIT_USAGE;
		default:
			return ht_cli_usage_error("glossary", "unknown or incomplete option '%s'",
						  argv[optind - 1]);
		}
	}
	a->inputs = argv + optind;
	a->ninputs = argc - optind;
	if (a->ninputs < 1)
		return ht_cli_usage_error("glossary", "no input given");
	if (a->pivot) {
		if (!a->format)
			a->format = "tbx3";
		if (ht_tb_format_parse(a->format) < 0)
			return ht_cli_usage_error("glossary", "unknown termbase format '%s' (tbx3, csv, tbx2, "
							      "jsonl; per-pair TSV with --pairs DIR)", a->format);
		if (a->from || a->to)
			return ht_cli_usage_error("glossary", "--pivot takes every language of the inputs: "
							      "no --from or --to");
	} else if (a->pairs)
		return ht_cli_usage_error("glossary", "--pairs needs --pivot");
	if (!a->format)
		a->format = "tsv";
	if (!a->pivot && ht_gloss_format_parse(a->format) < 0)
		return ht_cli_usage_error("glossary", "unknown format '%s' (tsv, csv, tbx, tbx3, jsonl)",
					  a->format);
	if (a->opts.suggest && !a->dict)
		return ht_cli_usage_error("glossary", "--suggest needs --dict");
	return 0;
}

/* ---- inputs ---- */

enum input_kind { IN_TMX, IN_TSV, IN_DOC };

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

/* By name first; an XML file that opens with <tmx (after a declaration) is a TMX too. */
static enum input_kind input_kind(const char *path)
{
	if (has_suffix(path, ".tmx"))
		return IN_TMX;
	if (has_suffix(path, ".tsv"))
		return IN_TSV;
	FILE *fp = strcmp(path, "-") == 0 ? NULL : fopen(path, "rb");
	if (!fp)
		return IN_DOC;
	char head[512];
	size_t n = fread(head, 1, sizeof head - 1, fp);
	fclose(fp);
	head[n] = 0;
	return strstr(head, "<tmx") ? IN_TMX : IN_DOC;
}

/* Copy the from/to units of `in` (read from `path`) into the pool. */
static int pool_tm(ht_tm *pool, const ht_tm *in, const char *path, const char *from, const char *to)
{
	int fi = ht_tm_lang_index(in, from), ti = ht_tm_lang_index(in, to);
	if (fi < 0 || ti < 0) {
		ht_buf langs = HT_BUF_INIT;
		for (size_t i = 0; i < ht_tm_lang_count(in); i++)
			ht_buf_addf(&langs, "%s%s", i ? ", " : "", ht_tm_lang(in, i));
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
static const char *tmx_source_lang(const char *path, char *buf, size_t size)
{
	ht_tm *tm;
	ht_error err = {0};
	if (ht_tm_read_tmx(path, &tm, &err) != HT_OK)
		return NULL;
	snprintf(buf, size, "%s", ht_tm_lang_count(tm) ? ht_tm_lang(tm, 0) : "zh");
	ht_tm_free(tm);
	return buf;
}

static int read_aligned(const glossary_args *a, ht_tm *pool)
{
	for (int i = 0; i < a->ninputs; i++) {
		const char *path = a->inputs[i];
		ht_tm *tm = NULL;
		ht_error err = {0};
		ht_status st = input_kind(path) == IN_TMX ? ht_tm_read_tmx(path, &tm, &err)
							   : ht_tm_read_tsv(path, a->from, a->to, &tm, &err);
		if (st != HT_OK)
			return ht_cli_fail(&err);
		int rc = pool_tm(pool, tm, path, a->from, a->to);
		ht_tm_free(tm);
		if (rc)
			return rc;
	}
	return 0;
}

static ht_status read_document(const char *path, const char *lang, ht_buf *text, ht_doc **doc,
				ht_error *err)
{
	ht_status st = ht_text_read(path, text, NULL, err);
	if (st == HT_OK)
		st = ht_doc_segment(text->s, text->len, ht_path_base(path), lang, HT_INPUT_AUTO, doc, err);
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
		if (read_document(a->inputs[i], NULL, &text[i], &doc[i], &err) != HT_OK)
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
		rc = pool_tm(*pool, tm, a->inputs[src], a->from, a->to);
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
	const char *path = a->inputs[0];
	ht_buf text = HT_BUF_INIT;
	ht_error err = {0};
	ht_doc *doc = NULL;
	ht_status st = read_document(path, a->from, &text, &doc, &err);
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
	if (ht_glossary_write_flags(g, (ht_gloss_format)ht_gloss_format_parse(a->format), a->flags,
				    of.fp, &err) != HT_OK) {
		ht_outfile_abort(&of);
		return ht_cli_fail(&err);
	}
	if (ht_outfile_commit(&of, &err) != HT_OK)
		return ht_cli_fail(&err);
	return 0;
}

/* --termbase FILE, read in the glossary's languages (a table without a
 * header row is FROM<TAB>TO). */
static int read_known_termbase(const glossary_args *a, ht_termbase **out)
{
	*out = NULL;
	if (!a->termbase)
		return 0;
	ht_error err = {0};
	if (ht_termbase_read(a->termbase, a->pivot ? a->pivot : a->from, a->pivot ? NULL : a->to, out,
			     &err) != HT_OK)
		return ht_cli_fail(&err);
	const char *need[2] = {a->pivot ? a->pivot : a->from, a->pivot ? NULL : a->to};
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

static int read_pivot_inputs(const glossary_args *a, ht_tm *pool)
{
	for (int i = 0; i < a->ninputs; i++) {
		const char *path = a->inputs[i];
		ht_tm *tm = NULL;
		ht_error err = {0};
		char other[32];
		ht_status st;
		if (input_kind(path) == IN_TMX)
			st = ht_tm_read_tmx(path, &tm, &err);
		else if (tsv_pair_lang(path, a->pivot, other, sizeof other))
			st = ht_tm_read_tsv(path, a->pivot, other, &tm, &err);
		else
			return ht_cli_usage_error("glossary", "%s: with --pivot %s, give TMX files or pair "
							      "TSVs named NAME.%s-X.tsv", path, a->pivot, a->pivot);
		if (st != HT_OK)
			return ht_cli_fail(&err);
		if (ht_tm_lang_index(tm, a->pivot) < 0) {
			ht_tm_free(tm);
			fprintf(stderr, "hutong: %s: no '%s' segments to pivot on\n", path, a->pivot);
			return HT_EXIT_DATA;
		}
		pool_all(pool, tm, path);
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
		pa.format = "tsv";
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
	ht_outfile of;
	ht_error err = {0};
	if (ht_outfile_open(&of, a->output, &err) != HT_OK)
		return ht_cli_fail(&err);
	if (ht_termbase_write(tb, (ht_tb_format)ht_tb_format_parse(a->format), a->flags, of.fp, &err) !=
	    HT_OK) {
		ht_outfile_abort(&of);
		return ht_cli_fail(&err);
	}
	return ht_outfile_commit(&of, &err) == HT_OK ? 0 : ht_cli_fail(&err);
}

static int run_pivot(glossary_args *a)
{
	ht_tm *pool = ht_tm_new(a->pivot);
	ht_termbase *tb = NULL;
	ht_error err = {0};
	ht_dict *dict = NULL;
	/* a dictionary serves one pair (CC-CEDICT zh-en): the build uses it there only */
	if (a->dict && ht_dict_open(a->dict, a->pivot, "en", &dict, &err) != HT_OK) {
		ht_tm_free(pool);
		return ht_cli_fail(&err);
	}
	a->opts.dict = dict;
	int rc = read_pivot_inputs(a, pool);
	if (!rc && ht_termbase_build(pool, a->pivot, &a->opts, &tb, &err) != HT_OK)
		rc = ht_cli_fail(&err);
	if (!rc && a->pairs)
		rc = write_pairs(a, tb);
	if (!rc)
		rc = write_termbase(a, tb);
	ht_termbase_free(tb);
	ht_tm_free(pool);
	ht_dict_free(dict);
	return rc;
}

/* The bilingual glossary from -> to. */
static int glossary_pair(glossary_args *a_)
{
	glossary_args a = *a_;
	int rc = 0;
	char langbuf[32];
	int ndocs = 0;
	for (int i = 0; i < a.ninputs; i++)
		if (input_kind(a.inputs[i]) == IN_DOC)
			ndocs++;
	if (ndocs && ndocs != a.ninputs)
		return ht_cli_usage_error("glossary", "mix of documents and aligned files (TMX/TSV)");
	if (ndocs > 2)
		return ht_cli_usage_error("glossary", "give two documents (an original and its "
						      "version) or aligned files, not %d documents",
					  ndocs);
	if (ndocs != 2) {
		if (!a.from && input_kind(a.inputs[0]) == IN_TMX)
			a.from = tmx_source_lang(a.inputs[0], langbuf, sizeof langbuf);
		if (!a.from)
			a.from = "zh";
		if (!a.to)
			a.to = strcmp(a.from, "en") == 0 ? "zh" : "en";
	}
	if (a.from && a.to && strcmp(a.from, a.to) == 0)
		return ht_cli_usage_error("glossary", "--from and --to are both '%s'", a.from);
	ht_dict *dict = NULL;
	ht_error err = {0};
	ht_termbase *known = NULL;
	if ((rc = read_known_termbase(&a, &known)))
		return rc;
	a.opts.termbase = known;
	if (a.dict && ht_dict_open(a.dict, a.from ? a.from : "zh", a.to ? a.to : "en", &dict,
				   &err) != HT_OK)
		return ht_cli_fail(&err);
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
	return rc;
}

int ht_cmd_glossary(int argc, char **argv)
{
	glossary_args a;
	int rc = parse_args(argc, argv, &a);
	if (rc)
		return rc < 0 ? HT_EXIT_OK : rc;
	if (!a.pivot)
		return glossary_pair(&a);
	ht_termbase *known = NULL;
	if ((rc = read_known_termbase(&a, &known)))
		return rc;
	a.opts.termbase = known;
	rc = run_pivot(&a);
	ht_termbase_free(known);
	return rc;
}
