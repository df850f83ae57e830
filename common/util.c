/* Allocation wrappers, growable buffers and error reports. */
#define _DEFAULT_SOURCE /* madvise */
#include "common/util.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>

#include "config.h"

char ht_buf_empty[1];

const char *const ht_un_languages[] = {"zh", "en", "fr", "es", "ru", "ar", NULL};

const char *ht_version(void) { return PACKAGE_VERSION; }

int ht_lang_is_un(const char *lang)
{
	if (!lang)
		return 0;
	size_t n = strcspn(lang, "-_");
	for (const char *const *l = ht_un_languages; *l; l++)
		if (strlen(*l) == n && strncasecmp(*l, lang, n) == 0)
			return 1;
	return 0;
}

const char *ht_path_base(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* ---- fault injection ----
 * HUTONG_FAULT_ALLOC=N in the environment (or ht_fault_alloc_at(N)) makes
 * the Nth allocation through these wrappers fail as if memory had run out,
 * so that tests can walk every allocation site in turn (tests/faults.sh). */
static int fault_state;            /* 0: environment not read yet, 1: off, 2: on */
static unsigned long fault_at, fault_count;

void ht_fault_alloc_at(unsigned long n)
{
	__atomic_store_n(&fault_count, 0, __ATOMIC_RELAXED);
	fault_at = n;
	__atomic_store_n(&fault_state, n ? 2 : 1, __ATOMIC_RELEASE);
}

static int injected_failure(void)
{
	int state = __atomic_load_n(&fault_state, __ATOMIC_ACQUIRE);
	if (__builtin_expect(state == 1, 1))
		return 0;
	if (state == 0) {
		const char *v = getenv("HUTONG_FAULT_ALLOC");
		char *end;
		unsigned long n = v ? strtoul(v, &end, 10) : 0;
		ht_fault_alloc_at(v && *v && !*end ? n : 0);
		if (!fault_at)
			return 0;
	}
	return __atomic_add_fetch(&fault_count, 1, __ATOMIC_RELAXED) == fault_at;
}

/* Out of memory: by design the library does not unwind (DESIGN.md); it says
 * so, removes the temporary files of outputs being written (a failed run
 * leaves no half-written output and no litter) and aborts. */
static void *check_alloc(void *p, size_t n)
{
	if (!p && n) {
		static const char msg[] = "hutong: out of memory";
		char line[96];
		int k = n == SIZE_MAX ? snprintf(line, sizeof line, "%s (a size beyond reach)\n", msg)
				      : snprintf(line, sizeof line, "%s (%zu bytes)\n", msg, n);
		ht_outfile_remove_temps();
		fwrite(line, 1, (size_t)k, stderr);
		abort();
	}
	return p;
}

void *ht_xmalloc(size_t n)
{
	return check_alloc(injected_failure() ? NULL : malloc(n ? n : 1), n ? n : 1);
}
void *ht_xcalloc(size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return check_alloc(NULL, SIZE_MAX);
	return check_alloc(injected_failure() ? NULL : calloc(count ? count : 1, size ? size : 1),
			   count && size ? count * size : 1);
}
void *ht_xrealloc(void *p, size_t n)
{
	return check_alloc(injected_failure() ? NULL : realloc(p, n ? n : 1), n ? n : 1);
}
void *ht_xreallocarray(void *p, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return check_alloc(NULL, SIZE_MAX);
	return ht_xrealloc(p, count * size);
}

#define HUGE_PAGE ((size_t)2 << 20)

void *ht_xmalloc_table(size_t n)
{
#ifdef MADV_HUGEPAGE
	if (n > SIZE_MAX - HUGE_PAGE)
		return check_alloc(NULL, SIZE_MAX);
	if (n >= 2 * HUGE_PAGE) {
		if (injected_failure())
			return check_alloc(NULL, n);
		size_t rounded = (n + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
		void *p = aligned_alloc(HUGE_PAGE, rounded);
		if (p) {
			madvise(p, rounded, MADV_HUGEPAGE); /* only advice: failure is harmless */
			return p;
		}
	}
#endif
	return ht_xmalloc(n);
}

void *ht_xcalloc_table(size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return check_alloc(NULL, SIZE_MAX);
	size_t n = count * size;
	void *p = ht_xmalloc_table(n);
	memset(p, 0, n);
	return p;
}
char *ht_xstrdup(const char *s) { return ht_xstrndup(s, strlen(s)); }
char *ht_xstrndup(const char *s, size_t n)
{
	char *r = ht_xmalloc(n + 1);
	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

void ht_buf_init(ht_buf *b)
{
	b->s = ht_buf_empty;
	b->len = b->cap = 0;
}

void ht_buf_release(ht_buf *b)
{
	if (b->cap)
		free(b->s);
	ht_buf_init(b);
}

char *ht_buf_detach(ht_buf *b, size_t *len)
{
	char *s = b->cap ? b->s : ht_xstrdup("");
	if (len)
		*len = b->len;
	ht_buf_init(b);
	return s;
}

void ht_buf_grow(ht_buf *b, size_t extra)
{
	if (extra >= SIZE_MAX / 2 - b->len)
		check_alloc(NULL, SIZE_MAX);
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	if (b->cap)
		b->s = ht_xrealloc(b->s, cap);
	else {
		b->s = ht_xmalloc(cap);
		b->s[0] = '\0';
	}
	b->cap = cap;
}

void ht_buf_add(ht_buf *b, const void *data, size_t n)
{
	ht_buf_grow(b, n);
	memcpy(b->s + b->len, data, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void ht_buf_adds(ht_buf *b, const char *s) { ht_buf_add(b, s, strlen(s)); }

void ht_buf_addc(ht_buf *b, char c) { ht_buf_add(b, &c, 1); }

void ht_buf_addf(ht_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	ht_buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void ht_buf_reserve_table(ht_buf *b, size_t n)
{
	ht_buf_release(b);
	b->s = ht_xmalloc_table(n + 1);
	b->s[0] = '\0';
	b->cap = n + 1;
}

void ht_buf_truncate(ht_buf *b, size_t len)
{
	if (len >= b->len)
		return;
	b->len = len;
	if (b->cap)
		b->s[len] = '\0';
}

ht_status ht_error_set(ht_error *err, ht_status status, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->message, sizeof err->message, fmt, ap);
		va_end(ap);
		err->status = status;
	}
	return status;
}
