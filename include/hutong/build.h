/* hutong — building a corpus: folders of documents in, TMX, glossaries and a
 * store out.
 *
 * ht_build reads every input (a folder, read recursively, or a file):
 *   - documents NAME.LANG.EXT (.txt .html .htm .xhtml .xml, and whatever else
 *     the segment library reads): the versions of one NAME are one document,
 *     read and segmented through the segment library.  A file named only by
 *     its language (udhr/eng.html, A_RES_1/fr.txt) is a version of the
 *     document named by its folder; a NAME.EXT without a language gets the
 *     language its text shows.  The original is opts->original or the only
 *     version there is; every version is aligned to it at sentence level
 *     (paragraphs first), and all versions meet in one multilingual unit per
 *     unit of the original (ht_docalign_pivot);
 *   - line-parallel corpora NAME.LANG (no extension, line i translates line
 *     i, as the UN Parallel Corpus files): one unit a line; the versions must
 *     have the same number of lines.  A NAME.ids beside them (the UNPC's)
 *     gives each line's source document;
 *   - tables NAME.tsv whose header row names languages ("key zh en fr ..."):
 *     one unit a row, its id the first column when that is not a language.
 * Hidden files, the output folder and files of other kinds are left out
 * (listed in the report).  A file that cannot be read, a language that cannot
 * be told, two versions in one language of one NAME, line counts that differ:
 * each is a problem reported through opts->on_event and in the report, and
 * the rest is built; ht_build then returns HT_ERR_DATA after writing
 * everything else (the CLI's exit 3).
 *
 * Outputs, under opts->out_dir, each written whole or not at all, replaced
 * together at the end of a successful run (an interrupted or failed run
 * leaves the previous ones and the store as they were):
 *   tmx/NAME.tmx            TMX 1.4, every language of the document, the
 *                           original first (documents with one language have none)
 *   tmx/corpus.tmx          every document's units
 *   glossary/SRC-TGT.utf8   OmegaT glossary (TSV) of each pair with the original
 *   glossary/SRC-TGT.csv    the same as CSV
 *   hutong.db               the store (hutong/store.h)
 *   report.md               documents, units, beads per language and type,
 *                           the lowest-confidence units, top terms, problems
 *
 * Rebuilds are incremental: a document whose files (and the settings that
 * shape it: original, dictionary) have the content hash stored for it is
 * kept as it is; only changed, new and removed documents are redone, and the
 * corpus-wide outputs (corpus.tmx, glossaries, terms) are recomputed only
 * when some document changed.  The glossary depends only on the units in the
 * store, in the order of document names, so a store merged from shards
 * gives the same glossary, byte for byte.
 *
 * With opts->shards = N > 1, only the documents of slice opts->shard (1..N;
 * a document's slice comes from a hash of its NAME) are built;
 * ht_build_merge then joins the stores of several output folders into one
 * and writes the same outputs as a one-shot build of all the documents.
 */
#ifndef HUTONG_BUILD_H
#define HUTONG_BUILD_H

#include <signal.h>
#include <stddef.h>

#include "hutong/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ht_build_event_kind {
	HT_BUILD_PROGRESS, /* stage, done of total */
	HT_BUILD_PROBLEM,  /* path (may be NULL) and message: a file left out or in part */
	HT_BUILD_NOTE      /* message: something the user may want to know */
} ht_build_event_kind;

typedef struct ht_build_event {
	ht_build_event_kind kind;
	const char *stage;   /* "scanning", "reading and aligning", "terms", ... */
	size_t done, total;  /* progress within the stage */
	const char *path;    /* the file a problem is about, or NULL */
	const char *message; /* one line, without the path */
} ht_build_event;

/* Called on the thread that called ht_build (never concurrently). */
typedef void (*ht_build_event_fn)(void *ctx, const ht_build_event *ev);

typedef struct ht_build_opts {
	const char *out_dir;  /* default "out" */
	const char *original; /* BCP 47 tag of the originals; default "zh" */
	const char *dict;     /* --dict for ht_dict_open, per pair with the original; default "auto" */
	size_t jobs;          /* documents read and aligned at once; 0: one per processor */
	size_t shard, shards; /* build slice shard (1-based) of shards; 0 and 0: everything */
	ht_build_event_fn on_event;
	void *event_ctx;
	/* When not NULL and set to nonzero (from a signal handler), the build
	 * stops at its next checkpoint, leaves every output as it was and
	 * returns HT_ERR_IO "interrupted". */
	const volatile sig_atomic_t *cancel;
} ht_build_opts;

void ht_build_opts_init(ht_build_opts *opts);

/* What a build did, for the summary a command prints. */
typedef struct ht_build_result ht_build_result;

/* Build the corpus of inputs[0..n) into opts->out_dir.  HT_OK when every
 * file was built; HT_ERR_DATA when some files were left out (the others are
 * built and written; *out is set); another error when nothing was written
 * (*out is then NULL).  The caller frees *out with ht_build_result_free. */
ht_status ht_build(const char *const *inputs, size_t n, const ht_build_opts *opts,
		   ht_build_result **out, ht_error *err);

/* Merge the stores of the output folders dirs[0..n) (shards of one corpus,
 * built with the same original and dictionary) into opts->out_dir and write
 * every output from the merged store.  A document found in two folders with
 * different content is an HT_ERR_DATA error.  Only out_dir, jobs, on_event
 * and cancel of opts are used. */
ht_status ht_build_merge(const char *const *dirs, size_t n, const ht_build_opts *opts,
			 ht_build_result **out, ht_error *err);

void ht_build_result_free(ht_build_result *r);
/* A one-screen summary (documents built and kept, units and glossary entries
 * per language, where the outputs are, problems), lines ending in '\n'.
 * Valid until ht_build_result_free. */
const char *ht_build_result_summary(const ht_build_result *r);
/* Documents (re)built in this run, kept from the previous run, removed. */
size_t ht_build_result_built(const ht_build_result *r);
size_t ht_build_result_kept(const ht_build_result *r);
size_t ht_build_result_removed(const ht_build_result *r);
/* Files reported as problems. */
size_t ht_build_result_problems(const ht_build_result *r);
/* The store written (OUT/hutong.db). */
const char *ht_build_result_store(const ht_build_result *r);

#ifdef __cplusplus
}
#endif
#endif
