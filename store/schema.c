/* The store's schema, its version, and opening a store for reading or writing. */
#include "store/store-internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* Version 1.  Texts are indexed by triggers, so that whatever writes texts
 * (the builder, later the corrections of `hutong serve`) keeps both indexes
 * right; 'rebuild' must never be used on them, since each index holds only
 * the languages it is for.  The trigram indexes see each text followed by a
 * line feed, so that every one- or two-character piece of it starts some
 * trigram (the lookup finds short Chinese queries through the trigrams they
 * start, FTS5 matching nothing shorter than three characters).  Row ids are internal: outputs and corrections
 * name documents by NAME and units by their stable uid. */
static const char schema_sql[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;\n"
	"CREATE TABLE documents(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,\n"
	"  kind TEXT NOT NULL CHECK(kind IN ('document','lines','table')),\n"
	"  original TEXT NOT NULL, hash TEXT NOT NULL, level TEXT NOT NULL,\n"
	"  unit_count INTEGER NOT NULL DEFAULT 0);\n"
	"CREATE TABLE versions(id INTEGER PRIMARY KEY,\n"
	"  doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
	"  lang TEXT NOT NULL, path TEXT NOT NULL, hash TEXT NOT NULL, bytes INTEGER NOT NULL,\n"
	"  format TEXT NOT NULL, paragraphs INTEGER NOT NULL DEFAULT 0, UNIQUE(doc, lang));\n"
	"CREATE TABLE paragraphs(id INTEGER PRIMARY KEY,\n"
	"  version INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,\n"
	"  pos INTEGER NOT NULL, pid TEXT NOT NULL, kind TEXT NOT NULL, label TEXT,\n"
	"  text TEXT NOT NULL);\n"
	"CREATE INDEX paragraphs_version ON paragraphs(version, pos);\n"
	"CREATE TABLE units(id INTEGER PRIMARY KEY,\n"
	"  doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
	"  pos INTEGER NOT NULL, uid TEXT NOT NULL, source TEXT, confidence REAL,\n"
	"  UNIQUE(doc, pos));\n"
	"CREATE INDEX units_uid ON units(doc, uid);\n"
	"CREATE TABLE texts(id INTEGER PRIMARY KEY,\n"
	"  unit INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,\n"
	"  lang TEXT NOT NULL, text TEXT NOT NULL, confidence REAL, UNIQUE(unit, lang));\n"
	"CREATE INDEX texts_lang ON texts(lang);\n"
	"CREATE TABLE alignments(id INTEGER PRIMARY KEY,\n"
	"  doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
	"  lang TEXT NOT NULL, pos INTEGER NOT NULL, src TEXT NOT NULL, tgt TEXT NOT NULL,\n"
	"  type TEXT NOT NULL, confidence REAL NOT NULL);\n"
	"CREATE INDEX alignments_doc ON alignments(doc, lang, pos);\n"
	"CREATE TABLE problems(id INTEGER PRIMARY KEY,\n"
	"  doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
	"  path TEXT, message TEXT NOT NULL);\n"
	"CREATE INDEX problems_doc ON problems(doc);\n"
	"CREATE TABLE terms(id INTEGER PRIMARY KEY, lang TEXT NOT NULL, rank INTEGER NOT NULL,\n"
	"  term TEXT NOT NULL, key TEXT NOT NULL, freq INTEGER NOT NULL, score REAL NOT NULL);\n"
	"CREATE INDEX terms_lang ON terms(lang, rank);\n"
	"CREATE TABLE occurrences(\n"
	"  term INTEGER NOT NULL REFERENCES terms(id) ON DELETE CASCADE,\n"
	"  unit INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,\n"
	"  PRIMARY KEY(term, unit)) WITHOUT ROWID;\n"
	"CREATE INDEX occurrences_unit ON occurrences(unit);\n"
	"CREATE TABLE glossary(id INTEGER PRIMARY KEY, src_lang TEXT NOT NULL,\n"
	"  tgt_lang TEXT NOT NULL, rank INTEGER NOT NULL, source TEXT NOT NULL,\n"
	"  target TEXT NOT NULL, source_key TEXT NOT NULL, target_key TEXT NOT NULL,\n"
	"  freq INTEGER NOT NULL, dice REAL NOT NULL, confidence REAL NOT NULL,\n"
	"  example_doc TEXT, example_unit TEXT, suggestion INTEGER NOT NULL DEFAULT 0);\n"
	"CREATE INDEX glossary_source ON glossary(source_key, src_lang);\n"
	"CREATE INDEX glossary_target ON glossary(target_key);\n"
	"CREATE TABLE concepts(id INTEGER PRIMARY KEY, rank INTEGER NOT NULL);\n"
	"CREATE TABLE concept_terms(id INTEGER PRIMARY KEY,\n"
	"  concept INTEGER NOT NULL REFERENCES concepts(id) ON DELETE CASCADE,\n"
	"  lang TEXT NOT NULL, term TEXT NOT NULL, key TEXT NOT NULL, freq INTEGER NOT NULL,\n"
	"  score REAL NOT NULL, confidence REAL NOT NULL,\n"
	"  origin TEXT NOT NULL CHECK(origin IN ('corpus','termbase','dictionary')),\n"
	"  attested INTEGER NOT NULL, example_doc TEXT, example_unit TEXT, alt TEXT,\n"
	"  UNIQUE(concept, lang));\n"
	"CREATE INDEX concept_terms_key ON concept_terms(key);\n"
	"CREATE TABLE lexicon(id INTEGER PRIMARY KEY, lang TEXT NOT NULL, term TEXT NOT NULL,\n"
	"  folded TEXT NOT NULL, chars INTEGER NOT NULL, weight INTEGER NOT NULL,\n"
	"  UNIQUE(lang, folded));\n"
	"CREATE VIRTUAL TABLE lexicon_index USING fts5(folded, content='lexicon',\n"
	"  content_rowid='id', tokenize='trigram');\n"
	"CREATE VIRTUAL TABLE text_trigram USING fts5(text, content='texts', content_rowid='id',\n"
	"  tokenize='trigram');\n"
	"CREATE VIRTUAL TABLE text_words USING fts5(text, content='texts', content_rowid='id',\n"
	"  tokenize='unicode61 remove_diacritics 2');\n"
	"CREATE TRIGGER texts_ai AFTER INSERT ON texts BEGIN\n"
	"  INSERT INTO text_trigram(rowid, text) SELECT new.id, new.text || char(10)\n"
	"    WHERE new.lang IN ('zh','ja');\n"
	"  INSERT INTO text_words(rowid, text) SELECT new.id, new.text WHERE new.lang NOT IN ('zh','ja');\n"
	"END;\n"
	"CREATE TRIGGER texts_ad AFTER DELETE ON texts BEGIN\n"
	"  INSERT INTO text_trigram(text_trigram, rowid, text)\n"
	"    SELECT 'delete', old.id, old.text || char(10) WHERE old.lang IN ('zh','ja');\n"
	"  INSERT INTO text_words(text_words, rowid, text)\n"
	"    SELECT 'delete', old.id, old.text WHERE old.lang NOT IN ('zh','ja');\n"
	"END;\n"
	"CREATE TRIGGER texts_au AFTER UPDATE ON texts BEGIN\n"
	"  INSERT INTO text_trigram(text_trigram, rowid, text)\n"
	"    SELECT 'delete', old.id, old.text || char(10) WHERE old.lang IN ('zh','ja');\n"
	"  INSERT INTO text_words(text_words, rowid, text)\n"
	"    SELECT 'delete', old.id, old.text WHERE old.lang NOT IN ('zh','ja');\n"
	"  INSERT INTO text_trigram(rowid, text) SELECT new.id, new.text || char(10)\n"
	"    WHERE new.lang IN ('zh','ja');\n"
	"  INSERT INTO text_words(rowid, text) SELECT new.id, new.text WHERE new.lang NOT IN ('zh','ja');\n"
	"END;\n"
	"CREATE TRIGGER lexicon_ai AFTER INSERT ON lexicon BEGIN\n"
	"  INSERT INTO lexicon_index(rowid, folded) VALUES (new.id, new.folded || char(10));\n"
	"END;\n"
	"CREATE TRIGGER lexicon_ad AFTER DELETE ON lexicon BEGIN\n"
	"  INSERT INTO lexicon_index(lexicon_index, rowid, folded)\n"
	"    VALUES ('delete', old.id, old.folded || char(10));\n"
	"END;\n";

int ht_store_lang_is_cjk(const char *lang)
{
	return strcmp(lang, "zh") == 0 || strcmp(lang, "ja") == 0;
}

static int un_rank(const char *lang)
{
	for (int i = 0; ht_un_languages[i]; i++)
		if (strcmp(ht_un_languages[i], lang) == 0)
			return i;
	return 100;
}

int ht_store_lang_cmp(const char *a, const char *b, const char *original)
{
	int oa = original && strcmp(a, original) == 0, ob = original && strcmp(b, original) == 0;
	if (oa != ob)
		return ob - oa;
	int ra = un_rank(a), rb = un_rank(b);
	if (ra != rb)
		return ra - rb;
	return strcmp(a, b);
}

void ht_store_sort_langs(char **tags, size_t n, const char *original)
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && ht_store_lang_cmp(tags[j - 1], tags[j], original) > 0; j--) {
			char *t = tags[j];
			tags[j] = tags[j - 1];
			tags[j - 1] = t;
		}
}

void ht_hash128_hex(const ht_hash128 *h, char out[33])
{
	snprintf(out, 33, "%016llx%016llx", (unsigned long long)h->a, (unsigned long long)h->b);
}

ht_status ht_db_fail(sqlite3 *db, ht_error *err, const char *what)
{
	const char *file = db ? sqlite3_db_filename(db, "main") : NULL;
	int code = db ? sqlite3_errcode(db) : SQLITE_ERROR;
	ht_status st = code == SQLITE_FULL || code == SQLITE_IOERR || code == SQLITE_CANTOPEN ||
				       code == SQLITE_READONLY
			       ? HT_ERR_IO
			       : code == SQLITE_CORRUPT || code == SQLITE_NOTADB ? HT_ERR_DATA : HT_ERR_IO;
	return ht_error_set(err, st, "%s: %s: %s", file && *file ? file : "store", what,
			    db ? sqlite3_errmsg(db) : "out of memory");
}

ht_status ht_db_exec(sqlite3 *db, const char *sql, ht_error *err)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return ht_db_fail(db, err, "cannot write");
	return HT_OK;
}

sqlite3_stmt *ht_db_prepare(sqlite3 *db, const char *sql, ht_error *err)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		ht_db_fail(db, err, "cannot query");
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

ht_status ht_db_run(sqlite3_stmt *st, ht_error *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return ht_db_fail(sqlite3_db_handle(st), err, "cannot write");
	return HT_OK;
}

char *ht_db_meta_get(sqlite3 *db, const char *key)
{
	sqlite3_stmt *st = NULL;
	char *value = NULL;
	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?1", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		value = ht_xstrdup(ht_db_col(st, 0));
	sqlite3_finalize(st);
	return value;
}

ht_status ht_db_meta_set(sqlite3 *db, const char *key, const char *value, ht_error *err)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)", -1, &st,
			       NULL) != SQLITE_OK)
		return ht_db_fail(db, err, "cannot write");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	ht_status s = ht_db_run(st, err);
	sqlite3_finalize(st);
	return s;
}

int ht_db_schema_version(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE name = 'meta'", -1,
				    &st, NULL);
	if (rc != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return -1;
	}
	int has_meta = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (!has_meta)
		return 0;
	char *v = ht_db_meta_get(db, "schema_version");
	int version = v ? atoi(v) : 0;
	free(v);
	return version > 0 ? version : 0;
}

/* "this is not the schema we read" in words a user can act on */
static ht_status version_error(const char *path, int version, ht_error *err)
{
	if (version < 0)
		return ht_error_set(err, HT_ERR_DATA, "%s: not a hutong store (not an SQLite database)",
				    path);
	if (version == 0)
		return ht_error_set(err, HT_ERR_DATA, "%s: not a hutong store (no hutong schema in it)",
				    path);
	return ht_error_set(err, HT_ERR_DATA,
			    "%s: store schema version %d; this hutong (%s) reads version %d: %s", path,
			    version, ht_version(), HT_STORE_SCHEMA_VERSION,
			    version < HT_STORE_SCHEMA_VERSION ? "rebuild it with hutong build"
							      : "use the hutong that wrote it");
}

static void set_read_pragmas(sqlite3 *db)
{
	/* lookups read at random over the whole file: map it rather than copy pages */
	sqlite3_exec(db, "PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -16384;", NULL, NULL,
		     NULL);
}

ht_status ht_db_open_read(const char *path, sqlite3 **out, ht_error *err)
{
	*out = NULL;
	if (access(path, R_OK) != 0)
		return ht_error_set(err, HT_ERR_IO, "%s: cannot open the store: %s", path,
				    strerror(errno));
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		ht_status st = ht_db_fail(db, err, "cannot open the store");
		sqlite3_close(db);
		return st;
	}
	sqlite3_busy_timeout(db, 5000);
	int version = ht_db_schema_version(db);
	if (version != HT_STORE_SCHEMA_VERSION) {
		sqlite3_close(db);
		return version_error(path, version, err);
	}
	set_read_pragmas(db);
	*out = db;
	return HT_OK;
}

static ht_status create_schema(sqlite3 *db, ht_error *err)
{
	char v[16];
	snprintf(v, sizeof v, "%d", HT_STORE_SCHEMA_VERSION);
	ht_status st = ht_db_exec(db, "BEGIN", err);
	if (st == HT_OK)
		st = ht_db_exec(db, schema_sql, err);
	if (st == HT_OK)
		st = ht_db_meta_set(db, "schema_version", v, err);
	if (st == HT_OK)
		st = ht_db_meta_set(db, "created_by", ht_version(), err);
	if (st == HT_OK)
		return ht_db_exec(db, "COMMIT", err);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return st;
}

ht_status ht_db_open_write(const char *path, sqlite3 **out, ht_error *err)
{
	*out = NULL;
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		ht_status st = ht_db_fail(db, err, "cannot create the store");
		sqlite3_close(db);
		return st;
	}
	/* a private copy, renamed into place when complete: no journal is needed
	 * to survive a crash, since a crash leaves the old store untouched */
	ht_status st = ht_db_exec(db,
				  "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
				  "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;"
				  "PRAGMA cache_size = -65536;",
				  err);
	int version = st == HT_OK ? ht_db_schema_version(db) : -1;
	if (st == HT_OK && version == 0)
		st = create_schema(db, err);
	else if (st == HT_OK && version != HT_STORE_SCHEMA_VERSION)
		st = version_error(path, version, err);
	if (st != HT_OK) {
		sqlite3_close(db);
		return st;
	}
	*out = db;
	return HT_OK;
}

/* ---- the public reading interface ---- */

ht_status ht_store_open(const char *path, ht_store **out, ht_error *err)
{
	sqlite3 *db;
	*out = NULL;
	ht_status st = ht_db_open_read(path, &db, err);
	if (st != HT_OK)
		return st;
	ht_store *s = ht_xcalloc(1, sizeof *s);
	s->db = db;
	s->path = ht_xstrdup(path);
	*out = s;
	return HT_OK;
}

void ht_store_close(ht_store *s)
{
	if (!s)
		return;
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

int ht_store_schema_version_of(const char *path)
{
	sqlite3 *db = NULL;
	if (access(path, R_OK) != 0 ||
	    sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return -1;
	}
	int v = ht_db_schema_version(db);
	sqlite3_close(db);
	return v;
}

static size_t count_rows(sqlite3 *db, const char *table)
{
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	sqlite3_stmt *st = NULL;
	size_t n = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

ht_status ht_store_count(ht_store *s, ht_store_counts *c, ht_error *err)
{
	memset(c, 0, sizeof *c);
	c->documents = count_rows(s->db, "documents");
	c->versions = count_rows(s->db, "versions");
	c->units = count_rows(s->db, "units");
	c->texts = count_rows(s->db, "texts");
	c->beads = count_rows(s->db, "alignments");
	c->terms = count_rows(s->db, "terms");
	c->glossary_entries = count_rows(s->db, "glossary");
	return HT_OK;
}
