/* Error reporting and help shared by the subcommands. */
#include "cli/cli.h"

#include <stdarg.h>
#include <string.h>

#include "common/util.h"

int ht_cli_exit_code(ht_status st)
{
	switch (st) {
	case HT_OK: return HT_EXIT_OK;
	case HT_ERR_USAGE: return HT_EXIT_USAGE;
	case HT_ERR_DATA: return HT_EXIT_DATA;
	default: return HT_EXIT_IO;
	}
}

int ht_cli_fail(const ht_error *err)
{
	fprintf(stderr, "hutong: %s\n", err->message[0] ? err->message : "failed");
	return ht_cli_exit_code(err->status ? err->status : HT_ERR_IO);
}

int ht_cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "hutong: %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see 'hutong help %s')\n", cmd);
	return HT_EXIT_USAGE;
}

void ht_cli_warn(const char *fmt, ...)
{
	va_list ap;
	fputs("hutong: warning: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int ht_cli_help(const char *name)
{
	const ht_command *c = ht_cli_command(name);
	if (!c)
		return HT_EXIT_USAGE;
	fputs(c->usage, stdout);
	return HT_EXIT_OK;
}

int ht_cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return 0;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	}
	return 0;
}

ht_status ht_cli_read_text(const char *path, const char *encoding, int repair, ht_buf *out,
			   ht_error *err)
{
	ht_text_opts opts = {encoding, repair};
	ht_text_info info;
	ht_status st = ht_text_read_opts(path, &opts, out, &info, err);
	if (st != HT_OK)
		return st;
	if (info.detected)
		ht_cli_warn("%s: not UTF-8: read as %s (detected, confidence %d%%; --encoding sets it)",
			    path, info.encoding, info.confidence);
	if (info.repairs) {
		int utf8 = strcmp(info.encoding, "UTF-8") == 0;
		fprintf(stderr, "hutong: %s: repaired %zu invalid %s %s%s (now U+FFFD)\n", path, info.repairs,
			info.encoding, utf8 ? "byte" : "sequence", info.repairs == 1 ? "" : "s");
	}
	return HT_OK;
}
