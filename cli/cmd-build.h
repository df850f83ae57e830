/* What `hutong build` and `hutong merge` share: progress and problems on
 * stderr, Ctrl-C that stops the run cleanly, the final summary. */
#ifndef HT_CLI_CMD_BUILD_H
#define HT_CLI_CMD_BUILD_H

#include <signal.h>

#include "hutong/build.h"

/* Set by SIGINT/SIGTERM/SIGHUP once ht_cli_build_signals ran; a second
 * signal ends the process at once (the outputs stay as they were). */
extern volatile sig_atomic_t ht_cli_build_cancel;
void ht_cli_build_signals(void);

/* The event callback: problems as "hutong: FILE: message", notes as
 * warnings, a progress line when stderr is a terminal. */
void ht_cli_build_event(void *ctx, const ht_build_event *ev);

/* Print the summary, turn the status into the exit code. */
int ht_cli_build_finish(const char *cmd, ht_status st, ht_build_result *res, const ht_error *err);

/* Parse --jobs N (1..1024) into *jobs; 0 or HT_EXIT_USAGE. */
int ht_cli_parse_jobs(const char *cmd, const char *arg, size_t *jobs);

#endif
