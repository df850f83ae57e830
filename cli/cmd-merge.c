/* hutong merge: join the output folders of `hutong build --shard K/N`. */
#include <getopt.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd-build.h"
#include "hutong/build.h"

const char ht_usage_merge[] =
	"usage: hutong merge OUT... --out DIR [--jobs N]\n\n"
	"Merge the stores of output folders built with `hutong build --shard K/N`\n"
	"(the same inputs, --original and --dict), recompute the terms and glossaries\n"
	"from the merged units, and write every output of a build into DIR: the\n"
	"glossaries equal those of a one-shot build, byte for byte.  A document found\n"
	"in two folders with different content is an error.\n\n"
	"options:\n"
	"  -o, --out DIR   the merged output folder (required)\n"
	"  -j, --jobs N    threads for the glossaries (default: one per processor)\n\n"
	"Exit status: 0 success, 2 misuse, 3 a store that cannot be merged (another\n"
	"schema, other settings, a document in two shards), 4 I/O failure.\n";

int ht_cmd_merge(int argc, char **argv)
{
	static const struct option longopts[] = {{"out", required_argument, NULL, 'o'},
						 {"jobs", required_argument, NULL, 'j'},
						 {NULL, 0, NULL, 0}};
	ht_build_opts o;
	ht_build_opts_init(&o);
	o.out_dir = NULL;
	optind = 1;
	opterr = 0;
	int c, rc;
	while ((c = getopt_long(argc, argv, "o:j:", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': o.out_dir = optarg; break;
		case 'j':
			if ((rc = ht_cli_parse_jobs("merge", optarg, &o.jobs)))
				return rc;
			break;
		default:
			return ht_cli_usage_error("merge", "unknown or incomplete option '%s'",
						  argv[optind - 1]);
		}
	}
	if (!o.out_dir)
		return ht_cli_usage_error("merge", "--out DIR is required");
	if (optind >= argc)
		return ht_cli_usage_error("merge", "no output folder to merge");
	ht_cli_build_signals();
	o.on_event = ht_cli_build_event;
	o.cancel = &ht_cli_build_cancel;
	ht_build_result *res = NULL;
	ht_error err = {0};
	ht_status st = ht_build_merge((const char *const *)argv + optind, (size_t)(argc - optind), &o,
				      &res, &err);
	return ht_cli_build_finish("merge", st, res, &err);
}
