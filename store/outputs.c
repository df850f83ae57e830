/* The outputs of a build: staged in a private folder of OUT, written from
 * the store, and moved into place together when the run succeeded. */
#include "store/corpus.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hutong/glossary.h"
#include "hutong/termbase.h"

#define STAGE_PREFIX ".hutong-tmp-"

struct ht_stage {
	char *out_dir, *dir;
	char **staged; /* paths relative to the stage (and to OUT) */
	size_t n, cap;
	char **removes;
	size_t nr, rcap;
	ht_buf path;
};

/* mkdir -p of the folders in path (not its last part when `last` is 0). */
static int make_dirs(const char *path, int last)
{
	char *p = ht_xstrdup(path);
	int rc = 0;
	for (char *s = p + 1; *s && rc == 0; s++) {
		if (*s != '/')
			continue;
		*s = 0;
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (rc == 0 && last && mkdir(p, 0777) != 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

ht_status ht_stage_open(const char *out_dir, ht_stage **out, ht_error *err)
{
	*out = NULL;
	if (make_dirs(out_dir, 1) != 0)
		return ht_error_set(err, HT_ERR_IO, "%s: cannot create the folder: %s", out_dir,
				    strerror(errno));
	ht_stage *s = ht_xcalloc(1, sizeof *s);
	s->out_dir = ht_xstrdup(out_dir);
	ht_buf_init(&s->path);
	ht_buf d = HT_BUF_INIT;
	ht_buf_addf(&d, "%s/" STAGE_PREFIX "XXXXXX", out_dir);
	if (!mkdtemp(d.s)) {
		ht_error_set(err, HT_ERR_IO, "%s: cannot create a folder in it: %s", out_dir,
			     strerror(errno));
		ht_buf_release(&d);
		free(s->out_dir);
		free(s);
		return HT_ERR_IO;
	}
	s->dir = ht_buf_detach(&d, NULL);
	*out = s;
	return HT_OK;
}

const char *ht_stage_path(ht_stage *s, const char *rel, ht_error *err)
{
	ht_buf_reset(&s->path);
	ht_buf_addf(&s->path, "%s/%s", s->dir, rel);
	if (make_dirs(s->path.s, 0) != 0) {
		ht_error_set(err, HT_ERR_IO, "%s: cannot create: %s", s->path.s, strerror(errno));
		return NULL;
	}
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->staged[i], rel) == 0)
			return s->path.s;
	HT_GROW(s->staged, s->n + 1, s->cap);
	s->staged[s->n++] = ht_xstrdup(rel);
	return s->path.s;
}

void ht_stage_remove(ht_stage *s, const char *rel)
{
	HT_GROW(s->removes, s->nr + 1, s->rcap);
	s->removes[s->nr++] = ht_xstrdup(rel);
}

static void remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		if (d) {
			ht_buf p = HT_BUF_INIT;
			for (struct dirent *e; (e = readdir(d));) {
				if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
					continue;
				ht_buf_reset(&p);
				ht_buf_addf(&p, "%s/%s", path, e->d_name);
				remove_tree(p.s);
			}
			ht_buf_release(&p);
			closedir(d);
		}
		rmdir(path);
	} else
		unlink(path);
}

static void stage_free(ht_stage *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->staged[i]);
	for (size_t i = 0; i < s->nr; i++)
		free(s->removes[i]);
	free(s->staged);
	free(s->removes);
	ht_buf_release(&s->path);
	free(s->out_dir);
	free(s->dir);
	free(s);
}

void ht_stage_abort(ht_stage *s)
{
	if (!s)
		return;
	remove_tree(s->dir);
	stage_free(s);
}

void ht_stage_clean_stale(const char *out_dir)
{
	DIR *d = opendir(out_dir);
	if (!d)
		return;
	ht_buf p = HT_BUF_INIT;
	for (struct dirent *e; (e = readdir(d));)
		if (strncmp(e->d_name, STAGE_PREFIX, strlen(STAGE_PREFIX)) == 0) {
			ht_buf_reset(&p);
			ht_buf_addf(&p, "%s/%s", out_dir, e->d_name);
			remove_tree(p.s);
		}
	ht_buf_release(&p);
	closedir(d);
}

static int sync_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

static ht_status move_into_place(ht_stage *s, const char *rel, ht_error *err)
{
	ht_buf from = HT_BUF_INIT, to = HT_BUF_INIT;
	ht_buf_addf(&from, "%s/%s", s->dir, rel);
	ht_buf_addf(&to, "%s/%s", s->out_dir, rel);
	ht_status st = HT_OK;
	if (make_dirs(to.s, 0) != 0 || rename(from.s, to.s) != 0)
		st = ht_error_set(err, HT_ERR_IO, "%s: cannot move into place: %s", to.s, strerror(errno));
	ht_buf_release(&from);
	ht_buf_release(&to);
	return st;
}

ht_status ht_stage_commit(ht_stage *s, ht_error *err)
{
	/* the renames run with the signals that stop a build held back, so that
	 * Ctrl-C cannot leave half of the new outputs beside half of the old */
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old);
	ht_status st = HT_OK;
	const char *db = NULL;
	for (size_t i = 0; i < s->n && st == HT_OK; i++) {
		if (strcmp(s->staged[i], "hutong.db") == 0) {
			db = s->staged[i];
			continue;
		}
		st = move_into_place(s, s->staged[i], err);
	}
	if (st == HT_OK && db) { /* the store last: it says what the outputs are */
		ht_buf p = HT_BUF_INIT;
		ht_buf_addf(&p, "%s/%s", s->dir, db);
		if (sync_file(p.s) != 0)
			st = ht_error_set(err, HT_ERR_IO, "%s: cannot write: %s", p.s, strerror(errno));
		ht_buf_release(&p);
		if (st == HT_OK)
			st = move_into_place(s, db, err);
	}
	if (st == HT_OK) {
		ht_buf p = HT_BUF_INIT;
		for (size_t i = 0; i < s->nr; i++) {
			ht_buf_reset(&p);
			ht_buf_addf(&p, "%s/%s", s->out_dir, s->removes[i]);
			unlink(p.s);
		}
		ht_buf_release(&p);
	}
	remove_tree(s->dir);
	sigprocmask(SIG_SETMASK, &old, NULL);
	stage_free(s);
	return st;
}

/* ---- TMX ---- */

/* The writers name their format in errors ("TMX: write error"): name the file. */
static ht_status name_file(ht_status st, const char *path, ht_error *err)
{
	if (st != HT_OK && err && strncmp(err->message, path, strlen(path)) != 0) {
		char msg[sizeof err->message];
		snprintf(msg, sizeof msg, "%s", err->message);
		ht_error_set(err, st, "%s: %s", path, msg);
	}
	return st;
}

static ht_status write_tmx(const ht_tm *tm, const char *path, const char *segtype, ht_error *err)
{
	ht_outfile of;
	ht_status st = ht_outfile_open(&of, path, err);
	if (st != HT_OK)
		return st;
	st = ht_tm_write_tmx(tm, of.fp, segtype, NULL, err);
	if (st == HT_OK)
		return ht_outfile_commit(&of, err);
	ht_outfile_abort(&of);
	return name_file(st, path, err);
}

/* tmx/NAME.tmx; a document named "corpus" does not overwrite the corpus file. */
void ht_output_tmx_name(const char *name, ht_buf *rel)
{
	ht_buf_reset(rel);
	ht_buf_addf(rel, "tmx/%s%s.tmx", name, strcmp(name, "corpus") == 0 ? "-document" : "");
}

ht_status ht_output_doc_tmx(sqlite3 *db, ht_stage *s, const char *name, const char *original,
			    const char *level, int *written, ht_error *err)
{
	*written = 0;
	ht_tm *tm = ht_store_load_tm(db, original, name, NULL, err);
	if (!tm)
		return err && err->status ? err->status : HT_ERR_IO;
	ht_status st = HT_OK;
	if (ht_tm_lang_count(tm) >= 2 && ht_tm_unit_count(tm) > 0) {
		ht_buf rel = HT_BUF_INIT;
		ht_output_tmx_name(name, &rel);
		const char *path = ht_stage_path(s, rel.s, err);
		st = path ? write_tmx(tm, path, strcmp(level, "row") == 0 ? "block" : "sentence", err)
			  : HT_ERR_IO;
		*written = st == HT_OK;
		ht_buf_release(&rel);
	}
	ht_tm_free(tm);
	return st;
}

/* ---- glossaries ---- */

static ht_status write_glossary(const ht_glossary *g, const char *path, ht_gloss_format f,
				ht_error *err)
{
	ht_outfile of;
	ht_status st = ht_outfile_open(&of, path, err);
	if (st != HT_OK)
		return st;
	st = ht_glossary_write(g, f, of.fp, err);
	if (st == HT_OK)
		return ht_outfile_commit(&of, err);
	ht_outfile_abort(&of);
	return name_file(st, path, err);
}

/* The glossary of one pair as the store holds it, in rank order. */
static ht_glossary *load_glossary(sqlite3_stmt *st, const char *from, const char *to)
{
	ht_glossary *g = ht_glossary_new(from, to);
	ht_db_bind_str(st, 1, from);
	ht_db_bind_str(st, 2, to);
	while (sqlite3_step(st) == SQLITE_ROW) {
		ht_gloss_entry e = {0};
		e.source = ht_db_col(st, 0);
		e.target = ht_db_col(st, 1);
		e.freq = (size_t)sqlite3_column_int64(st, 2);
		e.score = sqlite3_column_double(st, 3);
		e.confidence = sqlite3_column_double(st, 4);
		e.example_doc = sqlite3_column_type(st, 5) == SQLITE_NULL ? NULL : ht_db_col(st, 5);
		e.example_unit = sqlite3_column_type(st, 6) == SQLITE_NULL ? NULL : ht_db_col(st, 6);
		e.suggestion = sqlite3_column_int(st, 7);
		ht_glossary_add(g, &e);
	}
	sqlite3_reset(st);
	return g;
}

static ht_status write_glossaries(sqlite3 *db, ht_stage *s, ht_buf *files, ht_error *err)
{
	sqlite3_stmt *pairs = ht_db_prepare(
		db, "SELECT DISTINCT src_lang, tgt_lang FROM glossary ORDER BY src_lang, tgt_lang", err);
	sqlite3_stmt *rows = ht_db_prepare(
		db,
		"SELECT source, target, freq, dice, confidence, example_doc, example_unit, suggestion"
		" FROM glossary WHERE src_lang = ?1 AND tgt_lang = ?2 ORDER BY rank",
		err);
	ht_status st = pairs && rows ? HT_OK : HT_ERR_IO;
	ht_buf rel = HT_BUF_INIT;
	while (st == HT_OK && sqlite3_step(pairs) == SQLITE_ROW) {
		char from[16], to[16];
		snprintf(from, sizeof from, "%s", ht_db_col(pairs, 0));
		snprintf(to, sizeof to, "%s", ht_db_col(pairs, 1));
		ht_glossary *g = load_glossary(rows, from, to);
		static const struct {
			const char *ext;
			ht_gloss_format format;
		} kinds[] = {{"utf8", HT_GLOSS_TSV}, {"csv", HT_GLOSS_CSV}};
		for (size_t k = 0; k < 2 && st == HT_OK; k++) {
			ht_buf_reset(&rel);
			ht_buf_addf(&rel, "glossary/%s-%s.%s", from, to, kinds[k].ext);
			const char *path = ht_stage_path(s, rel.s, err);
			st = path ? write_glossary(g, path, kinds[k].format, err) : HT_ERR_IO;
			ht_buf_addf(files, "%s\n", rel.s);
		}
		ht_glossary_free(g);
	}
	ht_buf_release(&rel);
	sqlite3_finalize(pairs);
	sqlite3_finalize(rows);
	return st;
}

/* ---- the termbase ---- */

static ht_tb_origin origin_of(const char *name)
{
	return strcmp(name, "termbase") == 0	 ? HT_TB_TERMBASE
	       : strcmp(name, "dictionary") == 0 ? HT_TB_DICTIONARY
						 : HT_TB_CORPUS;
}

/* The termbase as the store holds it: concepts in rank order, languages in
 * the store's order, the original first. */
static ht_termbase *load_termbase(sqlite3 *db, const char *original, ht_error *err)
{
	sqlite3_stmt *langs = ht_db_prepare(db, "SELECT DISTINCT lang FROM concept_terms", err);
	sqlite3_stmt *rows = ht_db_prepare(
		db,
		"SELECT c.id, t.lang, t.term, t.freq, t.score, t.confidence, t.origin, t.attested,"
		" t.example_doc, t.example_unit, t.alt FROM concepts c JOIN concept_terms t"
		" ON t.concept = c.id ORDER BY c.rank, t.lang",
		err);
	ht_termbase *tb = NULL;
	if (langs && rows) {
		char *names[64];
		size_t n = 0;
		while (n < 64 && sqlite3_step(langs) == SQLITE_ROW)
			names[n++] = ht_xstrdup(ht_db_col(langs, 0));
		ht_store_sort_langs(names, n, original);
		tb = ht_termbase_new((const char *const *)names, n);
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		sqlite3_int64 last = -1;
		size_t c = 0;
		while (sqlite3_step(rows) == SQLITE_ROW) {
			if (sqlite3_column_int64(rows, 0) != last) {
				c = ht_termbase_add_concept(tb);
				last = sqlite3_column_int64(rows, 0);
			}
			ht_tb_term t = {0};
			t.term = ht_db_col(rows, 2);
			t.freq = (size_t)sqlite3_column_int64(rows, 3);
			t.score = sqlite3_column_double(rows, 4);
			t.confidence = sqlite3_column_double(rows, 5);
			t.origin = origin_of(ht_db_col(rows, 6));
			t.attested = sqlite3_column_int(rows, 7);
			t.example_doc = sqlite3_column_type(rows, 8) == SQLITE_NULL ? NULL : ht_db_col(rows, 8);
			t.example_unit = sqlite3_column_type(rows, 9) == SQLITE_NULL ? NULL : ht_db_col(rows, 9);
			t.alt = sqlite3_column_type(rows, 10) == SQLITE_NULL ? NULL : ht_db_col(rows, 10);
			ht_termbase_set_term(tb, c, (size_t)ht_termbase_lang_index(tb, ht_db_col(rows, 1)), &t);
		}
	}
	sqlite3_finalize(langs);
	sqlite3_finalize(rows);
	return tb;
}

static ht_status write_termbase(sqlite3 *db, ht_stage *s, const char *original, ht_buf *files,
				ht_error *err)
{
	ht_termbase *tb = load_termbase(db, original, err);
	if (!tb)
		return err && err->status ? err->status : HT_ERR_IO;
	ht_status st = HT_OK;
	static const struct {
		const char *rel;
		ht_tb_format format;
	} kinds[] = {{"glossary/termbase.tbx", HT_TB_TBX3}, {"glossary/termbase.csv", HT_TB_CSV}};
	for (size_t k = 0; k < 2 && st == HT_OK && ht_termbase_count(tb); k++) {
		const char *path = ht_stage_path(s, kinds[k].rel, err);
		ht_outfile of;
		if (!path || (st = ht_outfile_open(&of, path, err)) != HT_OK) {
			st = path ? st : HT_ERR_IO;
			break;
		}
		st = ht_termbase_write(tb, kinds[k].format, 0, of.fp, err);
		st = st == HT_OK ? ht_outfile_commit(&of, err)
				 : (ht_outfile_abort(&of), name_file(st, path, err));
		ht_buf_addf(files, "%s\n", kinds[k].rel);
	}
	ht_termbase_free(tb);
	return st;
}

ht_status ht_output_corpus(sqlite3 *db, ht_stage *s, const char *original, ht_buf *files,
			   ht_error *err)
{
	ht_tm *tm = ht_store_load_tm(db, original, NULL, NULL, err);
	if (!tm)
		return err && err->status ? err->status : HT_ERR_IO;
	ht_status st = HT_OK;
	if (ht_tm_unit_count(tm)) {
		const char *path = ht_stage_path(s, "tmx/corpus.tmx", err);
		st = path ? write_tmx(tm, path, "sentence", err) : HT_ERR_IO;
		ht_buf_adds(files, "tmx/corpus.tmx\n");
	}
	ht_tm_free(tm);
	if (st == HT_OK)
		st = write_glossaries(db, s, files, err);
	if (st == HT_OK)
		st = write_termbase(db, s, original, files, err);
	return st;
}
