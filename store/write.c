/* Writing one ingested document into the store, replacing what the store
 * had under its NAME. */
#include "store/corpus.h"

#include <stdlib.h>
#include <string.h>

ht_status ht_store_delete_document(sqlite3 *db, const char *name, ht_error *err)
{
	sqlite3_stmt *st = ht_db_prepare(db, "DELETE FROM documents WHERE name = ?1", err);
	if (!st)
		return err ? err->status : HT_ERR_IO;
	ht_db_bind_str(st, 1, name);
	ht_status s = ht_db_run(st, err);
	sqlite3_finalize(st);
	return s;
}

enum {
	S_DOC,
	S_VERSION,
	S_PARA,
	S_UNIT,
	S_TEXT,
	S_BEAD,
	S_PROBLEM,
	S_COUNT
};

static const char *const sql[S_COUNT] = {
	"INSERT INTO documents(name, kind, original, hash, level, unit_count) VALUES (?1,?2,?3,?4,?5,?6)",
	"INSERT INTO versions(doc, lang, path, hash, bytes, format, paragraphs) VALUES (?1,?2,?3,?4,?5,?6,?7)",
	"INSERT INTO paragraphs(version, pos, pid, kind, label, text) VALUES (?1,?2,?3,?4,?5,?6)",
	"INSERT INTO units(doc, pos, uid, source, confidence) VALUES (?1,?2,?3,?4,?5)",
	"INSERT INTO texts(unit, lang, text, confidence) VALUES (?1,?2,?3,?4)",
	"INSERT INTO alignments(doc, lang, pos, src, tgt, type, confidence) VALUES (?1,?2,?3,?4,?5,?6,?7)",
	"INSERT INTO problems(doc, path, message) VALUES (?1,?2,?3)",
};

typedef struct writer {
	sqlite3 *db;
	sqlite3_stmt *st[S_COUNT];
} writer;

static ht_status writer_open(writer *w, sqlite3 *db, ht_error *err)
{
	memset(w, 0, sizeof *w);
	w->db = db;
	for (int i = 0; i < S_COUNT; i++)
		if (!(w->st[i] = ht_db_prepare(db, sql[i], err)))
			return HT_ERR_IO;
	return HT_OK;
}

static void writer_close(writer *w)
{
	for (int i = 0; i < S_COUNT; i++)
		sqlite3_finalize(w->st[i]);
}

static ht_status write_paragraphs(writer *w, sqlite3_int64 version, const ht_doc *doc, ht_error *err)
{
	sqlite3_stmt *st = w->st[S_PARA];
	ht_status s = HT_OK;
	for (size_t i = 0; i < ht_doc_para_count(doc) && s == HT_OK; i++) {
		const ht_para *p = ht_doc_para(doc, i);
		sqlite3_bind_int64(st, 1, version);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		ht_db_bind_str(st, 3, ht_para_id(p));
		ht_db_bind_str(st, 4, ht_para_kind_name(ht_para_kind_of(p)));
		ht_db_bind_str(st, 5, ht_para_label(p));
		ht_db_bind_text(st, 6, ht_para_text(p), ht_para_text_len(p));
		s = ht_db_run(st, err);
	}
	return s;
}

static ht_status write_versions(writer *w, sqlite3_int64 doc, const ht_part *part, ht_error *err)
{
	sqlite3_stmt *st = w->st[S_VERSION];
	ht_status s = HT_OK;
	for (size_t i = 0; i < part->nversions && s == HT_OK; i++) {
		const ht_part_version *v = &part->versions[i];
		sqlite3_bind_int64(st, 1, doc);
		ht_db_bind_str(st, 2, v->lang);
		ht_db_bind_str(st, 3, v->path);
		ht_db_bind_str(st, 4, v->hash);
		sqlite3_bind_int64(st, 5, (sqlite3_int64)v->bytes);
		ht_db_bind_str(st, 6, v->format);
		sqlite3_bind_int64(st, 7, v->doc ? (sqlite3_int64)ht_doc_para_count(v->doc) : 0);
		s = ht_db_run(st, err);
		if (s == HT_OK && v->doc)
			s = write_paragraphs(w, sqlite3_last_insert_rowid(w->db), v->doc, err);
	}
	return s;
}

static ht_status write_units(writer *w, sqlite3_int64 doc, const ht_part *part, ht_error *err)
{
	const ht_tm *tm = part->tm;
	size_t nl = ht_tm_lang_count(tm);
	ht_status s = HT_OK;
	for (size_t u = 0; u < ht_tm_unit_count(tm) && s == HT_OK; u++) {
		sqlite3_stmt *st = w->st[S_UNIT];
		sqlite3_bind_int64(st, 1, doc);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)u);
		ht_db_bind_str(st, 3, ht_tm_unit_id(tm, u));
		ht_db_bind_str(st, 4, part->sources ? part->sources[u] : NULL);
		double c = ht_tm_confidence(tm, u);
		if (c >= 0)
			sqlite3_bind_double(st, 5, c);
		else
			sqlite3_bind_null(st, 5);
		if ((s = ht_db_run(st, err)) != HT_OK)
			break;
		sqlite3_int64 unit = sqlite3_last_insert_rowid(w->db);
		for (size_t l = 0; l < nl && s == HT_OK; l++) {
			size_t len;
			const char *seg = ht_tm_seg(tm, u, l, &len);
			if (!seg)
				continue;
			sqlite3_stmt *t = w->st[S_TEXT];
			sqlite3_bind_int64(t, 1, unit);
			ht_db_bind_str(t, 2, ht_tm_lang(tm, l));
			ht_db_bind_text(t, 3, seg, len);
			double c = part->text_conf ? part->text_conf[u * nl + l] : -1;
			if (c >= 0)
				sqlite3_bind_double(t, 4, c);
			else
				sqlite3_bind_null(t, 4);
			s = ht_db_run(t, err);
		}
	}
	return s;
}

static ht_status write_beads(writer *w, sqlite3_int64 doc, const ht_part *part, ht_error *err)
{
	sqlite3_stmt *st = w->st[S_BEAD];
	ht_status s = HT_OK;
	char type[48];
	for (size_t i = 0; i < part->nbeads && s == HT_OK; i++) {
		const ht_part_bead *b = &part->beads[i];
		snprintf(type, sizeof type, "%zu-%zu", b->nsrc, b->ntgt);
		sqlite3_bind_int64(st, 1, doc);
		ht_db_bind_str(st, 2, part->versions[b->version].lang);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)i);
		ht_db_bind_str(st, 4, b->src);
		ht_db_bind_str(st, 5, b->tgt);
		ht_db_bind_str(st, 6, type);
		sqlite3_bind_double(st, 7, b->confidence);
		s = ht_db_run(st, err);
	}
	return s;
}

static ht_status write_problems(writer *w, sqlite3_int64 doc, const ht_part *part, ht_error *err)
{
	sqlite3_stmt *st = w->st[S_PROBLEM];
	ht_status s = HT_OK;
	for (size_t i = 0; i < part->problems.n && s == HT_OK; i++) {
		sqlite3_bind_int64(st, 1, doc);
		ht_db_bind_str(st, 2, part->problems.v[i].path);
		ht_db_bind_str(st, 3, part->problems.v[i].message);
		s = ht_db_run(st, err);
	}
	return s;
}

ht_status ht_store_write_part(sqlite3 *db, const ht_part *part, ht_error *err)
{
	writer w;
	ht_status s = writer_open(&w, db, err);
	if (s == HT_OK)
		s = ht_store_delete_document(db, part->group->name, err);
	if (s == HT_OK) {
		sqlite3_stmt *st = w.st[S_DOC];
		ht_db_bind_str(st, 1, part->group->name);
		ht_db_bind_str(st, 2, ht_group_kind_name(part->group->kind));
		ht_db_bind_str(st, 3, part->original ? part->original : "und");
		ht_db_bind_str(st, 4, part->hash);
		ht_db_bind_str(st, 5, part->level ? part->level : "sentence");
		sqlite3_bind_int64(st, 6, part->tm ? (sqlite3_int64)ht_tm_unit_count(part->tm) : 0);
		s = ht_db_run(st, err);
	}
	sqlite3_int64 doc = sqlite3_last_insert_rowid(db);
	if (s == HT_OK)
		s = write_problems(&w, doc, part, err);
	if (s == HT_OK && part->tm) {
		s = write_versions(&w, doc, part, err);
		if (s == HT_OK)
			s = write_units(&w, doc, part, err);
		if (s == HT_OK)
			s = write_beads(&w, doc, part, err);
	}
	writer_close(&w);
	return s;
}
