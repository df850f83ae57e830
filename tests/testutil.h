/* Helpers for the Check suites: paths to the project's and the shared data,
 * skipping cleanly when ../shared is absent, and running a suite. */
#ifndef HT_TESTUTIL_H
#define HT_TESTUTIL_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef HT_SRCDIR
#define HT_SRCDIR "."
#endif

/* Exit code that makes Automake's test driver report SKIP. */
#define HT_TEST_SKIP 77

static inline const char *ht_test_srcdir(void)
{
	const char *d = getenv("HT_SRCDIR");
	return d && *d ? d : HT_SRCDIR;
}

/* "<srcdir>/rel" in a static buffer (one call at a time). */
static inline const char *ht_test_path(const char *rel)
{
	static char buf[4096];
	snprintf(buf, sizeof buf, "%s/%s", ht_test_srcdir(), rel);
	return buf;
}

/* "<srcdir>/../shared/rel" in a static buffer, or NULL when ../shared is absent. */
static inline const char *ht_test_shared(const char *rel)
{
	static char buf[4096];
	snprintf(buf, sizeof buf, "%s/../shared/%s", ht_test_srcdir(), rel);
	return access(buf, R_OK) == 0 ? buf : NULL;
}

/* For test programs whose every test reads ../shared: exit with SKIP when absent. */
static inline void ht_test_require_shared(const char *rel)
{
	if (!ht_test_shared(rel)) {
		printf("SKIP: ../shared/%s is absent\n", rel);
		exit(HT_TEST_SKIP);
	}
}

/* Run every test of `s` and give main's exit status. */
static inline int ht_test_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
