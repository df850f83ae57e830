/* hutong build: scan, ingest what changed, derive, write the outputs, all in
 * a staging folder that replaces the previous outputs only when the run
 * succeeded.  See hutong/build.h. */
#include "store/corpus.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/parallel.h"

struct ht_build_result {
	size_t built, kept, removed, problems;
	char *store;
	ht_buf summary;
};

void ht_build_opts_init(ht_build_opts *o)
{
	memset(o, 0, sizeof *o);
	o->out_dir = "out";
	o->original = "zh";
	o->dict = "auto";
}

void ht_build_result_free(ht_build_result *r)
{
	if (!r)
		return;
	free(r->store);
	ht_buf_release(&r->summary);
	free(r);
}

const char *ht_build_result_summary(const ht_build_result *r) { return r->summary.s; }
size_t ht_build_result_built(const ht_build_result *r) { return r->built; }
size_t ht_build_result_kept(const ht_build_result *r) { return r->kept; }
size_t ht_build_result_removed(const ht_build_result *r) { return r->removed; }
size_t ht_build_result_problems(const ht_build_result *r) { return r->problems; }
const char *ht_build_result_store(const ht_build_result *r) { return r->store; }

/* ---- events ---- */

static void emit(const ht_build_opts *o, ht_build_event_kind kind, const char *stage, size_t done,
		 size_t total, const char *path, const char *message)
{
	if (!o->on_event)
		return;
	ht_build_event ev = {kind, stage, done, total, path, message};
	o->on_event(o->event_ctx, &ev);
}

/* Add problems to the run's list and tell the caller. */
static void report_problems(const ht_build_opts *o, ht_problems *run, const ht_problems *p)
{
	for (size_t i = 0; i < p->n; i++) {
		HT_GROW(run->v, run->n + 1, run->cap);
		run->v[run->n].path = p->v[i].path ? ht_xstrdup(p->v[i].path) : NULL;
		run->v[run->n].message = ht_xstrdup(p->v[i].message);
		run->n++;
		emit(o, HT_BUILD_PROBLEM, NULL, 0, 0, p->v[i].path, p->v[i].message);
	}
}

static int cancelled(const ht_build_opts *o) { return o->cancel && *o->cancel; }

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* ---- the output folder: one build at a time ---- */

typedef struct out_lock {
	int fd;
} out_lock;

static ht_status lock_out(const char *out_dir, out_lock *l, ht_error *err)
{
	ht_buf p = HT_BUF_INIT;
	ht_buf_addf(&p, "%s/.hutong-lock", out_dir);
	l->fd = open(p.s, O_RDWR | O_CREAT, 0666);
	ht_status st = HT_OK;
	if (l->fd < 0)
		st = ht_error_set(err, HT_ERR_IO, "%s: cannot create: %s", p.s, strerror(errno));
	else {
		struct flock fl = {0};
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		if (fcntl(l->fd, F_SETLK, &fl) != 0) {
			st = ht_error_set(err, HT_ERR_IO, "%s: another hutong build or merge is writing there",
					  out_dir);
			close(l->fd);
			l->fd = -1;
		}
	}
	ht_buf_release(&p);
	return st;
}

static void unlock_out(out_lock *l)
{
	if (l->fd >= 0)
		close(l->fd); /* closing releases the lock */
	l->fd = -1;
}

static ht_status copy_file(const char *from, const char *to, ht_error *err)
{
	FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
	ht_status st = HT_OK;
	if (!in || !out)
		st = ht_error_set(err, HT_ERR_IO, "%s: cannot copy: %s", in ? to : from, strerror(errno));
	char buf[1 << 16];
	size_t n;
	while (st == HT_OK && (n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			st = ht_error_set(err, HT_ERR_IO, "%s: cannot write: %s", to, strerror(errno));
	if (st == HT_OK && ferror(in))
		st = ht_error_set(err, HT_ERR_IO, "%s: cannot read: %s", from, strerror(errno));
	if (out && fclose(out) != 0 && st == HT_OK)
		st = ht_error_set(err, HT_ERR_IO, "%s: cannot write: %s", to, strerror(errno));
	if (in)
		fclose(in);
	return st;
}

/* The previous store copied into the stage, or a new one; a store of another
 * schema version is rebuilt from scratch when older, refused when newer. */
static ht_status open_store_copy(const ht_build_opts *o, const char *out_dir, const char *staged,
				 sqlite3 **db, ht_error *err)
{
	ht_buf old = HT_BUF_INIT;
	ht_buf_addf(&old, "%s/hutong.db", out_dir);
	ht_status st = HT_OK;
	if (access(old.s, F_OK) == 0) {
		int v = ht_store_schema_version_of(old.s);
		if (v == HT_STORE_SCHEMA_VERSION)
			st = copy_file(old.s, staged, err);
		else if (v > HT_STORE_SCHEMA_VERSION || v < 0)
			st = ht_error_set(err, HT_ERR_DATA,
					  v < 0 ? "%s: not a hutong store; remove it or build into another --out"
						: "%s: store of a newer schema (version %d; this hutong writes %d): "
						  "build into another --out",
					  old.s, v, HT_STORE_SCHEMA_VERSION);
		else {
			char msg[256];
			snprintf(msg, sizeof msg,
				 "%s: store of schema version %d, this hutong writes %d: built anew", old.s, v,
				 HT_STORE_SCHEMA_VERSION);
			emit(o, HT_BUILD_NOTE, NULL, 0, 0, NULL, msg);
		}
	}
	ht_buf_release(&old);
	return st == HT_OK ? ht_db_open_write(staged, db, err) : st;
}

/* ---- what changed ---- */

typedef struct stored_doc {
	char *name, *hash, *original, *level;
	int seen;
} stored_doc;

typedef struct stored {
	stored_doc *v;
	size_t n, cap;
} stored;

static ht_status load_stored(sqlite3 *db, stored *s, ht_error *err)
{
	sqlite3_stmt *st = ht_db_prepare(db, "SELECT name, hash, original, level FROM documents ORDER BY name",
					 err);
	if (!st)
		return HT_ERR_IO;
	while (sqlite3_step(st) == SQLITE_ROW) {
		HT_GROW(s->v, s->n + 1, s->cap);
		stored_doc *d = &s->v[s->n++];
		d->name = ht_xstrdup(ht_db_col(st, 0));
		d->hash = ht_xstrdup(ht_db_col(st, 1));
		d->original = ht_xstrdup(ht_db_col(st, 2));
		d->level = ht_xstrdup(ht_db_col(st, 3));
		d->seen = 0;
	}
	sqlite3_finalize(st);
	return HT_OK;
}

static stored_doc *find_stored(stored *s, const char *name)
{
	size_t lo = 0, hi = s->n; /* sorted by name (SQLite's BINARY order is strcmp's) */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(s->v[mid].name, name);
		if (c == 0)
			return &s->v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void stored_release(stored *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].name);
		free(s->v[i].hash);
		free(s->v[i].original);
		free(s->v[i].level);
	}
	free(s->v);
	memset(s, 0, sizeof *s);
}

/* The problems stored with a kept document, reported again. */
static void replay_problems(sqlite3 *db, const char *name, ht_problems *out)
{
	sqlite3_stmt *st = ht_db_prepare(db,
					 "SELECT p.path, p.message FROM problems p JOIN documents d"
					 " ON d.id = p.doc WHERE d.name = ?1 ORDER BY p.id",
					 NULL);
	if (!st)
		return;
	ht_db_bind_str(st, 1, name);
	while (sqlite3_step(st) == SQLITE_ROW)
		ht_problems_add(out, sqlite3_column_type(st, 0) == SQLITE_NULL ? NULL : ht_db_col(st, 0),
				"%s", ht_db_col(st, 1));
	sqlite3_finalize(st);
}

size_t ht_build_shard_of(const char *name, size_t shards)
{
	return shards > 1 ? (size_t)(ht_hash_bytes(name, strlen(name)) % shards) + 1 : 1;
}

/* ---- ingesting in parallel ---- */

typedef struct batch {
	const ht_group **groups;
	ht_part *parts;
	const ht_ingest_ctx *ctx;
	char (*hashes)[33];
} batch;

static void ingest_one(void *c, size_t i, size_t worker)
{
	batch *b = c;
	const ht_group *g = b->groups[i];
	ht_part *p = &b->parts[i];
	memset(p, 0, sizeof *p);
	if (g->kind == HT_GROUP_DOCUMENT)
		ht_part_ingest(p, g, b->ctx);
	else if (g->kind == HT_GROUP_LINES)
		ht_part_ingest_lines(p, g, b->ctx);
	else
		ht_part_ingest_table(p, g, b->ctx);
	p->group = g;
	memcpy(p->hash, b->hashes[i], 33);
}

static void hash_one(void *c, size_t i, size_t worker)
{
	batch *b = c;
	ht_part_hash(b->groups[i], b->ctx, b->hashes[i]);
}

typedef struct build_run {
	const ht_build_opts *o;
	const char *out_dir;
	sqlite3 *db;
	ht_stage *stage;
	ht_problems problems;
	ht_buf tmx_todo; /* names of documents whose TMX is (re)written, one a line */
	size_t built, kept, removed;
} build_run;

/* Ingest and store the groups that changed, a batch at a time so that memory
 * stays bounded by the batch. */
static ht_status build_changed(build_run *r, const ht_group **todo, char (*hashes)[33], size_t n,
			       const ht_ingest_ctx *ctx, ht_error *err)
{
	size_t jobs = r->o->jobs ? r->o->jobs : ht_threads_default();
	size_t per = jobs * 2 < 8 ? 8 : jobs * 2;
	ht_part *parts = ht_xcalloc(per, sizeof *parts);
	ht_status st = HT_OK;
	for (size_t at = 0; at < n && st == HT_OK; at += per) {
		if (cancelled(r->o)) {
			st = ht_error_set(err, HT_ERR_IO, "interrupted");
			break;
		}
		size_t k = n - at < per ? n - at : per;
		emit(r->o, HT_BUILD_PROGRESS, "reading and aligning", at, n, NULL, NULL);
		batch b = {todo + at, parts, ctx, hashes + at};
		ht_parallel_for(k, jobs, ingest_one, &b);
		st = ht_db_exec(r->db, "BEGIN", err);
		for (size_t i = 0; i < k && st == HT_OK; i++) {
			report_problems(r->o, &r->problems, &parts[i].problems);
			st = ht_store_write_part(r->db, &parts[i], err);
			ht_buf_addf(&r->tmx_todo, "%s\n", parts[i].group->name);
			r->built++;
		}
		st = st == HT_OK ? ht_db_exec(r->db, "COMMIT", err)
				 : (sqlite3_exec(r->db, "ROLLBACK", NULL, NULL, NULL), st);
		for (size_t i = 0; i < k; i++)
			ht_part_release(&parts[i]);
	}
	if (st == HT_OK)
		emit(r->o, HT_BUILD_PROGRESS, "reading and aligning", n, n, NULL, NULL);
	free(parts);
	return st;
}

static int file_exists(const char *dir, const char *rel)
{
	ht_buf p = HT_BUF_INIT;
	ht_buf_addf(&p, "%s/%s", dir, rel);
	int ok = access(p.s, F_OK) == 0;
	ht_buf_release(&p);
	return ok;
}

/* The corpus-wide outputs depend on every document: their hash. */
static void corpus_hash(sqlite3 *db, char out[33])
{
	ht_hash128 h = HT_HASH128_INIT;
	sqlite3_stmt *st = ht_db_prepare(db, "SELECT name, hash FROM documents ORDER BY name", NULL);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		ht_hash128_adds(&h, ht_db_col(st, 0));
		ht_hash128_adds(&h, ht_db_col(st, 1));
	}
	sqlite3_finalize(st);
	ht_hash128_hex(&h, out);
}

/* Every line of `list` present in OUT? */
static int all_exist(const char *out_dir, const char *list)
{
	for (const char *p = list; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char rel[1024];
		snprintf(rel, sizeof rel, "%.*s", (int)n, p);
		if (n && !file_exists(out_dir, rel))
			return 0;
		p += n + (nl != NULL);
	}
	return 1;
}

/* Lines of `old` that are not in `now`: outputs of the previous run to remove. */
static void remove_stale(ht_stage *s, const char *old, const char *now)
{
	for (const char *p = old; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char rel[1024];
		snprintf(rel, sizeof rel, "%.*s", (int)n, p);
		char pat[1030];
		snprintf(pat, sizeof pat, "\n%s\n", rel);
		ht_buf wrapped = HT_BUF_INIT;
		ht_buf_addf(&wrapped, "\n%s", now ? now : "");
		if (n && !strstr(wrapped.s, pat))
			ht_stage_remove(s, rel);
		ht_buf_release(&wrapped);
		p += n + (nl != NULL);
	}
}

/* The TMX of every document named in r->tmx_todo, and the list of all
 * document TMX files the store now has. */
static ht_status write_doc_tmx(build_run *r, ht_buf *all, ht_error *err)
{
	sqlite3_stmt *st = ht_db_prepare(r->db, "SELECT name, original, level FROM documents ORDER BY name",
					 err);
	if (!st)
		return HT_ERR_IO;
	ht_buf wrapped = HT_BUF_INIT, rel = HT_BUF_INIT, pat = HT_BUF_INIT;
	ht_buf_addf(&wrapped, "\n%s", r->tmx_todo.s);
	ht_status s = HT_OK;
	size_t done = 0;
	while (s == HT_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *name = ht_db_col(st, 0);
		ht_output_tmx_name(name, &rel);
		ht_buf_reset(&pat);
		ht_buf_addf(&pat, "\n%s\n", name);
		int redo = strstr(wrapped.s, pat.s) || !file_exists(r->out_dir, rel.s);
		int written = 0;
		if (redo) {
			s = ht_output_doc_tmx(r->db, r->stage, name, ht_db_col(st, 1), ht_db_col(st, 2),
					      &written, err);
			if (++done % 16 == 0)
				emit(r->o, HT_BUILD_PROGRESS, "writing TMX", done, 0, NULL, NULL);
		}
		if (written || (!redo && file_exists(r->out_dir, rel.s)))
			ht_buf_addf(all, "%s\n", rel.s);
	}
	sqlite3_finalize(st);
	ht_buf_release(&wrapped);
	ht_buf_release(&rel);
	ht_buf_release(&pat);
	return s;
}

/* What a build and a merge share once the store holds the documents: the
 * TMX of changed documents, the corpus-wide outputs when the corpus changed,
 * the report, the meta data. */
static ht_status finish(build_run *r, const ht_derive_opts *d, ht_run_info *info, int force_derive,
			ht_buf *summary, ht_error *err)
{
	ht_buf doc_files = HT_BUF_INIT, corpus_files = HT_BUF_INIT;
	ht_status st = write_doc_tmx(r, &doc_files, err);
	char hash[33];
	corpus_hash(r->db, hash);
	char *old_hash = ht_db_meta_get(r->db, "corpus_hash");
	char *old_corpus = ht_db_meta_get(r->db, "corpus_outputs");
	char *old_docs = ht_db_meta_get(r->db, "document_outputs");
	int derive = force_derive || !old_hash || strcmp(old_hash, hash) != 0 ||
		     !all_exist(r->out_dir, old_corpus);
	if (st == HT_OK && derive && !cancelled(r->o)) {
		ht_problems notes = {0};
		st = ht_store_derive(r->db, d, &notes, err);
		report_problems(r->o, &r->problems, &notes);
		ht_problems_release(&notes);
		if (st == HT_OK) {
			emit(r->o, HT_BUILD_PROGRESS, "writing corpus TMX and glossaries", 0, 1, NULL, NULL);
			st = ht_output_corpus(r->db, r->stage, d->original, &corpus_files, err);
		}
	} else if (old_corpus)
		ht_buf_adds(&corpus_files, old_corpus);
	if (st == HT_OK && cancelled(r->o))
		st = ht_error_set(err, HT_ERR_IO, "interrupted");
	if (st == HT_OK) {
		remove_stale(r->stage, old_docs, doc_files.s);
		remove_stale(r->stage, old_corpus, corpus_files.s);
		st = ht_db_meta_set(r->db, "corpus_hash", hash, err);
	}
	if (st == HT_OK)
		st = ht_db_meta_set(r->db, "corpus_outputs", corpus_files.s, err);
	if (st == HT_OK)
		st = ht_db_meta_set(r->db, "document_outputs", doc_files.s, err);
	if (st == HT_OK && (r->built || r->removed || derive)) {
		/* merge the full-text indexes' segments: lookups read one b-tree each */
		emit(r->o, HT_BUILD_PROGRESS, "indexing", 0, 1, NULL, NULL);
		st = ht_db_exec(r->db,
				"INSERT INTO text_trigram(text_trigram) VALUES ('optimize');"
				"INSERT INTO text_words(text_words) VALUES ('optimize');"
				"INSERT INTO lexicon_index(lexicon_index) VALUES ('optimize');",
				err);
	}
	if (st == HT_OK) {
		info->built = r->built;
		info->kept = r->kept;
		info->removed = r->removed;
		info->problems = &r->problems;
		info->seconds = now() - info->started;
		st = ht_output_report(r->db, r->stage, info, summary, err);
	}
	free(old_hash);
	free(old_corpus);
	free(old_docs);
	ht_buf_release(&doc_files);
	ht_buf_release(&corpus_files);
	return st;
}

static void run_init(build_run *r, const ht_build_opts *o)
{
	memset(r, 0, sizeof *r);
	r->o = o;
	r->out_dir = o->out_dir ? o->out_dir : "out";
	ht_buf_init(&r->tmx_todo);
}

/* Open the output folder for a run: locked, stale stages removed, a new
 * stage with the store's path in it. */
static ht_status begin_run(build_run *r, out_lock *lock, const char **db_path, ht_error *err)
{
	struct stat stt;
	if (stat(r->out_dir, &stt) != 0 && mkdir(r->out_dir, 0777) != 0)
		return ht_error_set(err, HT_ERR_IO, "%s: cannot create the folder: %s", r->out_dir,
				    strerror(errno));
	ht_status st = lock_out(r->out_dir, lock, err);
	if (st != HT_OK)
		return st;
	ht_stage_clean_stale(r->out_dir);
	st = ht_stage_open(r->out_dir, &r->stage, err);
	if (st == HT_OK && !(*db_path = ht_stage_path(r->stage, "hutong.db", err)))
		st = HT_ERR_IO;
	return st;
}

static ht_status end_run(build_run *r, out_lock *lock, ht_status st, ht_buf *summary,
			 ht_build_result **out, ht_error *err)
{
	if (r->db && sqlite3_close(r->db) != SQLITE_OK && st == HT_OK)
		st = ht_error_set(err, HT_ERR_IO, "%s: cannot close the store", r->out_dir);
	r->db = NULL;
	if (st == HT_OK)
		st = ht_stage_commit(r->stage, err);
	else
		ht_stage_abort(r->stage);
	r->stage = NULL;
	unlock_out(lock);
	if (st == HT_OK) {
		ht_build_result *res = ht_xcalloc(1, sizeof *res);
		res->built = r->built;
		res->kept = r->kept;
		res->removed = r->removed;
		res->problems = r->problems.n;
		ht_buf p = HT_BUF_INIT;
		ht_buf_addf(&p, "%s/hutong.db", r->out_dir);
		res->store = ht_buf_detach(&p, NULL);
		res->summary = *summary;
		ht_buf_init(summary);
		*out = res;
		if (r->problems.n)
			st = ht_error_set(err, HT_ERR_DATA, "%zu problem%s with the inputs (see %s/report.md)",
					  r->problems.n, r->problems.n == 1 ? "" : "s", r->out_dir);
	}
	ht_problems_release(&r->problems);
	ht_buf_release(&r->tmx_todo);
	ht_buf_release(summary);
	return st;
}

static ht_status check_opts(const ht_build_opts *o, ht_error *err)
{
	char tag[16];
	if (!o->original || !ht_lang_of_name_part(o->original, strlen(o->original), tag, sizeof tag))
		return ht_error_set(err, HT_ERR_USAGE, "'%s' is not a language tag",
				    o->original ? o->original : "");
	if (o->shards && (o->shard < 1 || o->shard > o->shards))
		return ht_error_set(err, HT_ERR_USAGE, "shard %zu of %zu does not exist", o->shard,
				    o->shards);
	return HT_OK;
}

/* Select this shard's groups, hash them, and sort them into kept and to do. */
static ht_status plan(build_run *r, const ht_scan *scan, const ht_ingest_ctx *ctx, stored *prev,
		      const ht_group ***todo, char (**hashes)[33], size_t *ntodo, ht_error *err)
{
	const ht_build_opts *o = r->o;
	size_t n = 0;
	const ht_group **mine = ht_xmalloc((scan->n + 1) * sizeof *mine);
	for (size_t i = 0; i < scan->n; i++)
		if (!o->shards || ht_build_shard_of(scan->groups[i].name, o->shards) == o->shard)
			mine[n++] = &scan->groups[i];
	char(*h)[33] = ht_xmalloc((n + 1) * sizeof *h);
	batch b = {mine, NULL, ctx, h};
	emit(o, HT_BUILD_PROGRESS, "checking what changed", 0, n, NULL, NULL);
	ht_parallel_for(n, o->jobs, hash_one, &b);
	size_t k = 0;
	ht_status st = HT_OK;
	for (size_t i = 0; i < n && st == HT_OK; i++) {
		if (i && strcmp(mine[i]->name, mine[i - 1]->name) == 0) {
			/* A.zh.txt and A.zh: two inputs cannot both be the document A */
			ht_problems_add(&r->problems, mine[i]->files[0].path,
					"another input is named %s too (%s); this one is left out",
					mine[i]->name, mine[i - 1]->files[0].path);
			emit(o, HT_BUILD_PROBLEM, NULL, 0, 0, mine[i]->files[0].path,
			     r->problems.v[r->problems.n - 1].message);
			continue;
		}
		stored_doc *d = find_stored(prev, mine[i]->name);
		if (d)
			d->seen = 1;
		if (d && strcmp(d->hash, h[i]) == 0) {
			ht_problems kept = {0};
			replay_problems(r->db, d->name, &kept);
			report_problems(o, &r->problems, &kept);
			ht_problems_release(&kept);
			r->kept++;
			continue;
		}
		mine[k] = mine[i];
		memcpy(h[k], h[i], 33);
		k++;
	}
	for (size_t i = 0; i < prev->n && st == HT_OK; i++)
		if (!prev->v[i].seen) {
			st = ht_store_delete_document(r->db, prev->v[i].name, err);
			r->removed++;
		}
	*todo = mine;
	*hashes = h;
	*ntodo = k;
	return st;
}

ht_status ht_build(const char *const *inputs, size_t n, const ht_build_opts *opts,
		   ht_build_result **out, ht_error *err)
{
	*out = NULL;
	ht_build_opts defaults;
	ht_build_opts_init(&defaults);
	const ht_build_opts *o = opts ? opts : &defaults;
	ht_status st = check_opts(o, err);
	if (st != HT_OK)
		return st;
	double t0 = now();
	build_run r;
	run_init(&r, o);
	ht_buf summary = HT_BUF_INIT;
	out_lock lock = {-1};
	const char *db_path = NULL;
	ht_scan scan;
	memset(&scan, 0, sizeof scan);
	struct ht_dict_cache *dicts = ht_dict_cache_new();
	const char *dict = o->dict ? o->dict : "auto";
	ht_ingest_ctx ctx = {o->original, dict, dicts};
	stored prev = {0};
	const ht_group **todo = NULL;
	char(*hashes)[33] = NULL;
	size_t ntodo = 0;
	st = begin_run(&r, &lock, &db_path, err);
	if (st == HT_OK) {
		emit(o, HT_BUILD_PROGRESS, "scanning", 0, 0, NULL, NULL);
		st = ht_scan_inputs(inputs, n, r.out_dir, &scan, err);
	}
	if (st == HT_OK) {
		report_problems(o, &r.problems, &scan.problems);
		st = open_store_copy(o, r.out_dir, db_path, &r.db, err);
	}
	if (st == HT_OK)
		st = load_stored(r.db, &prev, err);
	if (st == HT_OK)
		st = plan(&r, &scan, &ctx, &prev, &todo, &hashes, &ntodo, err);
	if (st == HT_OK)
		st = build_changed(&r, todo, hashes, ntodo, &ctx, err);
	char shard[48];
	snprintf(shard, sizeof shard, "%zu/%zu", o->shards ? o->shard : 1, o->shards ? o->shards : 1);
	if (st == HT_OK)
		st = ht_db_meta_set(r.db, "original", o->original, err);
	if (st == HT_OK)
		st = ht_db_meta_set(r.db, "dict", dict, err);
	if (st == HT_OK)
		st = ht_db_meta_set(r.db, "shard", shard, err);
	if (st == HT_OK) {
		ht_derive_opts d = {o->original, dict, dicts, o->jobs, o->on_event, o->event_ctx, o->cancel};
		ht_run_info info = {0};
		info.original = o->original;
		info.dict_spec = dict;
		info.out_dir = r.out_dir;
		info.shard = o->shards ? o->shard : 0;
		info.shards = o->shards;
		info.scan = &scan;
		info.started = t0;
		st = finish(&r, &d, &info, 0, &summary, err);
	}
	st = end_run(&r, &lock, st, &summary, out, err);
	free(todo);
	free(hashes);
	stored_release(&prev);
	ht_scan_release(&scan);
	ht_dict_cache_free(dicts);
	return st;
}

/* ---- merge ---- */

ht_status ht_build_merge(const char *const *dirs, size_t n, const ht_build_opts *opts,
			 ht_build_result **out, ht_error *err)
{
	*out = NULL;
	ht_build_opts defaults;
	ht_build_opts_init(&defaults);
	const ht_build_opts *o = opts ? opts : &defaults;
	double t0 = now();
	build_run r;
	run_init(&r, o);
	ht_buf summary = HT_BUF_INIT;
	out_lock lock = {-1};
	const char *db_path = NULL;
	char *original = NULL, *dict = NULL;
	struct ht_dict_cache *dicts = ht_dict_cache_new();
	ht_status st = n ? HT_OK : ht_error_set(err, HT_ERR_USAGE, "nothing to merge");
	/* the settings of the first shard are everyone's */
	for (size_t i = 0; i < n && st == HT_OK; i++) {
		ht_buf p = HT_BUF_INIT;
		ht_buf_addf(&p, "%s/hutong.db", dirs[i]);
		sqlite3 *sdb = NULL;
		st = ht_db_open_read(p.s, &sdb, err);
		if (st == HT_OK) {
			char *orig = ht_db_meta_get(sdb, "original"), *d = ht_db_meta_get(sdb, "dict");
			if (!original) {
				original = ht_xstrdup(orig ? orig : "zh");
				dict = ht_xstrdup(d ? d : "auto");
			} else if (strcmp(original, orig ? orig : "zh") || strcmp(dict, d ? d : "auto"))
				st = ht_error_set(err, HT_ERR_DATA,
						  "%s: built with --original %s --dict %s, but %s/hutong.db with "
						  "--original %s --dict %s: shards must share their settings",
						  p.s, orig ? orig : "zh", d ? d : "auto", dirs[0], original,
						  dict);
			free(orig);
			free(d);
		}
		sqlite3_close(sdb);
		ht_buf_release(&p);
	}
	if (st == HT_OK)
		st = begin_run(&r, &lock, &db_path, err);
	if (st == HT_OK)
		st = ht_db_open_write(db_path, &r.db, err);
	for (size_t i = 0; i < n && st == HT_OK; i++) {
		if (cancelled(o)) {
			st = ht_error_set(err, HT_ERR_IO, "interrupted");
			break;
		}
		emit(o, HT_BUILD_PROGRESS, "merging", i, n, NULL, NULL);
		ht_buf p = HT_BUF_INIT;
		ht_buf_addf(&p, "%s/hutong.db", dirs[i]);
		ht_problems found = {0};
		size_t copied = 0;
		st = ht_store_merge_into(r.db, p.s, &found, &copied, err);
		report_problems(o, &r.problems, &found);
		ht_problems_release(&found);
		r.built += copied;
		ht_buf_release(&p);
	}
	if (st == HT_OK) {
		sqlite3_stmt *names = ht_db_prepare(r.db, "SELECT name FROM documents ORDER BY name", err);
		while (names && sqlite3_step(names) == SQLITE_ROW)
			ht_buf_addf(&r.tmx_todo, "%s\n", ht_db_col(names, 0));
		sqlite3_finalize(names);
		st = ht_db_meta_set(r.db, "original", original, err);
	}
	if (st == HT_OK)
		st = ht_db_meta_set(r.db, "dict", dict, err);
	if (st == HT_OK)
		st = ht_db_meta_set(r.db, "shard", "1/1", err);
	if (st == HT_OK) {
		ht_derive_opts d = {original, dict, dicts, o->jobs, o->on_event, o->event_ctx, o->cancel};
		ht_run_info info = {0};
		info.original = original;
		info.dict_spec = dict;
		info.out_dir = r.out_dir;
		info.merged = dirs;
		info.nmerged = n;
		info.started = t0;
		st = finish(&r, &d, &info, 1, &summary, err);
	}
	st = end_run(&r, &lock, st, &summary, out, err);
	free(original);
	free(dict);
	ht_dict_cache_free(dicts);
	return st;
}
