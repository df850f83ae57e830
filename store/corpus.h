/* Internal to store/: the stages of a build.
 *
 *   scan     folders -> groups of files, one group per document NAME
 *   ingest   a group -> a part: its units in every language (an ht_tm), the
 *            paragraphs of its versions, the beads against the original
 *   write    a part -> rows of the store
 *   derive   the store -> terms, glossaries, lexicon (corpus-wide)
 *   outputs  the store -> TMX, glossary files, report, staged and committed
 * build.c runs them with the incremental logic; merge.c joins stores and
 * runs derive and outputs the same way.
 */
#ifndef HT_STORE_CORPUS_H
#define HT_STORE_CORPUS_H

#include <stddef.h>

#include "hutong/build.h"
#include "hutong/dict.h"
#include "hutong/docalign.h"
#include "hutong/segment.h"
#include "hutong/tm.h"
#include "store/store-internal.h"

/* ---- problems: files left out, in whole or in part ---- */
typedef struct ht_problem {
	char *path, *message;
} ht_problem;

typedef struct ht_problems {
	ht_problem *v;
	size_t n, cap;
} ht_problems;

void ht_problems_add(ht_problems *p, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Add an ht_error's message; its text often starts with the path already. */
void ht_problems_add_error(ht_problems *p, const char *path, const ht_error *err);
void ht_problems_release(ht_problems *p);

/* ---- scan ---- */
typedef enum ht_group_kind { HT_GROUP_DOCUMENT, HT_GROUP_LINES, HT_GROUP_TABLE } ht_group_kind;

const char *ht_group_kind_name(ht_group_kind kind); /* "document", "lines", "table" */

typedef struct ht_in_file {
	char *path;
	char *lang; /* primary BCP 47 tag from the name, or NULL: told from the text */
} ht_in_file;

typedef struct ht_group {
	char *name;
	ht_group_kind kind;
	ht_in_file *files;
	size_t nfiles, cap;
	char *ids; /* NAME.ids beside a line-parallel corpus, or NULL */
} ht_group;

typedef struct ht_scan {
	ht_group *groups; /* sorted by name */
	size_t n, cap;
	ht_problems problems;
	char **ignored; /* files that are not inputs (other kinds) */
	size_t nignored, icap;
} ht_scan;

/* Walk the inputs (folders recursively, or files); out_dir and hidden
 * entries are left out.  Problems (a missing input) go to scan->problems;
 * HT_ERR_IO only when no input exists at all. */
ht_status ht_scan_inputs(const char *const *inputs, size_t n, const char *out_dir, ht_scan *scan,
			 ht_error *err);
void ht_scan_release(ht_scan *scan);

/* The primary language tag a file-name part stands for ("zh", "cmn_hans",
 * "eng", "fr-CA" -> "zh", "zh", "en", "fr"), or NULL. */
const char *ht_lang_of_name_part(const char *part, size_t len, char *buf, size_t size);

/* ---- ingest ---- */

/* Settings every group is built with; dictionaries are opened on demand,
 * once per pair, and shared by the workers (read-only). */
typedef struct ht_ingest_ctx {
	const char *original;
	const char *dict_spec;
	struct ht_dict_cache *dicts;
} ht_ingest_ctx;

typedef struct ht_part_version {
	char *lang, *path, *format;
	char hash[33];
	size_t bytes;
	ht_doc *doc; /* documents only: its paragraphs go into the store */
	char *text;  /* line files: the text read (NFC, LF), freed with the part */
	size_t text_len;
	size_t column; /* tables: the version's column */
} ht_part_version;

typedef struct ht_part_bead {
	size_t version; /* index into versions */
	char *src, *tgt; /* '+'-joined unit ids */
	size_t nsrc, ntgt;
	double confidence;
} ht_part_bead;

typedef struct ht_part {
	const ht_group *group;
	char hash[33];     /* of the inputs and settings */
	char *original;    /* the pivot language */
	const char *level; /* "sentence", "line", "row" */
	ht_tm *tm;         /* one TU per unit: id = uid, doc = NAME; NULL when nothing to store */
	char **sources;    /* per unit (may be NULL): the source document inside a collection */
	ht_part_version *versions;
	size_t nversions;
	ht_part_bead *beads;
	size_t nbeads, bcap;
	ht_problems problems;
	double *text_conf;   /* [unit * langs + lang]: the aligning beads' weakest confidence, or -1 */
	ht_docalign **pairs; /* kept until written: beads and paragraphs point into them */
	size_t npairs;
} ht_part;

struct ht_dict_cache *ht_dict_cache_new(void);
void ht_dict_cache_free(struct ht_dict_cache *c);
/* The dictionary for original -> lang (NULL when none serves it); a spec
 * that fails is reported once through *problem (a static message or NULL). */
const ht_dict *ht_dict_cache_get(struct ht_dict_cache *c, const char *spec, const char *a,
				 const char *b, char *problem, size_t size);
/* Identity of the dictionary setting for content hashes. */
void ht_dict_spec_hash(const char *spec, ht_hash128 *h);

/* Hash a group's files and settings into part->hash (reads the files). */
void ht_part_hash(const ht_group *g, const ht_ingest_ctx *ctx, char out[33]);
/* Read, segment and align one group.  Problems go to part->problems; a group
 * that gives nothing has part->tm NULL. */
void ht_part_ingest(ht_part *part, const ht_group *g, const ht_ingest_ctx *ctx);
void ht_part_release(ht_part *part);

/* Versions in one language twice are left out (problems added), the whole
 * part when the original is twice (returns 0). */
int ht_part_drop_duplicates(ht_part *part);
/* Versions in the store's language order (the part's original first). */
void ht_part_sort_versions(ht_part *part);

/* Line-parallel corpora and tables (store/ingest-lines.c). */
void ht_part_ingest_lines(ht_part *part, const ht_group *g, const ht_ingest_ctx *ctx);
void ht_part_ingest_table(ht_part *part, const ht_group *g, const ht_ingest_ctx *ctx);
/* Shared by the readers: a version entry of part (copies the strings). */
ht_part_version *ht_part_add_version(ht_part *part, const char *lang, const char *path,
				     const char *format, size_t bytes);

/* ---- write ---- */
/* Replace the rows of document part->group->name with the part (deleting
 * the old ones first), in the current transaction. */
ht_status ht_store_write_part(sqlite3 *db, const ht_part *part, ht_error *err);
/* Delete a document by name (with everything that hangs on it). */
ht_status ht_store_delete_document(sqlite3 *db, const char *name, ht_error *err);

/* Copy every document of the store at src_path into db (merge.c); a NAME
 * already there with the same hash is kept once, with another hash it is an
 * HT_ERR_DATA error.  Problems stored with the documents are added to
 * `problems`; *copied counts the documents copied. */
ht_status ht_store_merge_into(sqlite3 *db, const char *src_path, ht_problems *problems,
			      size_t *copied, ht_error *err);
/* The slice (1..shards) a document NAME belongs to. */
size_t ht_build_shard_of(const char *name, size_t shards);

/* ---- derive ---- */
typedef struct ht_derive_opts {
	const char *original;
	const char *dict_spec;
	struct ht_dict_cache *dicts;
	size_t jobs;
	ht_build_event_fn on_event;
	void *event_ctx;
	const volatile sig_atomic_t *cancel;
} ht_derive_opts;

/* Recompute terms, occurrences, glossaries and the lexicon from the units of
 * the store (documents by name, units by position), in one transaction. */
ht_status ht_store_derive(sqlite3 *db, const ht_derive_opts *o, ht_problems *notes, ht_error *err);

/* The store (or the document doc_name when not NULL) as one multilingual
 * tm: units in the canonical order (documents by name, units by position),
 * languages in the store's order with `original` first, each TU's doc the
 * NAME and id the unit's uid.  *rowids (may be NULL; malloc'd) receives the
 * units' row ids.  NULL on error. */
ht_tm *ht_store_load_tm(sqlite3 *db, const char *original, const char *doc_name,
			sqlite3_int64 **rowids, ht_error *err);

/* ---- outputs ---- */
typedef struct ht_stage ht_stage;

/* A staging folder OUT/.hutong-tmp-XXXXXX for the outputs of one run. */
ht_status ht_stage_open(const char *out_dir, ht_stage **out, ht_error *err);
/* The staged path of output `rel` ("tmx/A.tmx"), folders made. */
const char *ht_stage_path(ht_stage *s, const char *rel, ht_error *err);
/* Mark an output of the previous run for removal at commit. */
void ht_stage_remove(ht_stage *s, const char *rel);
/* Move every staged file into place (signals blocked), then remove what was
 * marked; the store goes last.  Removes the staging folder. */
ht_status ht_stage_commit(ht_stage *s, ht_error *err);
/* Remove the staging folder and everything in it. */
void ht_stage_abort(ht_stage *s);
/* Remove staging folders a killed run left in out_dir. */
void ht_stage_clean_stale(const char *out_dir);

/* The output path of a document's TMX ("tmx/NAME.tmx"). */
void ht_output_tmx_name(const char *name, ht_buf *rel);
/* Write tmx/NAME.tmx of one document from the store into the stage; HT_OK
 * with *written 0 when the document has fewer than two languages. */
ht_status ht_output_doc_tmx(sqlite3 *db, ht_stage *s, const char *name, const char *original,
			    const char *level, int *written, ht_error *err);
/* tmx/corpus.tmx and the glossary files; their paths are appended to
 * `files`, one a line. */
ht_status ht_output_corpus(sqlite3 *db, ht_stage *s, const char *original, ht_buf *files,
			   ht_error *err);

/* ---- report ---- */
typedef struct ht_run_info {
	const char *original, *dict_spec, *out_dir;
	size_t shard, shards;
	size_t built, kept, removed;
	double started, seconds; /* CLOCK_MONOTONIC seconds; the run's duration */
	const ht_problems *problems;
	const ht_scan *scan; /* NULL for a merge */
	const char *const *merged; size_t nmerged;
} ht_run_info;

ht_status ht_output_report(sqlite3 *db, ht_stage *s, const ht_run_info *info, ht_buf *summary,
			   ht_error *err);

#endif
