/* hutong build: a folder of documents into TMX, glossaries and a store. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cmd-build.h"
#include "common/util.h"
#include "hutong/build.h"

const char ht_usage_build[] =
	"usage: hutong build [DIR...] [--out DIR] [--original LANG] [--dict DICT]\n"
	"                    [--jobs N] [--shard K/N]\n\n"
	"Build a corpus: read every DIR (recursively) or file, align each document's\n"
	"versions with its original, and write under --out:\n"
	"  tmx/NAME.tmx           each document, every language (TMX 1.4)\n"
	"  tmx/corpus.tmx         all documents\n"
	"  glossary/SRC-TGT.utf8  OmegaT glossary of each pair with the original (and .csv)\n"
	"  hutong.db              the store that `hutong lookup` answers from\n"
	"  report.md              documents, units, beads, low-confidence units, terms,\n"
	"                         problems\n"
	"Without DIR, the default corpus: the seed resolution and the Universal\n"
	"Declaration of Human Rights in six languages (corpora/fetch.sh fetches it).\n\n"
	"Inputs, by name:\n"
	"  NAME.LANG.EXT   a version of document NAME (.txt .html .htm .xhtml .xml);\n"
	"                  NAME/LANG.EXT too (udhr/eng.html), and NAME.EXT in the\n"
	"                  language its text shows\n"
	"  NAME.LANG       a line-parallel corpus: line i of every language translates\n"
	"                  line i (UNv1.0.devset.zh ...); NAME.ids gives each line's source\n"
	"  NAME.tsv        a table whose header row names languages (key zh en fr ...)\n"
	"Other files are left out and listed in the report.\n\n"
	"options:\n"
	"  -o, --out DIR      output folder (default out)\n"
	"  --original LANG    language of the originals (default zh); a document with\n"
	"                     one version only is its own original\n"
	"  --dict DICT        dictionary for each pair with the original: auto (default:\n"
	"                     whatever installed dictionary serves the pair), cedict,\n"
	"                     a file, or none\n"
	"  -j, --jobs N       documents read and aligned at once (default: one per processor)\n"
	"  --shard K/N        build only the K-th of N slices of the documents (by a hash\n"
	"                     of NAME), for `hutong merge`\n\n"
	"A rebuild redoes only the documents whose files changed (content hashes) and\n"
	"the corpus-wide outputs when any did.  Outputs are replaced together at the\n"
	"end: an interrupted or failed run leaves the previous ones as they were.\n\n"
	"Exit status: 0 success, 2 misuse, 3 some inputs had problems (reported on\n"
	"stderr and in report.md; the rest is built), 4 I/O failure.\n";

volatile sig_atomic_t ht_cli_build_cancel;

static void on_signal(int sig) { ht_cli_build_cancel = 1; }

void ht_cli_build_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESETHAND; /* a second Ctrl-C ends it at once */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static int progress_shown;

static void clear_progress(void)
{
	if (progress_shown)
		fputs("\r\033[K", stderr);
	progress_shown = 0;
}

void ht_cli_build_event(void *ctx, const ht_build_event *ev)
{
	static int tty = -1;
	if (tty < 0)
		tty = isatty(STDERR_FILENO);
	switch (ev->kind) {
	case HT_BUILD_PROGRESS:
		if (!tty)
			return;
		fprintf(stderr, "\r\033[Khutong: %s", ev->stage);
		if (ev->total)
			fprintf(stderr, " %zu/%zu (%zu%%)", ev->done, ev->total,
				ev->done * 100 / ev->total);
		else if (ev->done)
			fprintf(stderr, " %zu", ev->done);
		fflush(stderr);
		progress_shown = 1;
		break;
	case HT_BUILD_PROBLEM:
		clear_progress();
		if (ev->path)
			fprintf(stderr, "hutong: %s: %s\n", ev->path, ev->message);
		else
			fprintf(stderr, "hutong: %s\n", ev->message);
		break;
	case HT_BUILD_NOTE:
		clear_progress();
		ht_cli_warn("%s", ev->message);
		break;
	}
}

int ht_cli_build_finish(const char *cmd, ht_status st, ht_build_result *res, const ht_error *err)
{
	clear_progress();
	int rc = HT_EXIT_OK;
	if (res) {
		fputs(ht_build_result_summary(res), stdout);
		printf("Look a term up:  hutong lookup --db %s TERM\n", ht_build_result_store(res));
		if (st != HT_OK)
			fprintf(stderr, "hutong: %s\n", err->message);
		rc = st == HT_OK ? HT_EXIT_OK : HT_EXIT_DATA;
	} else if (st != HT_OK) {
		if (strcmp(err->message, "interrupted") == 0)
			fprintf(stderr, "hutong: %s: interrupted; the previous outputs are as they were\n",
				cmd);
		rc = strcmp(err->message, "interrupted") == 0 ? HT_EXIT_IO : ht_cli_fail(err);
	}
	ht_build_result_free(res);
	return rc;
}

int ht_cli_parse_jobs(const char *cmd, const char *arg, size_t *jobs)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (!*arg || *end || v < 1 || v > 1024)
		return ht_cli_usage_error(cmd, "--jobs wants a number from 1 to 1024, not '%s'", arg);
	*jobs = (size_t)v;
	return 0;
}

static int parse_shard(const char *arg, size_t *k, size_t *n)
{
	char *end;
	long a = strtol(arg, &end, 10);
	if (end == arg || *end != '/')
		return -1;
	const char *rest = end + 1;
	long b = strtol(rest, &end, 10);
	if (end == rest || *end || a < 1 || b < 1 || a > b || b > 100000)
		return -1;
	*k = (size_t)a;
	*n = (size_t)b;
	return 0;
}

/* The default corpus: the folder corpora/fetch.sh makes (default-corpus/:
 * the seed and the UDHR), found on the data search path. */
static int default_inputs(char *path, size_t size)
{
	return ht_data_find("default-corpus", path, size);
}

int ht_cmd_build(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"out", required_argument, NULL, 'o'},      {"original", required_argument, NULL, 'O'},
		{"dict", required_argument, NULL, 'd'},     {"jobs", required_argument, NULL, 'j'},
		{"shard", required_argument, NULL, 's'},    {NULL, 0, NULL, 0}};
	ht_build_opts o;
	ht_build_opts_init(&o);
	optind = 1;
	opterr = 0;
	int c, rc;
	while ((c = getopt_long(argc, argv, "o:j:", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': o.out_dir = optarg; break;
		case 'O': o.original = optarg; break;
		case 'd': o.dict = optarg; break;
		case 'j':
			if ((rc = ht_cli_parse_jobs("build", optarg, &o.jobs)))
				return rc;
			break;
		case 's':
			if (parse_shard(optarg, &o.shard, &o.shards))
				return ht_cli_usage_error("build", "--shard wants K/N with 1 <= K <= N, not '%s'",
							  optarg);
			break;
		default:
			return ht_cli_usage_error("build", "unknown or incomplete option '%s'",
						  argv[optind - 1]);
		}
	}
	char def[HT_DATA_PATH_MAX];
	const char *one[1];
	const char *const *inputs = (const char *const *)argv + optind;
	size_t n = (size_t)(argc - optind);
	if (!n) {
		if (!default_inputs(def, sizeof def)) {
			fputs("hutong: build: no DIR given and the default corpus is not there: run "
			      "corpora/fetch.sh (it fetches the UDHR and CC-CEDICT) or name a folder\n",
			      stderr);
			return HT_EXIT_USAGE;
		}
		one[0] = def;
		inputs = one;
		n = 1;
	}
	ht_cli_build_signals();
	o.on_event = ht_cli_build_event;
	o.cancel = &ht_cli_build_cancel;
	ht_build_result *res = NULL;
	ht_error err = {0};
	ht_status st = ht_build(inputs, n, &o, &res, &err);
	return ht_cli_build_finish("build", st, res, &err);
}
