/* hutong eval: dispatches to the scorers. */
#include <string.h>

#include "cli/cli.h"

const char ht_usage_eval[] =
	"usage: hutong eval align [--json] GOLD TEST [GOLD TEST ...]\n"
	"       hutong eval sentences [--json] [--errors] [--lang L ...] [DEVSET_DIR]\n"
	"       hutong eval glossary [--json] [--columns S,T] [--header] [--strip-article]\n"
	"                            [--corpus TM [--corpus-lang L]] [--misses N] REFERENCE GLOSSARY\n\n"
	"  align      strict and lax precision, recall and F1 of alignment beads\n"
	"             ([i,j]:[k] lines) against gold beads (Sennrich & Volk 2010)\n"
	"  sentences  how well the sentence splitter recovers the sentence\n"
	"             boundaries of the UN Parallel Corpus devset, per language:\n"
	"             precision, recall and F1 of the boundaries inside each\n"
	"             (document, paragraph) group of devset lines; --errors lists\n"
	"             each missed and extra boundary on stderr.  DEVSET_DIR holds\n"
	"             UNv1.0.devset.{ids,ar,en,es,fr,ru,zh} (default:\n"
	"             ../shared/corpora/unpc-devset beside the source tree)\n"
	"  glossary   how many known term pairs (REFERENCE: source<TAB>target) a glossary\n"
	"             (OmegaT TSV, or CSV) has right, exactly and ignoring case, its\n"
	"             recall and the misses; options: --columns S,T (numbers, or names\n"
	"             in a header row), --header (skip the first row), --corpus TM\n"
	"             [--corpus-lang L] (only sources found in TM), --strip-article\n"
	"             (UNTERM's \"Netherlands (the)\" is \"Netherlands\"), --misses N, --json\n";

int ht_cmd_eval(int argc, char **argv)
{
	if (argc < 2)
		return ht_cli_usage_error("eval", "which evaluation? align, sentences or glossary");
	if (strcmp(argv[1], "align") == 0)
		return ht_cmd_eval_align(argc - 1, argv + 1);
	if (strcmp(argv[1], "sentences") == 0)
		return ht_cmd_eval_sentences(argc - 1, argv + 1);
	if (strcmp(argv[1], "glossary") == 0)
		return ht_cmd_eval_glossary(argc - 1, argv + 1);
	return ht_cli_usage_error("eval", "unknown evaluation '%s'", argv[1]);
}
