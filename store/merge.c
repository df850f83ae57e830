/* Copying the documents of one store into another (hutong merge): every row
 * that hangs on a document, with fresh row ids, inside one transaction per
 * source store. */
#include "store/corpus.h"

#include <stdlib.h>
#include <string.h>

enum {
	M_DOCS,
	M_FIND,
	M_DOC,
	M_VERSIONS,
	M_VERSION,
	M_PARAS,
	M_OFFSET,
	M_UNITS,
	M_TEXTS,
	M_BEADS,
	M_PROBLEMS,
	M_PROBLEM_LIST,
	M_COUNT
};

static const char *const sql[M_COUNT] = {
	"SELECT id, name, kind, original, hash, level, unit_count FROM src.documents ORDER BY name",
	"SELECT hash FROM main.documents WHERE name = ?1",
	"INSERT INTO main.documents(name, kind, original, hash, level, unit_count) VALUES (?1,?2,?3,?4,?5,?6)",
	"SELECT id, lang, path, hash, bytes, format, paragraphs FROM src.versions WHERE doc = ?1 ORDER BY id",
	"INSERT INTO main.versions(doc, lang, path, hash, bytes, format, paragraphs) VALUES (?1,?2,?3,?4,?5,?6,?7)",
	"INSERT INTO main.paragraphs(version, pos, pid, kind, label, text)"
	" SELECT ?1, pos, pid, kind, label, text FROM src.paragraphs WHERE version = ?2 ORDER BY pos",
	/* unit ids are shifted past the ones main has, so that texts follow by arithmetic */
	"SELECT (SELECT coalesce(max(id), 0) FROM main.units) + 1"
	" - coalesce((SELECT min(id) FROM src.units WHERE doc = ?1), 0)",
	"INSERT INTO main.units(id, doc, pos, uid, source, confidence)"
	" SELECT id + ?1, ?2, pos, uid, source, confidence FROM src.units WHERE doc = ?3 ORDER BY pos",
	"INSERT INTO main.texts(unit, lang, text, confidence)"
	" SELECT t.unit + ?1, t.lang, t.text, t.confidence FROM src.texts t"
	" JOIN src.units u ON u.id = t.unit WHERE u.doc = ?2 ORDER BY u.pos, t.lang",
	"INSERT INTO main.alignments(doc, lang, pos, src, tgt, type, confidence)"
	" SELECT ?1, lang, pos, src, tgt, type, confidence FROM src.alignments WHERE doc = ?2 ORDER BY id",
	"INSERT INTO main.problems(doc, path, message) SELECT ?1, path, message FROM src.problems"
	" WHERE doc = ?2 ORDER BY id",
	"SELECT path, message FROM src.problems WHERE doc = ?1 ORDER BY id",
};

typedef struct merger {
	sqlite3 *db;
	sqlite3_stmt *st[M_COUNT];
} merger;

static void finalize_all(merger *m)
{
	for (int i = 0; i < M_COUNT; i++) {
		sqlite3_finalize(m->st[i]);
		m->st[i] = NULL;
	}
}

static ht_status copy_versions(merger *m, sqlite3_int64 from, sqlite3_int64 to, ht_error *err)
{
	sqlite3_stmt *vs = m->st[M_VERSIONS], *ins = m->st[M_VERSION], *ps = m->st[M_PARAS];
	sqlite3_bind_int64(vs, 1, from);
	ht_status st = HT_OK;
	while (st == HT_OK && sqlite3_step(vs) == SQLITE_ROW) {
		sqlite3_bind_int64(ins, 1, to);
		for (int c = 1; c <= 6; c++)
			sqlite3_bind_value(ins, c + 1, sqlite3_column_value(vs, c));
		st = ht_db_run(ins, err);
		if (st != HT_OK)
			break;
		sqlite3_bind_int64(ps, 1, sqlite3_last_insert_rowid(m->db));
		sqlite3_bind_int64(ps, 2, sqlite3_column_int64(vs, 0));
		st = ht_db_run(ps, err);
	}
	sqlite3_reset(vs);
	return st;
}

static ht_status copy_units(merger *m, sqlite3_int64 from, sqlite3_int64 to, ht_error *err)
{
	sqlite3_stmt *off = m->st[M_OFFSET];
	sqlite3_bind_int64(off, 1, from);
	sqlite3_int64 shift = sqlite3_step(off) == SQLITE_ROW ? sqlite3_column_int64(off, 0) : 0;
	sqlite3_reset(off);
	sqlite3_stmt *u = m->st[M_UNITS], *t = m->st[M_TEXTS], *b = m->st[M_BEADS], *p = m->st[M_PROBLEMS];
	sqlite3_bind_int64(u, 1, shift);
	sqlite3_bind_int64(u, 2, to);
	sqlite3_bind_int64(u, 3, from);
	ht_status st = ht_db_run(u, err);
	if (st == HT_OK) {
		sqlite3_bind_int64(t, 1, shift);
		sqlite3_bind_int64(t, 2, from);
		st = ht_db_run(t, err);
	}
	if (st == HT_OK) {
		sqlite3_bind_int64(b, 1, to);
		sqlite3_bind_int64(b, 2, from);
		st = ht_db_run(b, err);
	}
	if (st == HT_OK) {
		sqlite3_bind_int64(p, 1, to);
		sqlite3_bind_int64(p, 2, from);
		st = ht_db_run(p, err);
	}
	return st;
}

static void collect_problems(merger *m, sqlite3_int64 doc, ht_problems *problems)
{
	sqlite3_stmt *st = m->st[M_PROBLEM_LIST];
	sqlite3_bind_int64(st, 1, doc);
	while (sqlite3_step(st) == SQLITE_ROW)
		ht_problems_add(problems, sqlite3_column_type(st, 0) == SQLITE_NULL ? NULL : ht_db_col(st, 0),
				"%s", ht_db_col(st, 1));
	sqlite3_reset(st);
}

/* One document: HT_OK and *copied 1, or kept once, or a conflict. */
static ht_status copy_document(merger *m, const char *src_path, ht_problems *problems, int *copied,
			       ht_error *err)
{
	sqlite3_stmt *d = m->st[M_DOCS], *find = m->st[M_FIND], *ins = m->st[M_DOC];
	const char *name = ht_db_col(d, 1), *hash = ht_db_col(d, 4);
	*copied = 0;
	ht_db_bind_str(find, 1, name);
	ht_status st = HT_OK;
	if (sqlite3_step(find) == SQLITE_ROW) {
		if (strcmp(ht_db_col(find, 0), hash) != 0)
			st = ht_error_set(err, HT_ERR_DATA,
					  "%s: document %s is in another store too, with other content: "
					  "a document belongs to one shard",
					  src_path, name);
		sqlite3_reset(find);
		return st;
	}
	sqlite3_reset(find);
	for (int c = 1; c <= 6; c++)
		sqlite3_bind_value(ins, c, sqlite3_column_value(d, c));
	if ((st = ht_db_run(ins, err)) != HT_OK)
		return st;
	sqlite3_int64 to = sqlite3_last_insert_rowid(m->db), from = sqlite3_column_int64(d, 0);
	st = copy_versions(m, from, to, err);
	if (st == HT_OK)
		st = copy_units(m, from, to, err);
	collect_problems(m, from, problems);
	*copied = st == HT_OK;
	return st;
}

ht_status ht_store_merge_into(sqlite3 *db, const char *src_path, ht_problems *problems,
			      size_t *copied, ht_error *err)
{
	*copied = 0;
	merger m = {db, {0}};
	sqlite3_stmt *attach = ht_db_prepare(db, "ATTACH DATABASE ?1 AS src", err);
	if (!attach)
		return HT_ERR_IO;
	ht_db_bind_str(attach, 1, src_path);
	ht_status st = ht_db_run(attach, err);
	sqlite3_finalize(attach);
	if (st != HT_OK)
		return st;
	for (int i = 0; i < M_COUNT && st == HT_OK; i++)
		if (!(m.st[i] = ht_db_prepare(db, sql[i], err)))
			st = HT_ERR_IO;
	if (st == HT_OK)
		st = ht_db_exec(db, "BEGIN", err);
	while (st == HT_OK && sqlite3_step(m.st[M_DOCS]) == SQLITE_ROW) {
		int one = 0;
		st = copy_document(&m, src_path, problems, &one, err);
		*copied += (size_t)one;
	}
	if (st == HT_OK)
		st = ht_db_exec(db, "COMMIT", err);
	else
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	finalize_all(&m);
	sqlite3_exec(db, "DETACH DATABASE src", NULL, NULL, NULL);
	return st;
}
