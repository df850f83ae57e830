/* report.md and the one-screen summary of a build, both read from the store. */
#include "store/corpus.h"

#include <stdlib.h>
#include <string.h>

#include "store/fold.h"

/* A table cell: no '|' or line break; long texts cut at a character. */
static void add_cell(ht_buf *b, const char *s, size_t max_chars)
{
	size_t chars = 0, len = strlen(s);
	for (size_t i = 0; i < len;) {
		if (max_chars && chars == max_chars) {
			ht_buf_adds(b, "…");
			break;
		}
		size_t at = i;
		int32_t cp = ht_utf8_next(s, len, &i);
		if (cp == '|')
			ht_buf_adds(b, "\\|");
		else if (cp == '\n' || cp == '\t' || cp == '\r')
			ht_buf_addc(b, ' ');
		else
			ht_buf_add(b, s + at, i - at);
		chars++;
	}
}

static sqlite3_stmt *q(sqlite3 *db, const char *sql) { return ht_db_prepare(db, sql, NULL); }

static void section_documents(sqlite3 *db, ht_buf *r)
{
	sqlite3_stmt *st = q(db,
			     "SELECT d.name, d.kind, d.original, d.unit_count,"
			     " (SELECT group_concat(lang, ' ') FROM (SELECT lang FROM versions"
			     "   WHERE doc = d.id ORDER BY lang)),"
			     " (SELECT count(*) FROM versions WHERE doc = d.id)"
			     " FROM documents d ORDER BY d.name");
	if (!st)
		return;
	ht_buf_adds(r, "## Documents\n\n| document | kind | original | languages | units |\n"
		       "|---|---|---|---|---:|\n");
	size_t n = 0, more = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n++ >= 200) {
			more++;
			continue;
		}
		ht_buf_adds(r, "| ");
		add_cell(r, ht_db_col(st, 0), 0);
		ht_buf_addf(r, " | %s | %s | ", ht_db_col(st, 1), ht_db_col(st, 2));
		add_cell(r, ht_db_col(st, 4), 0);
		ht_buf_addf(r, " | %lld |\n", (long long)sqlite3_column_int64(st, 3));
	}
	if (more)
		ht_buf_addf(r, "\n… and %zu more documents.\n", more);
	ht_buf_adds(r, "\n");
	sqlite3_finalize(st);
}

static const char *const bead_types[] = {"1-1", "1-2", "2-1", "2-2", "1-0", "0-1", NULL};

static void section_units(sqlite3 *db, ht_buf *r)
{
	sqlite3_stmt *st = q(db, "SELECT lang, count(*) FROM texts GROUP BY lang ORDER BY 2 DESC, 1");
	if (!st)
		return;
	ht_buf_adds(r, "## Units per language\n\n| language | units |\n|---|---:|\n");
	while (sqlite3_step(st) == SQLITE_ROW)
		ht_buf_addf(r, "| %s | %lld |\n", ht_db_col(st, 0), (long long)sqlite3_column_int64(st, 1));
	sqlite3_finalize(st);
	st = q(db, "SELECT a.lang, a.type, count(*), avg(a.confidence) FROM alignments a"
		   " GROUP BY a.lang, a.type ORDER BY a.lang, a.type");
	if (!st)
		return;
	ht_buf_adds(r, "\n## Beads per language and type (aligned to the original)\n\n| language |");
	for (int k = 0; bead_types[k]; k++)
		ht_buf_addf(r, " %s |", bead_types[k]);
	ht_buf_adds(r, " other | mean confidence (1-1) |\n|---|");
	for (int k = 0; bead_types[k]; k++)
		ht_buf_adds(r, "---:|");
	ht_buf_adds(r, "---:|---:|\n");
	char lang[16] = "";
	long long counts[8] = {0};
	double mean11 = 0;
	int any = 0;
	for (int rc = sqlite3_step(st);; rc = sqlite3_step(st)) {
		const char *l = rc == SQLITE_ROW ? ht_db_col(st, 0) : "";
		if (any && (rc != SQLITE_ROW || strcmp(l, lang) != 0)) {
			ht_buf_addf(r, "| %s |", lang);
			for (int k = 0; k < 7; k++)
				ht_buf_addf(r, " %lld |", counts[k]);
			ht_buf_addf(r, " %.3f |\n", mean11);
			memset(counts, 0, sizeof counts);
			mean11 = 0;
		}
		if (rc != SQLITE_ROW)
			break;
		any = 1;
		snprintf(lang, sizeof lang, "%s", l);
		const char *type = ht_db_col(st, 1);
		int k = 0;
		while (bead_types[k] && strcmp(bead_types[k], type) != 0)
			k++;
		counts[k] += sqlite3_column_int64(st, 2);
		if (k == 0)
			mean11 = sqlite3_column_double(st, 3);
	}
	if (!any)
		ht_buf_adds(r, "| (no document with versions to align) |\n");
	ht_buf_adds(r, "\n");
	sqlite3_finalize(st);
}

static void section_low_confidence(sqlite3 *db, ht_buf *r)
{
	sqlite3_stmt *st = q(db, "SELECT d.name, u.uid, u.confidence, u.id FROM units u"
				 " JOIN documents d ON d.id = u.doc WHERE u.confidence IS NOT NULL"
				 " AND (SELECT count(*) FROM texts WHERE unit = u.id) > 1"
				 " ORDER BY u.confidence, d.name, u.pos LIMIT 20");
	sqlite3_stmt *tx = q(db, "SELECT t.lang, t.text FROM texts t JOIN units u ON u.id = t.unit"
				 " JOIN documents d ON d.id = u.doc WHERE t.unit = ?1"
				 " ORDER BY t.lang != d.original, t.lang");
	if (!st || !tx) {
		sqlite3_finalize(st);
		sqlite3_finalize(tx);
		return;
	}
	ht_buf_adds(r, "## The 20 lowest-confidence units\n\n| document | unit | confidence | texts |\n"
		       "|---|---|---:|---|\n");
	size_t n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		ht_buf_adds(r, "| ");
		add_cell(r, ht_db_col(st, 0), 0);
		ht_buf_adds(r, " | ");
		add_cell(r, ht_db_col(st, 1), 40);
		ht_buf_addf(r, " | %.3f | ", sqlite3_column_double(st, 2));
		sqlite3_bind_int64(tx, 1, sqlite3_column_int64(st, 3));
		for (int k = 0; sqlite3_step(tx) == SQLITE_ROW; k++) {
			ht_buf_addf(r, "%s**%s** ", k ? " · " : "", ht_db_col(tx, 0));
			add_cell(r, ht_db_col(tx, 1), 60);
		}
		sqlite3_reset(tx);
		ht_buf_adds(r, " |\n");
		n++;
	}
	if (!n)
		ht_buf_adds(r, "| (no aligned unit) | | | |\n");
	ht_buf_adds(r, "\n");
	sqlite3_finalize(st);
	sqlite3_finalize(tx);
}

static void section_terms(sqlite3 *db, ht_buf *r)
{
	sqlite3_stmt *st = q(db, "SELECT lang, group_concat(term || ' (' || freq || ')', ', ') FROM"
				 " (SELECT lang, term, freq FROM terms WHERE rank <= 15 ORDER BY lang, rank)"
				 " GROUP BY lang ORDER BY lang");
	if (!st)
		return;
	ht_buf_adds(r, "## Top terms (candidates ranked per language, with their frequency)\n\n");
	while (sqlite3_step(st) == SQLITE_ROW) {
		ht_buf_addf(r, "- **%s**: ", ht_db_col(st, 0));
		add_cell(r, ht_db_col(st, 1), 0);
		ht_buf_adds(r, "\n");
	}
	ht_buf_adds(r, "\n");
	sqlite3_finalize(st);
	st = q(db, "SELECT src_lang, tgt_lang, count(*), sum(suggestion = 0) FROM glossary"
		   " GROUP BY 1, 2 ORDER BY 1, 2");
	sqlite3_stmt *top = q(db, "SELECT source, target, freq FROM glossary WHERE src_lang = ?1"
				  " AND tgt_lang = ?2 ORDER BY rank LIMIT 10");
	if (!st || !top) {
		sqlite3_finalize(st);
		sqlite3_finalize(top);
		return;
	}
	ht_buf_adds(r, "## Glossaries\n\n| pair | entries | first entries |\n|---|---:|---|\n");
	while (sqlite3_step(st) == SQLITE_ROW) {
		ht_buf_addf(r, "| %s-%s | %lld | ", ht_db_col(st, 0), ht_db_col(st, 1),
			    (long long)sqlite3_column_int64(st, 2));
		ht_db_bind_str(top, 1, ht_db_col(st, 0));
		ht_db_bind_str(top, 2, ht_db_col(st, 1));
		for (int k = 0; sqlite3_step(top) == SQLITE_ROW; k++) {
			ht_buf_adds(r, k ? "; " : "");
			add_cell(r, ht_db_col(top, 0), 30);
			ht_buf_adds(r, " = ");
			add_cell(r, ht_db_col(top, 1), 40);
		}
		sqlite3_reset(top);
		ht_buf_adds(r, " |\n");
	}
	ht_buf_adds(r, "\n");
	sqlite3_finalize(st);
	sqlite3_finalize(top);
}

static void section_problems(const ht_run_info *info, ht_buf *r)
{
	ht_buf_adds(r, "## Problems\n\n");
	if (!info->problems || !info->problems->n)
		ht_buf_adds(r, "None: every input was built.\n");
	for (size_t i = 0; info->problems && i < info->problems->n; i++) {
		const ht_problem *p = &info->problems->v[i];
		ht_buf_adds(r, "- ");
		if (p->path) {
			ht_buf_adds(r, "`");
			add_cell(r, p->path, 0);
			ht_buf_adds(r, "`: ");
		}
		add_cell(r, p->message, 0);
		ht_buf_adds(r, "\n");
	}
	if (info->scan && info->scan->nignored) {
		ht_buf_addf(r, "\n## Not inputs (%zu files of other kinds, left out)\n\n",
			    info->scan->nignored);
		for (size_t i = 0; i < info->scan->nignored && i < 200; i++) {
			ht_buf_adds(r, "- `");
			add_cell(r, info->scan->ignored[i], 0);
			ht_buf_adds(r, "`\n");
		}
		if (info->scan->nignored > 200)
			ht_buf_addf(r, "- … and %zu more\n", info->scan->nignored - 200);
	}
}

static long long scalar(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = q(db, sql);
	long long v = 0;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void write_summary(sqlite3 *db, const ht_run_info *info, ht_buf *s)
{
	long long docs = scalar(db, "SELECT count(*) FROM documents");
	ht_buf_addf(s, "hutong %s: %lld documents (%zu built, %zu kept unchanged, %zu removed) in %.1f s\n",
		    info->scan ? "build" : "merge", docs, info->built, info->kept, info->removed,
		    info->seconds);
	sqlite3_stmt *st = q(db, "SELECT lang, count(*) FROM texts GROUP BY lang ORDER BY 2 DESC, 1");
	ht_buf_addf(s, "  units:      %lld (", scalar(db, "SELECT count(*) FROM units"));
	for (int k = 0; st && sqlite3_step(st) == SQLITE_ROW; k++)
		ht_buf_addf(s, "%s%s %lld", k ? ", " : "", ht_db_col(st, 0),
			    (long long)sqlite3_column_int64(st, 1));
	ht_buf_adds(s, ")\n");
	sqlite3_finalize(st);
	st = q(db, "SELECT src_lang || '-' || tgt_lang, count(*) FROM glossary GROUP BY 1 ORDER BY 1");
	ht_buf_adds(s, "  glossaries: ");
	int any = 0;
	for (; st && sqlite3_step(st) == SQLITE_ROW; any = 1)
		ht_buf_addf(s, "%s%s %lld", any ? ", " : "", ht_db_col(st, 0),
			    (long long)sqlite3_column_int64(st, 1));
	ht_buf_adds(s, any ? " entries\n" : "none (no document has an aligned version)\n");
	sqlite3_finalize(st);
	long long concepts = scalar(db, "SELECT count(*) FROM concepts");
	if (concepts)
		ht_buf_addf(s, "  termbase:   %lld concepts in %lld languages (glossary/termbase.tbx, .csv)\n",
			    concepts, scalar(db, "SELECT count(DISTINCT lang) FROM concept_terms"));
	ht_buf_addf(s, "  outputs:    %s/tmx/ %s/glossary/ %s/hutong.db %s/report.md\n", info->out_dir,
		    info->out_dir, info->out_dir, info->out_dir);
	size_t np = info->problems ? info->problems->n : 0;
	if (np)
		ht_buf_addf(s, "  problems:   %zu (listed above and in %s/report.md)\n", np, info->out_dir);
	if (info->shards)
		ht_buf_addf(s, "  shard:      %zu of %zu (join the shards with hutong merge)\n", info->shard,
			    info->shards);
}

ht_status ht_output_report(sqlite3 *db, ht_stage *stage, const ht_run_info *info, ht_buf *summary,
			   ht_error *err)
{
	ht_buf r = HT_BUF_INIT;
	ht_buf_addf(&r, "# hutong %s report\n\n", info->scan ? "build" : "merge");
	ht_buf_addf(&r, "hutong %s, store schema %d. Original: %s. Dictionary: %s.", ht_version(),
		    HT_STORE_SCHEMA_VERSION, info->original ? info->original : "(as in the shards)",
		    info->dict_spec ? info->dict_spec : "(as in the shards)");
	if (info->shards)
		ht_buf_addf(&r, " Shard %zu of %zu.", info->shard, info->shards);
	for (size_t i = 0; i < info->nmerged; i++)
		ht_buf_addf(&r, "%s`%s`", i ? ", " : " Merged from ", info->merged[i]);
	ht_buf_addf(&r, "\n\nThis run: %zu documents built, %zu kept unchanged, %zu removed.\n\n",
		    info->built, info->kept, info->removed);
	section_documents(db, &r);
	section_units(db, &r);
	section_low_confidence(db, &r);
	section_terms(db, &r);
	section_problems(info, &r);
	ht_status st = HT_OK;
	const char *path = ht_stage_path(stage, "report.md", err);
	ht_outfile of;
	if (!path || (st = ht_outfile_open(&of, path, err)) != HT_OK) {
		ht_buf_release(&r);
		return path ? st : HT_ERR_IO;
	}
	fwrite(r.s, 1, r.len, of.fp);
	st = ht_outfile_commit(&of, err);
	ht_buf_release(&r);
	write_summary(db, info, summary);
	return st;
}
