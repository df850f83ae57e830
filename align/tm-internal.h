/* Translation memory internals, and the XML output helpers that the TMX writer
 * and the glossary writers (TBX) share.  Not installed. */
#ifndef HT_TM_INTERNAL_H
#define HT_TM_INTERNAL_H

#include <libxml/xmlwriter.h>

#include "common/util.h"
#include "hutong/tm.h"

typedef struct ht_tm_segment {
	size_t lang; /* language index */
	char *text;
	size_t len;
} ht_tm_segment;

/* A unit holds only the segments it has (a TMX may have thousands of
 * languages, each unit two of them), sorted by language index. */
typedef struct ht_tm_unit {
	char *doc, *id;     /* may be NULL */
	double confidence;  /* negative: unknown */
	ht_tm_segment *segs;
	size_t nsegs, segs_cap;
} ht_tm_unit;

struct ht_tm {
	char **langs;
	size_t nlangs, langs_cap;
	size_t *lang_slots; /* open addressing on the primary subtag: index + 1, or 0 */
	size_t nslots;      /* a power of two, at least twice nlangs */
	ht_tm_unit *units;
	size_t nunits, units_cap;
};

/* A confidence column or prop ("0.93"; empty is unknown, -1): 1, or 0 when it is not a number. */
int ht_tm_parse_confidence(const char *s, size_t len, double *out);

/* ---- XML output (libxml2 text writer on a FILE*) ---- */

/* A text writer on `fp` (which ht_xml_out_close does not close).  While it is
 * open, libxml2's error reports are caught (not printed: the library never
 * prints) and turned into the status of ht_xml_out_close.  indent: 1 to
 * indent elements (libxml2 never indents inside an element that has text). */
typedef struct ht_xml_out {
	xmlTextWriterPtr w;
	FILE *fp;
	int libxml_errors;
	xmlStructuredErrorFunc saved_handler;
	void *saved_ctx;
} ht_xml_out;

ht_status ht_xml_out_open(ht_xml_out *o, FILE *fp, int indent, const char *what, ht_error *err);
/* End the document, flush and free the writer, restore libxml2's error
 * handler.  HT_ERR_IO ("WHAT: write error") when `failed` (the writer calls'
 * own record) or any write failed. */
ht_status ht_xml_out_close(ht_xml_out *o, int failed, const char *what, ht_error *err);

/* Append to `out` the text s[0..len) with the characters XML 1.0 forbids
 * dropped and invalid UTF-8 bytes replaced by U+FFFD; *dropped (may be NULL)
 * is increased by their number. */
void ht_xml_clean(const char *s, size_t len, ht_buf *out, size_t *dropped);

/* Write <name>text</name> / an attribute with cleaned text; return -1 on a
 * writer error (like libxml2's calls). */
int ht_xml_element(xmlTextWriterPtr w, const char *name, const char *text, size_t len,
		   size_t *dropped);
int ht_xml_attribute(xmlTextWriterPtr w, const char *name, const char *text, size_t *dropped);

#endif
