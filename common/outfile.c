/* Atomic output: write to a temporary file beside the target, rename on
 * success; the temporary files of outputs being written are known, so that
 * a fatal signal or running out of memory removes them. */
#include "common/util.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_stdout(const char *path) { return !path || strcmp(path, "-") == 0; }

/* ---- the temporary files being written ----
 * A fixed table read by a signal handler: only pointer loads and unlink(),
 * which are async-signal-safe.  More outputs than this open at once are
 * still written, only not cleaned up after a signal. */
#define MAX_TEMPS 32
static char *temps[MAX_TEMPS];

static void track(char *tmp)
{
	for (size_t i = 0; i < MAX_TEMPS; i++) {
		char *none = NULL;
		if (__atomic_compare_exchange_n(&temps[i], &none, tmp, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
			return;
	}
}

static void untrack(const char *tmp)
{
	for (size_t i = 0; i < MAX_TEMPS; i++)
		if (__atomic_load_n(&temps[i], __ATOMIC_SEQ_CST) == tmp)
			__atomic_store_n(&temps[i], NULL, __ATOMIC_SEQ_CST);
}

void ht_outfile_remove_temps(void)
{
	for (size_t i = 0; i < MAX_TEMPS; i++) {
		char *t = __atomic_load_n(&temps[i], __ATOMIC_SEQ_CST);
		if (t)
			unlink(t);
	}
}

static void on_fatal_signal(int sig)
{
	int saved = errno;
	ht_outfile_remove_temps();
	/* SA_RESETHAND restored the default action: the signal, blocked while
	 * this runs, kills the process as soon as the handler returns */
	raise(sig);
	errno = saved;
}

void ht_outfile_catch_signals(void)
{
	static const int fatal[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
	for (size_t i = 0; i < sizeof fatal / sizeof *fatal; i++) {
		struct sigaction old, sa;
		if (sigaction(fatal[i], NULL, &old) != 0 || old.sa_handler == SIG_IGN)
			continue; /* nohup and background jobs keep their ignored signals */
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_fatal_signal;
		sigemptyset(&sa.sa_mask);
		sa.sa_flags = SA_RESETHAND;
		sigaction(fatal[i], &sa, NULL);
	}
	/* past `ulimit -f`, a write fails with EFBIG (a clean error) instead of
	 * killing the process */
	signal(SIGXFSZ, SIG_IGN);
}

/* ---- outputs ---- */

/* The permissions of the output: those of the file it replaces, else what
 * the umask leaves of 0666, as for any file the user creates (mkstemp's
 * 0600 would hide every output from the group).  umask() can only be read
 * by setting it: done once, before any thread of ours writes files. */
static mode_t output_mode(const char *path)
{
	struct stat st;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		return st.st_mode & 07777;
	static mode_t mask = (mode_t)-1;
	if (mask == (mode_t)-1) {
		mask = umask(022);
		umask(mask);
	}
	return 0666 & ~mask;
}

ht_status ht_outfile_open(ht_outfile *of, const char *path, ht_error *err)
{
	memset(of, 0, sizeof *of);
	if (is_stdout(path)) {
		of->fp = stdout;
		return HT_OK;
	}
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return ht_error_set(err, HT_ERR_IO, "%s: cannot write: it is a folder", path);
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		/* /dev/null, a FIFO, a terminal: written in place, since renaming
		 * a file over it would replace the device itself */
		of->fp = fopen(path, "wb");
		if (!of->fp)
			return ht_error_set(err, HT_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
		of->path = ht_xstrdup(path);
		return HT_OK;
	}
	mode_t mode = output_mode(path);
	ht_buf tmp = HT_BUF_INIT;
	ht_buf_addf(&tmp, "%s.tmp-XXXXXX", path);
	int fd = mkstemp(tmp.s);
	if (fd < 0) {
		ht_error_set(err, HT_ERR_IO, "%s: cannot create: %s", path, strerror(errno));
		ht_buf_release(&tmp);
		return HT_ERR_IO;
	}
	of->tmp = ht_buf_detach(&tmp, NULL);
	track(of->tmp);
	of->path = ht_xstrdup(path);
	if (fchmod(fd, mode) != 0 || !(of->fp = fdopen(fd, "wb"))) {
		ht_error_set(err, HT_ERR_IO, "%s: cannot create: %s", path, strerror(errno));
		close(fd);
		of->fp = NULL;
		ht_outfile_abort(of);
		return HT_ERR_IO;
	}
	return HT_OK;
}

ht_status ht_outfile_commit(ht_outfile *of, ht_error *err)
{
	ht_status st = HT_OK;
	if (!of->path) {
		if (fflush(stdout) != 0 || ferror(stdout))
			st = ht_error_set(err, HT_ERR_IO, "-: write error: %s", strerror(errno));
		return st;
	}
	/* the flush repeats a write that failed, so errno says why */
	int bad = fflush(of->fp) != 0 || ferror(of->fp);
	int saved = errno;
	if (fclose(of->fp) != 0 || bad)
		st = ht_error_set(err, HT_ERR_IO, "%s: write error: %s", of->path,
				  strerror(bad ? saved : errno));
	else if (of->tmp && rename(of->tmp, of->path) != 0)
		st = ht_error_set(err, HT_ERR_IO, "%s: cannot rename into place: %s", of->path,
				  strerror(errno));
	if (of->tmp) {
		untrack(of->tmp);
		if (st != HT_OK)
			unlink(of->tmp);
	}
	free(of->path);
	free(of->tmp);
	memset(of, 0, sizeof *of);
	return st;
}

void ht_outfile_abort(ht_outfile *of)
{
	if (of->path) {
		if (of->fp)
			fclose(of->fp);
		if (of->tmp) {
			untrack(of->tmp);
			unlink(of->tmp);
		}
		free(of->path);
		free(of->tmp);
	}
	memset(of, 0, sizeof *of);
}
