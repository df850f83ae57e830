/* What a corpus gives beyond its units: the term candidates of each
 * language, the glossary of every pair with the original, and the lexicon
 * that near matches are found in.  All of it comes from the units in the
 * store, read in one order (documents by name, units by position), so that
 * a store merged from shards gives the same terms and glossaries as a
 * one-shot build, byte for byte. */
#include "store/corpus.h"

#include <stdlib.h>
#include <string.h>

#include "common/parallel.h"
#include "hutong/bilingual.h"
#include "hutong/termbase.h"
#include "hutong/terms.h"
#include "store/fold.h"

/* Term candidates kept per language, with their occurrences. */
#define TERMS_KEPT 2000

/* ---- the store as a translation memory ---- */

static const char load_langs_all[] = "SELECT DISTINCT lang FROM texts";
static const char load_langs_doc[] =
	"SELECT DISTINCT t.lang FROM documents d JOIN units u ON u.doc = d.id"
	" JOIN texts t ON t.unit = u.id WHERE d.name = ?1";
static const char load_units_all[] =
	"SELECT d.name, u.uid, u.confidence, t.lang, t.text, u.id FROM documents d"
	" JOIN units u ON u.doc = d.id JOIN texts t ON t.unit = u.id ORDER BY d.name, u.pos, t.lang";
static const char load_units_doc[] =
	"SELECT d.name, u.uid, u.confidence, t.lang, t.text, u.id FROM documents d"
	" JOIN units u ON u.doc = d.id JOIN texts t ON t.unit = u.id WHERE d.name = ?1"
	" ORDER BY u.pos, t.lang";

/* A tm over the languages the statement lists, in the store's order. */
static ht_tm *tm_with_langs(sqlite3_stmt *langs, const char *original)
{
	char **names = NULL;
	size_t n = 0, cap = 0;
	while (sqlite3_step(langs) == SQLITE_ROW) {
		HT_GROW(names, n + 1, cap);
		names[n++] = ht_xstrdup(ht_db_col(langs, 0));
	}
	ht_store_sort_langs(names, n, original);
	ht_tm *tm = ht_tm_new(original);
	for (size_t i = 0; i < n; i++) {
		ht_tm_add_lang(tm, names[i]);
		free(names[i]);
	}
	free(names);
	return tm;
}

ht_tm *ht_store_load_tm(sqlite3 *db, const char *original, const char *doc_name,
			sqlite3_int64 **rowids, ht_error *err)
{
	sqlite3_stmt *langs = ht_db_prepare(db, doc_name ? load_langs_doc : load_langs_all, err);
	sqlite3_stmt *st = ht_db_prepare(db, doc_name ? load_units_doc : load_units_all, err);
	if (!langs || !st) {
		sqlite3_finalize(langs);
		sqlite3_finalize(st);
		return NULL;
	}
	if (doc_name) {
		ht_db_bind_str(langs, 1, doc_name);
		ht_db_bind_str(st, 1, doc_name);
	}
	ht_tm *tm = tm_with_langs(langs, original);
	sqlite3_finalize(langs);
	sqlite3_int64 last = -1, *ids = NULL;
	size_t u = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(st, 5);
		if (id != last) {
			double c = sqlite3_column_type(st, 2) == SQLITE_NULL ? -1 : sqlite3_column_double(st, 2);
			u = ht_tm_add_unit(tm, ht_db_col(st, 0), ht_db_col(st, 1), c);
			if (rowids) {
				HT_GROW(ids, u + 1, cap);
				ids[u] = id;
			}
			last = id;
		}
		int l = ht_tm_lang_index(tm, ht_db_col(st, 3));
		ht_tm_set_seg(tm, u, (size_t)l, ht_db_col(st, 4), (size_t)sqlite3_column_bytes(st, 4));
	}
	if (rc != SQLITE_DONE) {
		ht_db_fail(db, err, "cannot read");
		ht_tm_free(tm);
		free(ids);
		tm = NULL;
		ids = NULL;
	}
	sqlite3_finalize(st);
	if (rowids)
		*rowids = ids;
	return tm;
}

/* ---- terms ---- */

typedef struct terms_job {
	const ht_tm *tm;
	const ht_dict *zh_dict;
	ht_termset **sets; /* per language index */
	size_t **units;    /* per language: termset unit -> tm unit */
} terms_job;

static void rank_language(void *ctx, size_t l, size_t worker)
{
	terms_job *j = ctx;
	const ht_tm *tm = j->tm;
	ht_termset *ts = ht_termset_new(ht_tm_lang(tm, l));
	if (j->zh_dict && strcmp(ht_tm_lang(tm, l), "zh") == 0)
		ht_termset_set_dict(ts, j->zh_dict);
	size_t n = ht_tm_unit_count(tm), k = 0;
	size_t *map = ht_xmalloc((n ? n : 1) * sizeof *map);
	for (size_t u = 0; u < n; u++) {
		size_t len;
		const char *seg = ht_tm_seg(tm, u, l, &len);
		if (!seg)
			continue;
		ht_termset_add_text(ts, seg, len, ht_tm_doc(tm, u), ht_tm_unit_id(tm, u));
		map[k++] = u;
	}
	ht_error err = {0};
	if (ht_termset_rank(ts, 2, &err) != HT_OK) {
		ht_termset_free(ts);
		ts = NULL;
	}
	j->sets[l] = ts;
	j->units[l] = map;
}

static ht_status store_terms(sqlite3 *db, const terms_job *j, const sqlite3_int64 *rowids,
			     ht_error *err)
{
	sqlite3_stmt *t = ht_db_prepare(
		db, "INSERT INTO terms(lang, rank, term, key, freq, score) VALUES (?1,?2,?3,?4,?5,?6)", err);
	sqlite3_stmt *o = ht_db_prepare(db, "INSERT OR IGNORE INTO occurrences(term, unit) VALUES (?1,?2)",
					err);
	ht_status s = t && o ? HT_OK : HT_ERR_IO;
	for (size_t l = 0; l < ht_tm_lang_count(j->tm) && s == HT_OK; l++) {
		const ht_termset *ts = j->sets[l];
		size_t n = ts ? ht_termset_count(ts) : 0;
		for (size_t i = 0; i < n && i < TERMS_KEPT && s == HT_OK; i++) {
			ht_db_bind_str(t, 1, ht_tm_lang(j->tm, l));
			sqlite3_bind_int64(t, 2, (sqlite3_int64)i + 1);
			ht_db_bind_str(t, 3, ht_termset_term(ts, i));
			ht_db_bind_str(t, 4, ht_termset_key(ts, i));
			sqlite3_bind_int64(t, 5, (sqlite3_int64)ht_termset_freq(ts, i));
			sqlite3_bind_double(t, 6, ht_termset_score(ts, i));
			if ((s = ht_db_run(t, err)) != HT_OK)
				break;
			sqlite3_int64 term = sqlite3_last_insert_rowid(db);
			size_t nu;
			const size_t *units = ht_termset_units(ts, i, &nu);
			for (size_t k = 0; k < nu && s == HT_OK; k++) {
				sqlite3_bind_int64(o, 1, term);
				sqlite3_bind_int64(o, 2, rowids[j->units[l][units[k]]]);
				s = ht_db_run(o, err);
			}
		}
	}
	sqlite3_finalize(t);
	sqlite3_finalize(o);
	return s;
}

/* ---- glossaries ---- */

static ht_status store_glossary(sqlite3 *db, const ht_glossary *g, ht_error *err)
{
	sqlite3_stmt *st = ht_db_prepare(
		db,
		"INSERT INTO glossary(src_lang, tgt_lang, rank, source, target, source_key, target_key,"
		" freq, dice, confidence, example_doc, example_unit, suggestion)"
		" VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)",
		err);
	if (!st)
		return HT_ERR_IO;
	ht_buf sk = HT_BUF_INIT, tk = HT_BUF_INIT;
	ht_status s = HT_OK;
	for (size_t i = 0; i < ht_glossary_count(g) && s == HT_OK; i++) {
		const ht_gloss_entry *e = ht_glossary_entry(g, i);
		ht_buf_reset(&sk);
		ht_buf_reset(&tk);
		ht_fold_into(e->source, strlen(e->source), &sk);
		ht_fold_into(e->target, strlen(e->target), &tk);
		ht_db_bind_str(st, 1, ht_glossary_from(g));
		ht_db_bind_str(st, 2, ht_glossary_to(g));
		sqlite3_bind_int64(st, 3, (sqlite3_int64)i + 1);
		ht_db_bind_str(st, 4, e->source);
		ht_db_bind_str(st, 5, e->target);
		ht_db_bind_str(st, 6, sk.s);
		ht_db_bind_str(st, 7, tk.s);
		sqlite3_bind_int64(st, 8, (sqlite3_int64)e->freq);
		sqlite3_bind_double(st, 9, e->score);
		sqlite3_bind_double(st, 10, e->confidence);
		ht_db_bind_str(st, 11, e->example_doc);
		ht_db_bind_str(st, 12, e->example_unit);
		sqlite3_bind_int(st, 13, e->suggestion);
		s = ht_db_run(st, err);
	}
	ht_buf_release(&sk);
	ht_buf_release(&tk);
	sqlite3_finalize(st);
	return s;
}

/* Units that have both languages: a pair needs a few to say anything. */
static size_t shared_units(const ht_tm *tm, size_t a, size_t b)
{
	size_t n = 0, len;
	for (size_t u = 0; u < ht_tm_unit_count(tm); u++)
		n += ht_tm_seg(tm, u, a, &len) && ht_tm_seg(tm, u, b, &len);
	return n;
}

static void progress(const ht_derive_opts *o, const char *stage, size_t done, size_t total)
{
	if (!o->on_event)
		return;
	ht_build_event ev = {HT_BUILD_PROGRESS, stage, done, total, NULL, NULL};
	o->on_event(o->event_ctx, &ev);
}

static int cancelled(const ht_derive_opts *o) { return o->cancel && *o->cancel; }

static const char *origin_name(ht_tb_origin o)
{
	return o == HT_TB_TERMBASE ? "termbase" : o == HT_TB_DICTIONARY ? "dictionary" : "corpus";
}

/* The termbase's concepts and terms, in its order. */
static ht_status store_termbase(sqlite3 *db, const ht_termbase *tb, ht_error *err)
{
	sqlite3_stmt *c = ht_db_prepare(db, "INSERT INTO concepts(rank) VALUES (?1)", err);
	sqlite3_stmt *t = ht_db_prepare(
		db,
		"INSERT INTO concept_terms(concept, lang, term, key, freq, score, confidence, origin,"
		" attested, example_doc, example_unit, alt) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)",
		err);
	ht_status s = c && t ? HT_OK : HT_ERR_IO;
	ht_buf key = HT_BUF_INIT;
	for (size_t i = 0; i < ht_termbase_count(tb) && s == HT_OK; i++) {
		sqlite3_bind_int64(c, 1, (sqlite3_int64)i + 1);
		if ((s = ht_db_run(c, err)) != HT_OK)
			break;
		sqlite3_int64 id = sqlite3_last_insert_rowid(db);
		for (size_t l = 0; l < ht_termbase_lang_count(tb) && s == HT_OK; l++) {
			const ht_tb_term *tt = ht_termbase_term(tb, i, l);
			if (!tt)
				continue;
			ht_buf_reset(&key);
			ht_fold_into(tt->term, strlen(tt->term), &key);
			sqlite3_bind_int64(t, 1, id);
			ht_db_bind_str(t, 2, ht_termbase_lang(tb, l));
			ht_db_bind_str(t, 3, tt->term);
			ht_db_bind_text(t, 4, key.s, key.len);
			sqlite3_bind_int64(t, 5, (sqlite3_int64)tt->freq);
			sqlite3_bind_double(t, 6, tt->score);
			sqlite3_bind_double(t, 7, tt->confidence);
			ht_db_bind_str(t, 8, origin_name(tt->origin));
			sqlite3_bind_int(t, 9, tt->attested);
			ht_db_bind_str(t, 10, tt->example_doc);
			ht_db_bind_str(t, 11, tt->example_unit);
			ht_db_bind_str(t, 12, tt->alt);
			s = ht_db_run(t, err);
		}
	}
	ht_buf_release(&key);
	sqlite3_finalize(c);
	sqlite3_finalize(t);
	return s;
}

typedef struct pairs_job {
	const ht_tm *tm;
	const char *from;
	const char **to;
	const ht_dict **dicts;
	ht_glossary **out;
	ht_error *errs;
} pairs_job;

static void build_pair(void *ctx, size_t k, size_t worker)
{
	pairs_job *j = ctx;
	ht_gloss_opts go;
	ht_gloss_opts_init(&go);
	go.threads = 1; /* the pairs run side by side; the glossary is the same for any count */
	go.dict = j->dicts[k];
	if (ht_glossary_build(j->tm, j->from, j->to[k], &go, &j->out[k], &j->errs[k]) != HT_OK)
		j->out[k] = NULL;
}

/* One glossary per pair with the original (each with the dictionary that
 * serves it), built side by side, stored in language order, then merged
 * into the termbase on the original's term. */
static ht_status derive_glossaries(sqlite3 *db, const ht_tm *tm, const ht_derive_opts *o,
				   ht_problems *notes, ht_error *err)
{
	size_t nl = ht_tm_lang_count(tm), n = 0;
	int orig = ht_tm_lang_index(tm, o->original);
	pairs_job j = {tm, o->original, ht_xcalloc(nl + 1, sizeof *j.to), ht_xcalloc(nl + 1, sizeof *j.dicts),
		       ht_xcalloc(nl + 1, sizeof *j.out), ht_xcalloc(nl + 1, sizeof *j.errs)};
	for (size_t l = 0; l < nl && orig >= 0; l++)
		if ((int)l != orig && shared_units(tm, (size_t)orig, l) >= 2) {
			j.to[n] = ht_tm_lang(tm, l);
			j.dicts[n++] = ht_dict_cache_get(o->dicts, o->dict_spec, o->original, ht_tm_lang(tm, l),
							 NULL, 0);
		}
	progress(o, "glossaries", 0, n);
	ht_parallel_for(n, o->jobs, build_pair, &j);
	ht_status s = cancelled(o) ? ht_error_set(err, HT_ERR_IO, "interrupted") : HT_OK;
	ht_glossary **gs = ht_xcalloc(n + 1, sizeof *gs);
	size_t ng = 0;
	for (size_t k = 0; k < n && s == HT_OK; k++) {
		if (!j.out[k]) {
			ht_problems_add(notes, NULL, "glossary %s-%s: %s", o->original, j.to[k], j.errs[k].message);
			continue;
		}
		s = store_glossary(db, j.out[k], err);
		gs[ng++] = j.out[k];
		j.out[k] = NULL;
	}
	for (size_t k = 0; k < n; k++)
		ht_glossary_free(j.out[k]);
	free(j.to);
	free(j.dicts);
	free(j.out);
	free(j.errs);
	ht_termbase *tb = NULL;
	ht_error terr = {0};
	if (s == HT_OK && ng) {
		if (ht_termbase_merge((const ht_glossary *const *)gs, ng, &tb, &terr) == HT_OK)
			s = store_termbase(db, tb, err);
		else
			ht_problems_add(notes, NULL, "termbase: %s", terr.message);
		ht_termbase_free(tb);
	}
	for (size_t i = 0; i < ng; i++)
		ht_glossary_free(gs[i]);
	free(gs);
	return s;
}

/* ---- the lexicon of near matches ---- */

static ht_status fill_lexicon(sqlite3 *db, ht_error *err)
{
	sqlite3_stmt *ins = ht_db_prepare(
		db, "INSERT OR IGNORE INTO lexicon(lang, term, folded, chars, weight) VALUES (?1,?2,?3,?4,?5)", err);
	sqlite3_stmt *sel = ht_db_prepare(db,
					  /* one form per folded term: the glossary's before
					   * the term lists', the most frequent first */
					  "SELECT lang, term, freq, 0 FROM concept_terms UNION ALL"
					  " SELECT lang, term, freq, 1 FROM terms ORDER BY 4, 3 DESC, 1, 2",
					  err);
	ht_status s = ins && sel ? HT_OK : HT_ERR_IO;
	ht_buf f = HT_BUF_INIT;
	while (s == HT_OK && sqlite3_step(sel) == SQLITE_ROW) {
		const char *term = ht_db_col(sel, 1);
		ht_buf_reset(&f);
		ht_fold_into(term, strlen(term), &f);
		if (f.len < 2)
			continue;
		ht_db_bind_str(ins, 1, ht_db_col(sel, 0));
		ht_db_bind_str(ins, 2, term);
		ht_db_bind_str(ins, 3, f.s);
		sqlite3_bind_int64(ins, 4, (sqlite3_int64)ht_utf8_count(f.s, f.len));
		sqlite3_bind_int64(ins, 5, sqlite3_column_int64(sel, 2));
		s = ht_db_run(ins, err);
	}
	ht_buf_release(&f);
	sqlite3_finalize(ins);
	sqlite3_finalize(sel);
	return s;
}

ht_status ht_store_derive(sqlite3 *db, const ht_derive_opts *o, ht_problems *notes, ht_error *err)
{
	ht_status s = ht_db_exec(db,
				 "BEGIN; DELETE FROM occurrences; DELETE FROM terms; DELETE FROM glossary;"
				 " DELETE FROM concept_terms; DELETE FROM concepts; DELETE FROM lexicon;",
				 err);
	if (s != HT_OK)
		return s;
	sqlite3_int64 *rowids = NULL;
	ht_tm *tm = ht_store_load_tm(db, o->original, NULL, &rowids, err);
	if (!tm)
		s = err && err->status ? err->status : HT_ERR_IO;
	size_t nl = tm ? ht_tm_lang_count(tm) : 0;
	terms_job j = {tm, NULL, ht_xcalloc(nl + 1, sizeof *j.sets), ht_xcalloc(nl + 1, sizeof *j.units)};
	if (s == HT_OK && strcmp(o->original, "zh") == 0)
		j.zh_dict = ht_dict_cache_get(o->dicts, o->dict_spec, "zh", "en", NULL, 0);
	if (s == HT_OK) {
		progress(o, "terms", 0, nl);
		ht_parallel_for(nl, o->jobs, rank_language, &j);
		s = cancelled(o) ? ht_error_set(err, HT_ERR_IO, "interrupted")
				 : store_terms(db, &j, rowids, err);
	}
	if (s == HT_OK)
		s = derive_glossaries(db, tm, o, notes, err);
	if (s == HT_OK)
		s = fill_lexicon(db, err);
	if (s == HT_OK)
		s = ht_db_exec(db, "COMMIT", err);
	else
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	for (size_t l = 0; l < nl; l++) {
		if (j.sets[l])
			ht_termset_free(j.sets[l]);
		free(j.units[l]);
	}
	free(j.sets);
	free(j.units);
	free(rowids);
	if (tm)
		ht_tm_free(tm);
	return s;
}
