/* Looking a term up: entries, concordance, near matches.  See hutong/lookup.h. */
#include "store/lookup-internal.h"

#include <stdlib.h>
#include <string.h>

#define MAX_ENTRIES 12
#define MAX_CONTAINS 5
#define MAX_NEAR 5
#define NEAR_MIN 0.7 /* CAT tools start showing fuzzy matches around 70-75 % */
#define LIMIT_MAX 1000

enum {
	Q_ENTRIES,
	Q_CONCEPT,
	Q_LEX_MATCH,
	Q_LEX_DOCS,
	Q_LEX_RANGE,
	Q_TEXT_RANGE,
	Q_HITS_TRIGRAM,
	Q_HITS_WORDS,
	Q_COUNT_TRIGRAM,
	Q_COUNT_WORDS,
	Q_TEXT,
	Q_UNIT,
	Q_ALIGNED,
	Q_N
};

/* Matches are read in row order and ranked here: FTS5's ORDER BY rank
 * scores every match first, which costs tens of milliseconds for a word in
 * every unit. */
static const char *const sql[Q_N] = {
	"SELECT t.concept, t.lang, t.term FROM concept_terms t JOIN concepts c ON c.id = t.concept"
	" WHERE t.key = ?1 ORDER BY c.rank LIMIT 40",
	"SELECT lang, term, freq, score, origin FROM concept_terms WHERE concept = ?1",
	"SELECT l.lang, l.term, l.folded, l.weight FROM lexicon_index"
	" JOIN lexicon l ON l.id = lexicon_index.rowid WHERE lexicon_index MATCH ?1"
	" AND l.chars BETWEEN ?2 AND ?3 LIMIT ?4",
	"SELECT doc FROM temp.lexicon_vocab WHERE term = ?1",
	"SELECT term FROM temp.lexicon_vocab WHERE term >= ?1 AND term < ?1 || char(1114111) LIMIT ?2",
	"SELECT term FROM temp.trigram_vocab WHERE term >= ?1 AND term < ?1 || char(1114111) LIMIT ?2",
	"SELECT t.id, t.unit, t.lang, length(t.text) FROM text_trigram"
	" JOIN texts t ON t.id = text_trigram.rowid WHERE text_trigram MATCH ?1"
	" AND (?2 IS NULL OR t.lang = ?2) LIMIT ?3",
	"SELECT t.id, t.unit, t.lang, length(t.text) FROM text_words"
	" JOIN texts t ON t.id = text_words.rowid WHERE text_words MATCH ?1"
	" AND (?2 IS NULL OR t.lang = ?2) LIMIT ?3",
	"SELECT count(*) FROM text_trigram WHERE text_trigram MATCH ?1",
	"SELECT count(*) FROM text_words WHERE text_words MATCH ?1",
	"SELECT text FROM texts WHERE id = ?1",
	"SELECT d.name, u.uid, u.source, u.confidence FROM units u JOIN documents d ON d.id = u.doc"
	" WHERE u.id = ?1",
	"SELECT lang, text, confidence FROM texts WHERE unit = ?1 AND lang != ?2",
};

/* Vocabularies of the trigram indexes: how rare a trigram is, which
 * trigrams start with a one- or two-character query. */
static const char vocab_sql[] =
	"CREATE VIRTUAL TABLE temp.trigram_vocab USING fts5vocab(main, text_trigram, row);"
	"CREATE VIRTUAL TABLE temp.lexicon_vocab USING fts5vocab(main, lexicon_index, row);";

struct ht_lookup {
	sqlite3 *db;
	sqlite3_stmt *st[Q_N];
	char *original;
	char **langs; /* the store's languages, in its order */
	size_t nlangs;
	ht_folded fold; /* scratch */
	ht_buf buf;
};

/* ---- opening ---- */

void ht_lookup_opts_init(ht_lookup_opts *o)
{
	memset(o, 0, sizeof *o);
	o->limit = 10;
}

const char *ht_match_kind_name(ht_match_kind k)
{
	static const char *const names[] = {"none", "exact", "contains", "near"};
	return (unsigned)k < 4 ? names[k] : "none";
}

static void load_langs(ht_lookup *lk)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(lk->db, "SELECT DISTINCT lang FROM texts", -1, &st, NULL) != SQLITE_OK)
		return;
	size_t cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		HT_GROW(lk->langs, lk->nlangs + 1, cap);
		lk->langs[lk->nlangs++] = ht_xstrdup(ht_db_col(st, 0));
	}
	sqlite3_finalize(st);
	ht_store_sort_langs(lk->langs, lk->nlangs, lk->original);
}

ht_status ht_lookup_open(const char *path, ht_lookup **out, ht_error *err)
{
	*out = NULL;
	sqlite3 *db;
	ht_status st = ht_db_open_read(path, &db, err);
	if (st != HT_OK)
		return st;
	ht_lookup *lk = ht_xcalloc(1, sizeof *lk);
	lk->db = db;
	ht_folded_init(&lk->fold);
	ht_buf_init(&lk->buf);
	if (sqlite3_exec(db, vocab_sql, NULL, NULL, NULL) != SQLITE_OK)
		st = ht_db_fail(db, err, "cannot query");
	for (int i = 0; i < Q_N && st == HT_OK; i++)
		if (!(lk->st[i] = ht_db_prepare(db, sql[i], err)))
			st = HT_ERR_DATA;
	if (st != HT_OK) {
		ht_lookup_close(lk);
		return st;
	}
	char *orig = ht_db_meta_get(db, "original");
	lk->original = orig ? orig : ht_xstrdup("zh");
	load_langs(lk);
	*out = lk;
	return HT_OK;
}

void ht_lookup_close(ht_lookup *lk)
{
	if (!lk)
		return;
	for (int i = 0; i < Q_N; i++)
		sqlite3_finalize(lk->st[i]);
	sqlite3_close(lk->db);
	for (size_t i = 0; i < lk->nlangs; i++)
		free(lk->langs[i]);
	free(lk->langs);
	free(lk->original);
	ht_folded_release(&lk->fold);
	ht_buf_release(&lk->buf);
	free(lk);
}

static size_t lang_rank(const ht_lookup *lk, const char *lang)
{
	for (size_t i = 0; i < lk->nlangs; i++)
		if (strcmp(lk->langs[i], lang) == 0)
			return i;
	return lk->nlangs;
}

/* ---- results ---- */

void *ht_lookup_own(ht_lookup_result *r, void *block)
{
	HT_GROW(r->owned, r->nowned + 1, r->ocap);
	r->owned[r->nowned++] = block;
	return block;
}

char *ht_lookup_keep(ht_lookup_result *r, const char *s, size_t n)
{
	return ht_lookup_own(r, ht_xstrndup(s, n));
}

static char *keep_str(ht_lookup_result *r, const char *s) { return ht_lookup_keep(r, s, strlen(s)); }

void ht_lookup_result_free(ht_lookup_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nowned; i++)
		free(r->owned[i]);
	free(r->owned);
	free(r->entries);
	free(r->concepts);
	free(r->hits);
	free(r->near);
	free(r);
}

const char *ht_lookup_result_query(const ht_lookup_result *r) { return r->query; }
const char *ht_lookup_result_lang(const ht_lookup_result *r) { return r->lang; }
ht_match_kind ht_lookup_result_match(const ht_lookup_result *r) { return r->match; }
const char *ht_lookup_result_effective(const ht_lookup_result *r) { return r->effective; }
double ht_lookup_result_similarity(const ht_lookup_result *r) { return r->similarity; }
size_t ht_lookup_entry_count(const ht_lookup_result *r) { return r->nentries; }
const ht_lookup_entry *ht_lookup_entry_at(const ht_lookup_result *r, size_t i) { return &r->entries[i]; }
size_t ht_lookup_hit_count(const ht_lookup_result *r) { return r->nhits; }
const ht_lookup_hit *ht_lookup_hit_at(const ht_lookup_result *r, size_t i) { return &r->hits[i]; }
size_t ht_lookup_hit_total(const ht_lookup_result *r) { return r->total; }
size_t ht_lookup_near_count(const ht_lookup_result *r) { return r->nnear; }
const ht_lookup_near *ht_lookup_near_at(const ht_lookup_result *r, size_t i) { return &r->near[i]; }

/* ---- entries ---- */

static int has_han(const char *s, size_t len)
{
	for (size_t i = 0; i < len;)
		if (ht_is_han(ht_utf8_next(s, len, &i)))
			return 1;
	return 0;
}

static int entry_known(const ht_lookup_result *r, sqlite3_int64 concept)
{
	for (size_t i = 0; i < r->nentries; i++)
		if (r->concepts[i] == concept)
			return 1;
	return 0;
}

/* A concept of the termbase with its term in every language, the
 * original's first (or, with --to, the original, --to and the matched one). */
static void add_concept(ht_lookup *lk, ht_lookup_result *r, sqlite3_int64 concept,
			const char *matched_lang, const char *matched, ht_match_kind kind, double sim,
			const ht_lookup_opts *o)
{
	sqlite3_stmt *st = lk->st[Q_CONCEPT];
	sqlite3_bind_int64(st, 1, concept);
	ht_lookup_term *terms = ht_lookup_own(r, ht_xcalloc(lk->nlangs + 1, sizeof *terms));
	size_t n = 0;
	while (sqlite3_step(st) == SQLITE_ROW && n < lk->nlangs + 1) {
		const char *lang = ht_db_col(st, 0);
		if (o->to && strcmp(lang, o->to) && strcmp(lang, matched_lang) && strcmp(lang, lk->original))
			continue;
		ht_lookup_term *t = &terms[n++];
		t->lang = keep_str(r, lang);
		t->term = keep_str(r, ht_db_col(st, 1));
		int pivot = strcmp(lang, lk->original) == 0;
		t->freq = pivot ? 0 : (size_t)sqlite3_column_int64(st, 2);
		t->score = pivot ? 0 : sqlite3_column_double(st, 3);
		t->suggestion = strcmp(ht_db_col(st, 4), "dictionary") == 0;
	}
	sqlite3_reset(st);
	for (size_t i = 1; i < n; i++) /* the original first, then the store's order */
		for (size_t j = i; j > 0 && lang_rank(lk, terms[j - 1].lang) > lang_rank(lk, terms[j].lang); j--) {
			ht_lookup_term t = terms[j];
			terms[j] = terms[j - 1];
			terms[j - 1] = t;
		}
	HT_GROW(r->entries, r->nentries + 1, r->ecap);
	size_t ccap = r->ecap;
	r->concepts = ht_xrealloc(r->concepts, ccap * sizeof *r->concepts);
	r->concepts[r->nentries] = concept;
	ht_lookup_entry *e = &r->entries[r->nentries++];
	e->match = kind;
	e->similarity = sim;
	e->matched_lang = keep_str(r, matched_lang);
	e->matched = keep_str(r, matched);
	e->terms = terms;
	e->nterms = n;
}

/* Entries whose term in some language folds to `key`. */
static void add_entries(ht_lookup *lk, ht_lookup_result *r, const char *key, size_t klen,
			ht_match_kind kind, double sim, const ht_lookup_opts *o)
{
	sqlite3_stmt *st = lk->st[Q_ENTRIES];
	ht_db_bind_text(st, 1, key, klen);
	typedef struct row {
		sqlite3_int64 concept;
		char *lang, *term;
	} row;
	row rows[40];
	size_t n = 0;
	while (n < 40 && sqlite3_step(st) == SQLITE_ROW) {
		rows[n].concept = sqlite3_column_int64(st, 0);
		rows[n].lang = ht_xstrdup(ht_db_col(st, 1));
		rows[n].term = ht_xstrdup(ht_db_col(st, 2));
		n++;
	}
	sqlite3_reset(st);
	for (size_t i = 0; i < n; i++) {
		if (r->nentries < MAX_ENTRIES && (!o->from || strcmp(o->from, rows[i].lang) == 0) &&
		    !entry_known(r, rows[i].concept))
			add_concept(lk, r, rows[i].concept, rows[i].lang, rows[i].term, kind, sim, o);
		free(rows[i].lang);
		free(rows[i].term);
	}
}

/* ---- the lexicon: terms that contain the query, terms like it ---- */

typedef struct lex_row {
	char *lang, *term, *folded;
	double sim;
	long long weight;
} lex_row;

static int script_fits(const char *lang, int han, const ht_lookup_opts *o)
{
	if (o->from)
		return strcmp(lang, o->from) == 0;
	return ht_store_lang_is_cjk(lang) == han;
}

/* A phrase for FTS5: the text in double quotes, quotes doubled. */
static void fts_phrase(ht_buf *b, const char *s, size_t len)
{
	ht_buf_addc(b, '"');
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			ht_buf_addc(b, '"');
		ht_buf_addc(b, s[i]);
	}
	ht_buf_addc(b, '"');
}

/* Byte offsets of the first 129 characters of q (and its end). */
static size_t char_starts(const char *q, size_t len, size_t *starts)
{
	size_t n = 0;
	for (size_t i = 0; i < len && n < 129;) {
		starts[n++] = i;
		ht_utf8_next(q, len, &i);
	}
	starts[n] = n < 129 ? len : starts[n - 1];
	return n;
}

/* "t1" OR "t2" ... of the trigrams a vocabulary has that start with q (one
 * or two characters); 0 when none. */
static size_t prefix_query(sqlite3_stmt *range, const char *q, size_t qlen, ht_buf *b)
{
	ht_buf_reset(b);
	ht_db_bind_text(range, 1, q, qlen);
	sqlite3_bind_int(range, 2, 500);
	size_t n = 0;
	while (sqlite3_step(range) == SQLITE_ROW) {
		if (n++)
			ht_buf_adds(b, " OR ");
		fts_phrase(b, ht_db_col(range, 0), (size_t)sqlite3_column_bytes(range, 0));
	}
	sqlite3_reset(range);
	return n;
}

typedef struct trigram {
	size_t start, len;
	long long docs;
} trigram;

static int cmp_trigram(const void *a, const void *b)
{
	const trigram *x = a, *y = b;
	return x->docs < y->docs ? -1 : x->docs > y->docs;
}

#define NEAR_TRIGRAMS 8

/* The rarest trigrams of q that the lexicon has, OR-ed: a term like q
 * shares most of its trigrams, so some of the rare ones. */
static size_t rare_trigram_query(ht_lookup *lk, const char *q, size_t qlen, ht_buf *b)
{
	size_t starts[130], n = char_starts(q, qlen, starts), k = 0;
	trigram t[128];
	sqlite3_stmt *docs = lk->st[Q_LEX_DOCS];
	for (size_t i = 0; i + 3 <= n && k < 128; i++) {
		ht_db_bind_text(docs, 1, q + starts[i], starts[i + 3] - starts[i]);
		long long d = sqlite3_step(docs) == SQLITE_ROW ? sqlite3_column_int64(docs, 0) : 0;
		sqlite3_reset(docs);
		if (d > 0)
			t[k++] = (trigram){starts[i], starts[i + 3] - starts[i], d};
	}
	qsort(t, k, sizeof *t, cmp_trigram);
	ht_buf_reset(b);
	for (size_t i = 0; i < k && i < NEAR_TRIGRAMS; i++) {
		if (i)
			ht_buf_adds(b, " OR ");
		fts_phrase(b, q + t[i].start, t[i].len);
	}
	return k < NEAR_TRIGRAMS ? k : NEAR_TRIGRAMS;
}

static int cmp_lex(const void *a, const void *b)
{
	const lex_row *x = a, *y = b;
	if (x->sim != y->sim)
		return x->sim > y->sim ? -1 : 1;
	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	return strcmp(x->term, y->term);
}

#define LEX_ROWS 400

/* The lexicon rows a MATCH gives, kept when similar enough (near) or when
 * they contain the query on word boundaries, best first. */
static size_t lexicon_rows(sqlite3_stmt *st, const char *q, size_t qlen, int han, int contains,
			   const ht_lookup_opts *o, lex_row *out, size_t max)
{
	size_t n = 0, qchars = ht_utf8_count(q, qlen);
	lex_row *rows = ht_xmalloc(LEX_ROWS * sizeof *rows);
	while (n < LEX_ROWS && sqlite3_step(st) == SQLITE_ROW) {
		const char *lang = ht_db_col(st, 0), *folded = ht_db_col(st, 2);
		size_t fl = (size_t)sqlite3_column_bytes(st, 2);
		if (!script_fits(lang, han, o) || (fl == qlen && memcmp(folded, q, qlen) == 0))
			continue;
		double sim;
		if (contains) {
			int bounded = 0;
			for (const char *p = folded; !bounded && (p = strstr(p, q)); p++)
				bounded = ht_fold_on_word_bounds(folded, fl, (size_t)(p - folded),
								 (size_t)(p - folded) + qlen);
			if (!bounded)
				continue;
			sim = (double)qchars / (double)ht_utf8_count(folded, fl);
		} else if ((sim = ht_fold_similarity(q, qlen, folded, fl)) < NEAR_MIN)
			continue;
		rows[n].lang = ht_xstrdup(lang);
		rows[n].term = ht_xstrdup(ht_db_col(st, 1));
		rows[n].folded = ht_xstrdup(folded);
		rows[n].sim = sim;
		rows[n].weight = sqlite3_column_int64(st, 3);
		n++;
	}
	sqlite3_reset(st);
	qsort(rows, n, sizeof *rows, cmp_lex);
	for (size_t i = max; i < n; i++) {
		free(rows[i].lang);
		free(rows[i].term);
		free(rows[i].folded);
	}
	n = n < max ? n : max;
	memcpy(out, rows, n * sizeof *rows);
	free(rows);
	return n;
}

static void free_lex(lex_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].lang);
		free(rows[i].term);
		free(rows[i].folded);
	}
}

static void lex_match(ht_lookup *lk, size_t lo, size_t hi)
{
	sqlite3_stmt *st = lk->st[Q_LEX_MATCH];
	ht_db_bind_text(st, 1, lk->buf.s, lk->buf.len);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)lo);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)hi);
	sqlite3_bind_int(st, 4, 1000);
}

static size_t find_near(ht_lookup *lk, const char *q, size_t qlen, int han, const ht_lookup_opts *o,
			lex_row *out)
{
	size_t n = ht_utf8_count(q, qlen);
	if (n < 3 || !rare_trigram_query(lk, q, qlen, &lk->buf))
		return 0;
	/* similarity NEAR_MIN allows this much difference in length */
	lex_match(lk, (size_t)((double)n * NEAR_MIN), (size_t)((double)n / NEAR_MIN) + 1);
	return lexicon_rows(lk->st[Q_LEX_MATCH], q, qlen, han, 0, o, out, MAX_NEAR);
}

static size_t find_containing(ht_lookup *lk, const char *q, size_t qlen, int han,
			      const ht_lookup_opts *o, lex_row *out)
{
	size_t n = ht_utf8_count(q, qlen);
	ht_buf_reset(&lk->buf);
	if (n >= 3)
		fts_phrase(&lk->buf, q, qlen);
	else if (!han || !prefix_query(lk->st[Q_LEX_RANGE], q, qlen, &lk->buf))
		return 0; /* "de", "в": every term contains them */
	lex_match(lk, n + 1, 1000);
	return lexicon_rows(lk->st[Q_LEX_MATCH], q, qlen, han, 1, o, out, MAX_CONTAINS);
}

/* ---- the concordance ---- */

typedef struct equivalent {
	const char *lang;
	char *folded;
	size_t len;
} equivalent;

typedef struct search {
	ht_lookup *lk;
	ht_lookup_result *r;
	const ht_lookup_opts *o;
	const char *raw, *q; /* the query as typed (white space tidied) and folded */
	size_t rawlen, qlen;
	equivalent *eq;
	size_t neq;
} search;

/* The terms of the entries found, folded: what to mark in aligned units. */
static void collect_equivalents(search *s)
{
	size_t cap = 0;
	for (size_t i = 0; i < s->r->nentries; i++) {
		const ht_lookup_entry *e = &s->r->entries[i];
		for (size_t k = 0; k < e->nterms; k++) {
			HT_GROW(s->eq, s->neq + 1, cap);
			ht_buf f = HT_BUF_INIT;
			ht_fold_into(e->terms[k].term, strlen(e->terms[k].term), &f);
			s->eq[s->neq].lang = e->terms[k].lang;
			s->eq[s->neq].folded = ht_buf_detach(&f, &s->eq[s->neq].len);
			s->neq++;
		}
	}
}

static ht_lookup_text make_text(search *s, const char *lang, const char *text, size_t len, int own)
{
	ht_lookup_text t = {keep_str(s->r, lang), ht_lookup_keep(s->r, text, len), len, NULL, 0, -1};
	ht_folded *f = &s->lk->fold;
	ht_fold(text, len, f);
	ht_span *marks = NULL;
	size_t n = 0, cap = 0;
	if (own)
		ht_lookup_mark(f, text, s->q, s->qlen, 1, &marks, &n, &cap);
	for (size_t i = 0; !own && i < s->neq; i++)
		if (strcmp(s->eq[i].lang, lang) == 0)
			ht_lookup_mark(f, text, s->eq[i].folded, s->eq[i].len, 1, &marks, &n, &cap);
	ht_lookup_marks_normalize(marks, &n);
	t.marks = marks ? ht_lookup_own(s->r, marks) : NULL;
	t.nmarks = n;
	return t;
}

typedef struct candidate {
	sqlite3_int64 id, unit;
	char lang[16];
	size_t chars;
	int tier;
} candidate;

/* One candidate into a hit; 0 when it has no aligned text to show and
 * `need_aligned`. */
static int make_hit(search *s, const candidate *c, int need_aligned, ht_lookup_hit *h)
{
	ht_lookup *lk = s->lk;
	sqlite3_stmt *al = lk->st[Q_ALIGNED];
	sqlite3_bind_int64(al, 1, c->unit);
	ht_db_bind_str(al, 2, c->lang);
	ht_lookup_text aligned[64];
	size_t na = 0;
	while (na < 64 && sqlite3_step(al) == SQLITE_ROW) {
		const char *l = ht_db_col(al, 0);
		if (s->o->to && strcmp(l, s->o->to) != 0)
			continue;
		aligned[na] = make_text(s, l, ht_db_col(al, 1), (size_t)sqlite3_column_bytes(al, 1), 0);
		if (sqlite3_column_type(al, 2) != SQLITE_NULL)
			aligned[na].confidence = sqlite3_column_double(al, 2);
		na++;
	}
	sqlite3_reset(al);
	if (!na && need_aligned)
		return 0;
	for (size_t i = 1; i < na; i++) /* the store's language order */
		for (size_t j = i; j > 0 && lang_rank(lk, aligned[j - 1].lang) > lang_rank(lk, aligned[j].lang);
		     j--) {
			ht_lookup_text t = aligned[j];
			aligned[j] = aligned[j - 1];
			aligned[j - 1] = t;
		}
	memset(h, 0, sizeof *h);
	h->aligned = na ? ht_lookup_own(s->r, ht_xmalloc(na * sizeof *aligned)) : NULL;
	if (na)
		memcpy((void *)h->aligned, aligned, na * sizeof *aligned);
	h->naligned = na;
	sqlite3_stmt *t = lk->st[Q_TEXT];
	sqlite3_bind_int64(t, 1, c->id);
	if (sqlite3_step(t) == SQLITE_ROW)
		h->text = make_text(s, c->lang, ht_db_col(t, 0), (size_t)sqlite3_column_bytes(t, 0), 1);
	sqlite3_reset(t);
	sqlite3_stmt *u = lk->st[Q_UNIT];
	sqlite3_bind_int64(u, 1, c->unit);
	if (sqlite3_step(u) == SQLITE_ROW) {
		h->doc = keep_str(s->r, ht_db_col(u, 0));
		h->unit = keep_str(s->r, ht_db_col(u, 1));
		h->source = sqlite3_column_type(u, 2) == SQLITE_NULL ? NULL : keep_str(s->r, ht_db_col(u, 2));
		h->confidence = sqlite3_column_type(u, 3) == SQLITE_NULL ? -1 : sqlite3_column_double(u, 3);
	}
	sqlite3_reset(u);
	return 1;
}

/* Units of sentence length show a term in use; headings and long
 * paragraphs come after them. */
static int length_tier(const char *lang, size_t chars)
{
	int cjk = ht_store_lang_is_cjk(lang);
	size_t lo = cjk ? 12 : 40, hi = cjk ? 150 : 450;
	return chars < lo || chars > hi;
}

static int cmp_candidate(const void *a, const void *b)
{
	const candidate *x = a, *y = b;
	if (x->tier != y->tier)
		return x->tier - y->tier;
	return x->id < y->id ? -1 : x->id > y->id;
}

#define CANDIDATES 300

/* Units whose text in the query's language has it: the trigram index for
 * Han (one or two characters through the trigrams they start), the word
 * index for the others.  Up to CANDIDATES in row order. */
static size_t candidates(search *s, int cjk, candidate *out, size_t *total)
{
	ht_lookup *lk = s->lk;
	sqlite3_stmt *st, *count;
	*total = 0;
	if (cjk) {
		if (ht_utf8_count(s->raw, s->rawlen) < 3) {
			if (!prefix_query(lk->st[Q_TEXT_RANGE], s->raw, s->rawlen, &lk->buf))
				return 0;
		} else {
			ht_buf_reset(&lk->buf);
			fts_phrase(&lk->buf, s->raw, s->rawlen);
		}
		st = lk->st[Q_HITS_TRIGRAM];
		count = lk->st[Q_COUNT_TRIGRAM];
	} else {
		int words = 0;
		for (size_t i = 0; i < s->qlen && !words;)
			words = ht_fold_is_word_cp(ht_utf8_next(s->q, s->qlen, &i));
		if (!words)
			return 0;
		ht_buf_reset(&lk->buf);
		fts_phrase(&lk->buf, s->q, s->qlen);
		st = lk->st[Q_HITS_WORDS];
		count = lk->st[Q_COUNT_WORDS];
	}
	ht_db_bind_text(st, 1, lk->buf.s, lk->buf.len);
	ht_db_bind_str(st, 2, s->o->from);
	sqlite3_bind_int(st, 3, CANDIDATES);
	size_t n = 0;
	while (n < CANDIDATES && sqlite3_step(st) == SQLITE_ROW) {
		out[n].id = sqlite3_column_int64(st, 0);
		out[n].unit = sqlite3_column_int64(st, 1);
		snprintf(out[n].lang, sizeof out[n].lang, "%s", ht_db_col(st, 2));
		out[n].chars = (size_t)sqlite3_column_int64(st, 3);
		out[n].tier = length_tier(out[n].lang, out[n].chars);
		n++;
	}
	sqlite3_reset(st);
	*total = n;
	if (n == CANDIDATES) { /* more than we read: count them all */
		ht_db_bind_text(count, 1, lk->buf.s, lk->buf.len);
		if (sqlite3_step(count) == SQLITE_ROW)
			*total = (size_t)sqlite3_column_int64(count, 0);
		sqlite3_reset(count);
	}
	qsort(out, n, sizeof *out, cmp_candidate);
	return n;
}

/* The concordance: units with aligned text first, sentence-length ones
 * before the others, in document order. */
static void concordance(search *s, int cjk)
{
	size_t limit = s->o->limit ? s->o->limit : 10;
	if (limit > LIMIT_MAX)
		limit = LIMIT_MAX;
	candidate *c = ht_xmalloc(CANDIDATES * sizeof *c);
	size_t n = candidates(s, cjk, c, &s->r->total);
	unsigned char *used = ht_xcalloc(n ? n : 1, 1);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n && s->r->nhits < limit; i++) {
			ht_lookup_hit h;
			if (used[i] || !make_hit(s, &c[i], pass == 0, &h))
				continue;
			used[i] = 1;
			HT_GROW(s->r->hits, s->r->nhits + 1, s->r->hcap);
			s->r->hits[s->r->nhits++] = h;
		}
	free(c);
	free(used);
}

/* ---- the query ---- */

static void add_near(ht_lookup_result *r, const lex_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		HT_GROW(r->near, r->nnear + 1, r->ncap);
		ht_lookup_near *nr = &r->near[r->nnear++];
		nr->lang = keep_str(r, rows[i].lang);
		nr->term = keep_str(r, rows[i].term);
		nr->similarity = rows[i].sim;
	}
}

static ht_status check_query(const char *query, size_t len, const ht_lookup_opts *o, ht_error *err)
{
	if (ht_utf8_valid_prefix(query, len) != len)
		return ht_error_set(err, HT_ERR_DATA, "query: byte %zu: invalid UTF-8",
				    ht_utf8_valid_prefix(query, len) + 1);
	if (memchr(query, 0, len))
		return ht_error_set(err, HT_ERR_DATA, "query: a NUL byte in it");
	if (len > 1000)
		return ht_error_set(err, HT_ERR_USAGE, "query: %zu bytes; at most 1000", len);
	if (o->limit > LIMIT_MAX)
		return ht_error_set(err, HT_ERR_USAGE, "limit %zu: at most %d", o->limit, LIMIT_MAX);
	return HT_OK;
}

ht_status ht_lookup_query(ht_lookup *lk, const char *query, size_t len, const ht_lookup_opts *opts,
			  ht_lookup_result **out, ht_error *err)
{
	*out = NULL;
	ht_lookup_opts defaults;
	ht_lookup_opts_init(&defaults);
	const ht_lookup_opts *o = opts ? opts : &defaults;
	ht_status st = check_query(query, len, o, err);
	if (st != HT_OK)
		return st;
	/* one read transaction: one shared lock for the lookup's statements,
	 * not one each, and one consistent view of the store */
	int txn = sqlite3_exec(lk->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
	ht_lookup_result *r = ht_xcalloc(1, sizeof *r);
	r->query = ht_lookup_keep(r, query, len);
	ht_buf qf = HT_BUF_INIT;
	ht_fold_into(query, len, &qf);
	int han = o->from ? ht_store_lang_is_cjk(o->from) : has_han(qf.s, qf.len);
	r->lang = keep_str(r, o->from ? o->from : han ? "zh" : "*");
	r->effective = r->query;
	r->similarity = 1;
	ht_buf raw = HT_BUF_INIT; /* white space tidied as in the folded form */
	for (size_t i = 0; i < len; i++) {
		int space = query[i] == ' ' || query[i] == '\t' || query[i] == '\n' || query[i] == '\r';
		if (!space)
			ht_buf_addc(&raw, query[i]);
		else if (raw.len && raw.s[raw.len - 1] != ' ')
			ht_buf_addc(&raw, ' ');
	}
	while (raw.len && raw.s[raw.len - 1] == ' ')
		ht_buf_truncate(&raw, raw.len - 1);
	search s = {lk, r, o, raw.s, qf.s, raw.len, qf.len, NULL, 0};
	lex_row near[MAX_NEAR], contains[MAX_CONTAINS];
	size_t nnear = 0, ncontains = 0;
	if (qf.len) {
		add_entries(lk, r, qf.s, qf.len, HT_MATCH_EXACT, 1, o);
		size_t exact = r->nentries;
		if (!exact) {
			nnear = find_near(lk, qf.s, qf.len, han, o, near);
			for (size_t i = 0; i < nnear; i++)
				add_entries(lk, r, near[i].folded, strlen(near[i].folded), HT_MATCH_NEAR,
					    near[i].sim, o);
			add_near(r, near, nnear);
		}
		ncontains = find_containing(lk, qf.s, qf.len, han, o, contains);
		for (size_t i = 0; i < ncontains; i++)
			add_entries(lk, r, contains[i].folded, strlen(contains[i].folded), HT_MATCH_CONTAINS,
				    contains[i].sim, o);
		collect_equivalents(&s);
		concordance(&s, han);
		r->match = r->nhits || exact ? HT_MATCH_EXACT : HT_MATCH_NONE;
		if (!r->nhits && nnear) {
			/* nothing has the query itself: show what has its best near match */
			r->match = HT_MATCH_NEAR;
			r->effective = keep_str(r, near[0].term);
			r->similarity = near[0].sim;
			s.q = s.raw = near[0].folded;
			s.qlen = s.rawlen = strlen(near[0].folded);
			concordance(&s, ht_store_lang_is_cjk(near[0].lang));
		}
	}
	for (size_t i = 0; i < s.neq; i++)
		free(s.eq[i].folded);
	free(s.eq);
	free_lex(near, nnear);
	free_lex(contains, ncontains);
	ht_buf_release(&qf);
	ht_buf_release(&raw);
	if (txn)
		sqlite3_exec(lk->db, "COMMIT", NULL, NULL, NULL);
	*out = r;
	return HT_OK;
}
