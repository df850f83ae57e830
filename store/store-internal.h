/* Internal to store/: the SQLite connection, the schema and small statement
 * helpers shared by the builder, the merger and lookups. */
#ifndef HT_STORE_INTERNAL_H
#define HT_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>
#include <string.h>

#include "common/util.h"
#include "hutong/store.h"

struct ht_store {
	sqlite3 *db;
	char *path;
};

/* Open `path` read-only and check its schema version (the messages of
 * ht_store_open). */
ht_status ht_db_open_read(const char *path, sqlite3 **out, ht_error *err);
/* Open `path` for writing, creating the schema in an empty file; an existing
 * store must have this schema version.  Foreign keys on, no journal: the
 * builder writes a private copy that replaces the store only when complete. */
ht_status ht_db_open_write(const char *path, sqlite3 **out, ht_error *err);
/* The version in meta, 0 when the database has no hutong schema, -1 when it
 * is not a readable database. */
int ht_db_schema_version(sqlite3 *db);

/* err from the connection's last error: "PATH: WHAT: sqlite message". */
ht_status ht_db_fail(sqlite3 *db, ht_error *err, const char *what);
ht_status ht_db_exec(sqlite3 *db, const char *sql, ht_error *err);
/* Prepare sql; NULL with err set on failure. */
sqlite3_stmt *ht_db_prepare(sqlite3 *db, const char *sql, ht_error *err);
/* Step a statement that returns no rows and reset it: HT_OK or the error. */
ht_status ht_db_run(sqlite3_stmt *st, ht_error *err);

/* Bind helpers (index from 1); text is copied by SQLite. */
static inline void ht_db_bind_text(sqlite3_stmt *st, int i, const char *s, size_t len)
{
	if (s)
		sqlite3_bind_text(st, i, s, (int)len, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}
static inline void ht_db_bind_str(sqlite3_stmt *st, int i, const char *s)
{
	ht_db_bind_text(st, i, s, s ? strlen(s) : 0);
}
/* Column text as a C string ("" for NULL; valid until the next step). */
static inline const char *ht_db_col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? (const char *)s : "";
}

/* meta(key, value) */
char *ht_db_meta_get(sqlite3 *db, const char *key); /* malloc'd, NULL when absent */
ht_status ht_db_meta_set(sqlite3 *db, const char *key, const char *value, ht_error *err);

/* ---- content hashes ----
 * 128 bits from two FNV-1a streams with different offset bases: enough to
 * tell whether an input changed (not a cryptographic digest). */
typedef struct ht_hash128 {
	uint64_t a, b;
} ht_hash128;

#define HT_HASH128_INIT {HT_HASH_SEED, 0x84222325cbf29ce4ULL}
static inline void ht_hash128_add(ht_hash128 *h, const void *data, size_t n)
{
	h->a = ht_hash_more(h->a, data, n);
	h->b = ht_hash_more(h->b, data, n);
}
/* Add a string and its terminating NUL, so that "ab"+"c" differs from "a"+"bc". */
static inline void ht_hash128_adds(ht_hash128 *h, const char *s)
{
	ht_hash128_add(h, s ? s : "", (s ? strlen(s) : 0) + 1);
}
/* 32 hex digits and a NUL. */
void ht_hash128_hex(const ht_hash128 *h, char out[33]);

/* Languages whose texts go under the trigram index (no spaces between words). */
int ht_store_lang_is_cjk(const char *lang);
/* Order of languages in outputs: the original, then the six UN languages in
 * UN order, then the others by name.  qsort-style comparison with the
 * original given. */
int ht_store_lang_cmp(const char *a, const char *b, const char *original);
/* Sort tags[0..n) in that order (a handful: insertion sort, stable). */
void ht_store_sort_langs(char **tags, size_t n, const char *original);

#endif
