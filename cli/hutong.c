/* hutong: the program.  A table of subcommands; each owns its usage text. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "common/util.h"
#include "hutong/common.h"

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);

static const char usage_help[] = "usage: hutong help [COMMAND]\n\nShow the usage of COMMAND, or the list of commands.\n";
static const char usage_version[] = "usage: hutong version\n\nPrint hutong's version.\n";

static const ht_command commands[] = {
	{"segment", ht_cmd_segment, "rebuild paragraphs and split sentences", ht_usage_segment},
	{"align", ht_cmd_align, "align paragraphs and sentences of two or six versions", ht_usage_align},
	{"terms", ht_cmd_terms, "rank the term candidates of a document", ht_usage_terms},
	{"glossary", ht_cmd_glossary, "build a bilingual glossary from aligned text", ht_usage_glossary},
	{"build", ht_cmd_build, "build a corpus folder into TMX, glossaries and a store", ht_usage_build},
	{"lookup", ht_cmd_lookup, "look a term up: glossary entries and concordance", ht_usage_lookup},
	{"merge", ht_cmd_merge, "merge the outputs of sharded builds", ht_usage_merge},
	{"eval", ht_cmd_eval, "score alignments and sentence splitting against gold data", ht_usage_eval},
	{"help", cmd_help, "show the usage of a command", usage_help},
	{"version", cmd_version, "print the version", usage_version},
};
#define N_COMMANDS (sizeof commands / sizeof *commands)

const ht_command *ht_cli_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void print_overview(FILE *fp)
{
	fputs("usage: hutong COMMAND [ARGS]\n"
	      "       hutong --help | --version | help COMMAND\n\n"
	      "hutong segments, aligns and extracts the terminology of official documents\n"
	      "in Chinese, English, French, Spanish, Russian and Arabic.\n\ncommands:\n",
	      fp);
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\nOptions mean the same in every command that takes them:\n"
	      "  -o, --output FILE   write FILE, atomically (default: standard output)\n"
	      "  -f, --format FMT    output format (default: what -o's name says, NAME.tmx)\n"
	      "  -i, --input MODE    how to read the input (default: auto)\n"
	      "  -l, --lang L        the language of the input (BCP 47: zh en fr es ru ar ...)\n"
	      "  --from L, --to L    the source and target languages\n"
	      "  -d, --dict DICT     a dictionary: a file, 'cedict', 'auto' or 'none'\n"
	      "  -n, --limit N       at most N results (0: all)\n"
	      "  -m, --min-freq N    ignore what occurs fewer than N times\n"
	      "  -j, --threads N     worker threads (0: one per processor)\n"
	      "  --repair            replace invalid bytes by U+FFFD instead of stopping\n"
	      "  --encoding ENC      the input is in ENC (GB18030, Big5, windows-1252 ...)\n"
	      "  -q, --quiet         no notes or warnings on stderr\n"
	      "  -h, --help          the command's usage\n"
	      "\nExit status: 0 success, 2 misuse, 3 bad input data, 4 I/O failure.\n",
	      fp);
}

static int cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		print_overview(stdout);
		return HT_EXIT_OK;
	}
	if (!ht_cli_command(argv[1])) {
		fprintf(stderr, "hutong: help: unknown command '%s'\n", argv[1]);
		return HT_EXIT_USAGE;
	}
	return ht_cli_help(argv[1]);
}

static int cmd_version(int argc, char **argv)
{
	printf("hutong %s\n", ht_version());
	return HT_EXIT_OK;
}

static int finish(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fputs("hutong: error writing standard output\n", stderr);
		return rc ? rc : HT_EXIT_IO;
	}
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		print_overview(stderr);
		return HT_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return finish(cmd_help(1, argv + 1));
	if (strcmp(argv[1], "--version") == 0)
		return finish(cmd_version(1, argv + 1));
	const ht_command *c = ht_cli_command(argv[1]);
	if (!c) {
		fprintf(stderr, "hutong: unknown command '%s' (see 'hutong --help')\n", argv[1]);
		return HT_EXIT_USAGE;
	}
	if (ht_cli_wants_help(argc - 1, argv + 1))
		return finish(ht_cli_help(c->name));
	/* a run stopped by a signal leaves no temporary file of its outputs */
	ht_outfile_catch_signals();
	return finish(c->run(argc - 1, argv + 1));
}
