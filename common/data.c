/* The data search path: where hutong finds CC-CEDICT, word lists and its other
 * data files by name.  See ht_data_find in hutong/common.h. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hutong/common.h"

#ifndef HT_PKGDATADIR
#define HT_PKGDATADIR "/usr/local/share/hutong"
#endif

/* True when this process runs from hutong's build tree (a test, or ./hutong
 * before `make install`): only then does the search reach into the sources. */
static int running_uninstalled(void)
{
#if defined(HT_BUILDDIR)
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return 0;
	exe[n] = '\0';
	size_t b = strlen(HT_BUILDDIR);
	return strncmp(exe, HT_BUILDDIR, b) == 0 && exe[b] == '/';
#else
	return 0;
#endif
}

size_t ht_data_dirs(char dirs[][HT_DATA_PATH_MAX], size_t max)
{
	size_t n = 0;
	const char *env = getenv("HUTONG_DATA");
	for (const char *p = env; p && *p && n < max;) {
		size_t len = strcspn(p, ":");
		if (len > 0 && len < HT_DATA_PATH_MAX)
			snprintf(dirs[n++], HT_DATA_PATH_MAX, "%.*s", (int)len, p);
		p += len + (p[len] == ':');
	}
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	if (n < max && xdg && *xdg == '/')
		snprintf(dirs[n++], HT_DATA_PATH_MAX, "%s/hutong", xdg);
	else if (n < max && home && *home)
		snprintf(dirs[n++], HT_DATA_PATH_MAX, "%s/.local/share/hutong", home);
	if (n < max)
		snprintf(dirs[n++], HT_DATA_PATH_MAX, "%s", HT_PKGDATADIR);
#if defined(HT_SRCDIR)
	if (running_uninstalled()) {
		if (n < max)
			snprintf(dirs[n++], HT_DATA_PATH_MAX, "%s/corpora/fetched", HT_SRCDIR);
		if (n < max)
			snprintf(dirs[n++], HT_DATA_PATH_MAX, "%s/../shared/resources", HT_SRCDIR);
	}
#endif
	return n;
}

int ht_data_find(const char *name, char *path, size_t size)
{
	char dirs[HT_DATA_DIRS_MAX][HT_DATA_PATH_MAX];
	size_t n = ht_data_dirs(dirs, HT_DATA_DIRS_MAX);
	for (size_t i = 0; i < n; i++) {
		int len = snprintf(path, size, "%s/%s", dirs[i], name);
		if (len > 0 && (size_t)len < size && access(path, R_OK) == 0)
			return 1;
	}
	if (size)
		path[0] = '\0';
	return 0;
}
