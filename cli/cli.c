/* Error reporting and help shared by the subcommands. */
#include "cli/cli.h"

#include <stdarg.h>
#include <string.h>

#include "common/util.h"

int ht_cli_quiet;

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
	fprintf(stderr, " (see 'hutong help %.*s')\n", (int)strcspn(cmd, " "), cmd);
	return HT_EXIT_USAGE;
}

int ht_cli_bad_value(const char *cmd, const char *opt, const char *value, const char *why_fmt, ...)
{
	va_list ap;
	fprintf(stderr, "hutong: %s: invalid %s '%s' (", cmd, opt, value);
	va_start(ap, why_fmt);
	vfprintf(stderr, why_fmt, ap);
	va_end(ap);
	fprintf(stderr, ") (see 'hutong help %.*s')\n", (int)strcspn(cmd, " "), cmd);
	return HT_EXIT_USAGE;
}

void ht_cli_note(const char *fmt, ...)
{
	va_list ap;
	if (ht_cli_quiet)
		return;
	fputs("hutong: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void ht_cli_warn(const char *fmt, ...)
{
	va_list ap;
	if (ht_cli_quiet)
		return;
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

