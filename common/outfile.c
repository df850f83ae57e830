/* Atomic output: write to a temporary file beside the target, rename on success. */
#include "common/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_stdout(const char *path) { return !path || strcmp(path, "-") == 0; }

ht_status ht_outfile_open(ht_outfile *of, const char *path, ht_error *err)
{
	memset(of, 0, sizeof *of);
	if (is_stdout(path)) {
		of->fp = stdout;
		return HT_OK;
	}
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		/* /dev/null, a FIFO, a terminal: written in place, since renaming
		 * a file over it would replace the device itself */
		of->fp = fopen(path, "wb");
		if (!of->fp)
			return ht_error_set(err, HT_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
		of->path = ht_xstrdup(path);
		return HT_OK;
	}
	ht_buf tmp = HT_BUF_INIT;
	ht_buf_addf(&tmp, "%s.tmp-XXXXXX", path);
	int fd = mkstemp(tmp.s);
	if (fd < 0) {
		ht_error_set(err, HT_ERR_IO, "%s: cannot create: %s", path, strerror(errno));
		ht_buf_release(&tmp);
		return HT_ERR_IO;
	}
	/* mkstemp makes the file private (0600); an output gets the mode a
	 * file the user creates would have */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	of->fp = fdopen(fd, "wb");
	of->path = ht_xstrdup(path);
	of->tmp = ht_buf_detach(&tmp, NULL);
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
	int bad = ferror(of->fp);
	if (fclose(of->fp) != 0 || bad)
		st = ht_error_set(err, HT_ERR_IO, "%s: write error: %s", of->path, strerror(errno));
	else if (of->tmp && rename(of->tmp, of->path) != 0)
		st = ht_error_set(err, HT_ERR_IO, "%s: cannot rename into place: %s", of->path,
				  strerror(errno));
	if (st != HT_OK && of->tmp)
		unlink(of->tmp);
	free(of->path);
	free(of->tmp);
	memset(of, 0, sizeof *of);
	return st;
}

void ht_outfile_abort(ht_outfile *of)
{
	if (of->path) {
		fclose(of->fp);
		if (of->tmp)
			unlink(of->tmp);
		free(of->path);
		free(of->tmp);
	}
	memset(of, 0, sizeof *of);
}
