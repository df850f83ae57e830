/* Termbase internals: the concept table shared by the core, the readers and
 * the writers (lexicon/termbase*.c, lexicon/tb-*.c), and the CSV record
 * reader the termbase and reference readers share.  Not installed. */
#ifndef HT_TB_INTERNAL_H
#define HT_TB_INTERNAL_H

#include "common/util.h"
#include "hutong/termbase.h"

/* A term slot owns its strings; term == NULL: no term in that language. */
struct ht_termbase {
	char **langs;
	size_t nlangs, cap_langs;
	ht_tb_term *terms; /* nconcepts x cap_langs slots, concept-major */
	size_t nconcepts, cap_concepts;
	/* pivot-less lookup: per language, folded term -> concept (built lazily) */
	struct tb_index *index;
};

/* ---- CSV (RFC 4180) ---- */

/* One record of a CSV text starting at *pos (advanced past it): its fields,
 * unquoted, into fields[0..*n) (each a NUL-terminated copy in `store`,
 * reset first; offsets in off[]).  *line counts the lines read (the record's
 * first line is *line + 1 on entry).  Returns 1 for a record, 0 at the end,
 * -1 for an unterminated quoted field (*line is then the line where it
 * opened).  `sep` is ',' (RFC 4180 quotes) or '\t' (no quoting: a TSV
 * field is what lies between tabs). */
int ht_csv_record(const char *s, size_t len, size_t *pos, char sep, ht_buf *store, size_t **off,
		  size_t *n, size_t *cap, size_t *line);

/* Append a CSV cell: quoted when needed (RFC 4180), and with a leading
 * apostrophe when a spreadsheet would take it for a formula. */
void ht_csv_cell(ht_buf *out, const char *s);

#endif
