/* Ingesting one document: its versions read and segmented through the
 * segment library, each aligned to the original, all joined into one
 * multilingual unit per unit of the original. */
#include "store/corpus.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hutong/sentence.h"

/* ---- hashing the inputs ---- */

static void hash_file(const char *path, ht_hash128 *h)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		ht_hash128_adds(h, "(unreadable)");
		return;
	}
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		ht_hash128_add(h, buf, n);
	fclose(fp);
}

void ht_part_hash(const ht_group *g, const ht_ingest_ctx *ctx, char out[33])
{
	ht_hash128 h = HT_HASH128_INIT;
	char v[16];
	snprintf(v, sizeof v, "%d", HT_STORE_SCHEMA_VERSION);
	ht_hash128_adds(&h, ht_version());
	ht_hash128_adds(&h, v);
	ht_hash128_adds(&h, ctx->original);
	ht_dict_spec_hash(ctx->dict_spec, &h);
	ht_hash128_adds(&h, ht_group_kind_name(g->kind));
	ht_hash128_adds(&h, g->name);
	for (size_t i = 0; i < g->nfiles; i++) {
		ht_hash128_adds(&h, ht_path_base(g->files[i].path));
		ht_hash128_adds(&h, g->files[i].lang);
		hash_file(g->files[i].path, &h);
	}
	if (g->ids)
		hash_file(g->ids, &h);
	ht_hash128_hex(&h, out);
}

/* ---- versions ---- */

ht_part_version *ht_part_add_version(ht_part *part, const char *lang, const char *path,
				     const char *format, size_t bytes)
{
	part->versions = ht_xrealloc(part->versions, (part->nversions + 1) * sizeof *part->versions);
	ht_part_version *v = &part->versions[part->nversions++];
	memset(v, 0, sizeof *v);
	v->lang = ht_xstrdup(lang);
	v->path = ht_xstrdup(path);
	v->format = ht_xstrdup(format);
	v->bytes = bytes;
	ht_hash128 h = HT_HASH128_INIT;
	hash_file(path, &h);
	ht_hash128_hex(&h, v->hash);
	return v;
}

static ht_input_mode mode_of(const char *path)
{
	const char *dot = strrchr(ht_path_base(path), '.');
	if (dot && (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0 ||
		    strcasecmp(dot, ".xhtml") == 0))
		return HT_INPUT_HTML;
	return HT_INPUT_AUTO;
}

static const char *mode_name(ht_input_mode m)
{
	switch (m) {
	case HT_INPUT_PDFTEXT: return "pdftext";
	case HT_INPUT_HTML: return "html";
	case HT_INPUT_LINES: return "lines";
	case HT_INPUT_PARAGRAPHS: return "paragraphs";
	default: return "auto";
	}
}

/* Read and segment one version.  The language is the file name's, else the
 * text's; "und" is a problem, since the version could not be paired.
 * Every format the segment library reads comes through here. */
static ht_doc *read_version(ht_part *part, const ht_in_file *f)
{
	ht_buf text = HT_BUF_INIT;
	ht_error err = {0};
	ht_doc *doc = NULL;
	const char *lang = f->lang;
	const char *dot = strrchr(ht_path_base(f->path), '.');
	if (dot && (strcasecmp(dot, ".pdf") == 0 || strcasecmp(dot, ".docx") == 0)) {
		/* until the segment library reads them (ht_doc_read) */
		ht_problems_add(&part->problems, f->path,
				"this hutong does not read %s files yet (make text of it with pdftotext or "
				"soffice --convert-to txt); left out",
				dot + 1);
		return NULL;
	}
	ht_status st = ht_text_read(f->path, &text, NULL, &err);
	if (st == HT_OK && !lang) {
		lang = ht_lang_detect(text.s, text.len);
		if (strcmp(lang, "und") == 0) {
			ht_problems_add(&part->problems, f->path,
					"cannot tell its language: name it NAME.LANG.EXT (e.g. %s.en.txt); left out",
					part->group->name);
			ht_buf_release(&text);
			return NULL;
		}
	}
	if (st == HT_OK)
		st = ht_doc_segment(text.s, text.len, f->path, lang, mode_of(f->path), &doc, &err);
	if (st != HT_OK) {
		ht_problems_add_error(&part->problems, f->path, &err);
		ht_buf_release(&text);
		return NULL;
	}
	if (ht_doc_para_count(doc) == 0) {
		ht_problems_add(&part->problems, f->path, "no text in it; left out");
		ht_doc_free(doc);
		doc = NULL;
	} else {
		ht_part_version *v = ht_part_add_version(part, ht_doc_lang(doc), f->path,
							 mode_name(ht_doc_input_mode(doc)), text.len);
		v->doc = doc;
	}
	ht_buf_release(&text);
	return doc;
}

/* Two versions in one language cannot both be paired with the original:
 * both are left out, and the whole document when they are originals. */
int ht_part_drop_duplicates(ht_part *part)
{
	int original_twice = 0;
	for (size_t i = 0; i < part->nversions; i++) {
		int dup = 0;
		for (size_t j = 0; j < part->nversions; j++)
			if (j != i && strcmp(part->versions[i].lang, part->versions[j].lang) == 0) {
				if (!dup)
					ht_problems_add(&part->problems, part->versions[i].path,
							"another version of %s is in '%s' too (%s); %s",
							part->group->name, part->versions[i].lang,
							part->versions[j].path,
							strcmp(part->versions[i].lang, part->original) == 0
								? "two originals: the document is left out"
								: "both are left out");
				dup = 1;
			}
		if (dup && strcmp(part->versions[i].lang, part->original) == 0)
			original_twice = 1;
		part->versions[i].format[0] = dup ? 0 : part->versions[i].format[0];
	}
	/* compact: a version marked with an empty format goes */
	size_t k = 0;
	for (size_t i = 0; i < part->nversions; i++) {
		ht_part_version *v = &part->versions[i];
		if (!v->format[0] || original_twice) {
			free(v->lang);
			free(v->path);
			free(v->format);
			free(v->text);
			ht_doc_free(v->doc);
			continue;
		}
		part->versions[k++] = *v;
	}
	part->nversions = k;
	return !original_twice;
}

/* ---- one language: the units of a document nobody translated ---- */

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\n'; }

static void trim(const char **s, size_t *len)
{
	while (*len && is_blank((*s)[0]))
		(*s)++, (*len)--;
	while (*len && is_blank((*s)[*len - 1]))
		(*len)--;
}

/* The sentence units of a document, body first and footnotes after, with the
 * ids the aligner gives ("p12.s3", "fn2.s1"). */
static void monolingual_units(ht_part *part, const ht_doc *doc)
{
	ht_buf id = HT_BUF_INIT;
	for (int notes = 0; notes < 2; notes++)
		for (size_t i = 0; i < ht_doc_para_count(doc); i++) {
			const ht_para *p = ht_doc_para(doc, i);
			if ((ht_para_kind_of(p) == HT_KIND_FOOTNOTE) != notes)
				continue;
			size_t ns = ht_para_sentence_count(p);
			for (size_t s = 0; s < ns || (s == 0 && ns == 0); s++) {
				size_t len = ht_para_text_len(p);
				const char *t = ns ? ht_para_sentence(p, s, &len) : ht_para_text(p);
				trim(&t, &len);
				if (!len)
					continue;
				ht_buf_reset(&id);
				if (ns)
					ht_buf_addf(&id, "%s.s%zu", ht_para_id(p), s + 1);
				else
					ht_buf_adds(&id, ht_para_id(p));
				size_t u = ht_tm_add_unit(part->tm, part->group->name, id.s, -1);
				ht_tm_set_seg(part->tm, u, 0, t, len);
			}
		}
	ht_buf_release(&id);
}

/* ---- several languages: through the original ---- */

/* Mean confidence of the beads that join both sides: how much lexical
 * evidence an alignment had. */
static double mean_confidence(const ht_docalign *da)
{
	double sum = 0;
	size_t n = 0;
	for (size_t k = 0; k < ht_docalign_bead_count(da); k++) {
		const ht_bead *b = ht_docalign_bead(da, k);
		if (b->nsrc && b->ntgt) {
			sum += b->confidence;
			n++;
		}
	}
	return n ? sum / (double)n : 0;
}

/* How much better a route through the bridge must be (shared numbers alone
 * give about 0.15), as `hutong align --via`. */
#define VIA_MARGIN 0.2

static const ht_dict *dict_for(ht_part *part, const ht_ingest_ctx *ctx, const char *a, const char *b)
{
	char problem[1200];
	const ht_dict *d = ht_dict_cache_get(ctx->dicts, ctx->dict_spec, a, b, problem, sizeof problem);
	if (problem[0])
		ht_problems_add(&part->problems, NULL, "%s", problem);
	return d;
}

/* Align version v with the original; through the bridge (English, when the
 * original is not) when that route has clearly stronger evidence. */
static ht_status align_version(ht_part *part, const ht_ingest_ctx *ctx, size_t orig, size_t v,
			       const ht_docalign *bridge_pair, size_t bridge, ht_docalign **out,
			       ht_error *err)
{
	const ht_doc *od = part->versions[orig].doc, *vd = part->versions[v].doc;
	ht_docalign_opts o = {HT_LEVEL_SENTENCE, dict_for(part, ctx, part->original,
							  part->versions[v].lang)};
	ht_status st = ht_docalign_new(od, vd, &o, out, err);
	if (st != HT_OK || !bridge_pair)
		return st;
	ht_docalign *via = NULL, *composed = NULL;
	ht_docalign_opts bo = {HT_LEVEL_SENTENCE,
			       dict_for(part, ctx, part->versions[bridge].lang, part->versions[v].lang)};
	st = ht_docalign_new(part->versions[bridge].doc, vd, &bo, &via, err);
	if (st == HT_OK && mean_confidence(via) > mean_confidence(*out) + VIA_MARGIN &&
	    ht_docalign_compose(bridge_pair, via, &composed, err) == HT_OK) {
		/* the composed alignment reads both: keep the bridge's pair alive */
		part->pairs = ht_xrealloc(part->pairs, (part->npairs + 1) * sizeof *part->pairs);
		part->pairs[part->npairs++] = via;
		via = NULL;
		ht_docalign_free(*out);
		*out = composed;
	}
	ht_docalign_free(via);
	return st;
}

static void join_ids(const ht_docalign *da, int side, size_t first, size_t n, ht_buf *out)
{
	ht_buf_reset(out);
	for (size_t i = first; i < first + n; i++) {
		if (i > first)
			ht_buf_addc(out, '+');
		ht_buf_adds(out, ht_docalign_unit_id(da, side, i));
	}
}

static void keep_beads(ht_part *part, const ht_docalign *da, size_t version)
{
	ht_buf s = HT_BUF_INIT, t = HT_BUF_INIT;
	for (size_t k = 0; k < ht_docalign_bead_count(da); k++) {
		const ht_bead *b = ht_docalign_bead(da, k);
		HT_GROW(part->beads, part->nbeads + 1, part->bcap);
		ht_part_bead *pb = &part->beads[part->nbeads++];
		join_ids(da, 0, b->src, b->nsrc, &s);
		join_ids(da, 1, b->tgt, b->ntgt, &t);
		pb->version = version;
		pb->src = ht_xstrdup(s.s);
		pb->tgt = ht_xstrdup(t.s);
		pb->nsrc = b->nsrc;
		pb->ntgt = b->ntgt;
		pb->confidence = b->confidence;
	}
	ht_buf_release(&s);
	ht_buf_release(&t);
}

/* The pivot's tm in the store's language order, every TU's doc the NAME. */
static void copy_units(ht_part *part, const ht_tm *pivot)
{
	size_t nl = ht_tm_lang_count(pivot);
	size_t *map = ht_xmalloc(nl * sizeof *map);
	for (size_t l = 0; l < nl; l++)
		map[l] = ht_tm_add_lang(part->tm, ht_tm_lang(pivot, l));
	for (size_t u = 0; u < ht_tm_unit_count(pivot); u++) {
		size_t k = ht_tm_add_unit(part->tm, part->group->name, ht_tm_unit_id(pivot, u),
					  ht_tm_confidence(pivot, u));
		for (size_t l = 0; l < nl; l++) {
			size_t len;
			const char *seg = ht_tm_seg(pivot, u, l, &len);
			if (seg)
				ht_tm_set_seg(part->tm, k, map[l], seg, len);
		}
	}
	free(map);
}

static int cmp_versions(const void *a, const void *b, void *original)
{
	return ht_store_lang_cmp(((const ht_part_version *)a)->lang,
				 ((const ht_part_version *)b)->lang, original);
}

void ht_part_sort_versions(ht_part *part)
{
	/* insertion sort: a handful of versions, and qsort_r is not POSIX */
	for (size_t i = 1; i < part->nversions; i++)
		for (size_t j = i; j > 0 && cmp_versions(&part->versions[j - 1], &part->versions[j],
							 part->original) > 0;
		     j--) {
			ht_part_version t = part->versions[j];
			part->versions[j] = part->versions[j - 1];
			part->versions[j - 1] = t;
		}
}

/* The confidence of each version's text in each unit: the weakest bead
 * that aligned it with the unit's part of the original.  The pivot's TUs
 * cover the original's units in order, their ids joined by '+'. */
static void text_confidences(ht_part *part, ht_docalign *const *pairs, size_t n)
{
	size_t nu = ht_tm_unit_count(part->tm), nl = ht_tm_lang_count(part->tm);
	size_t np = n ? ht_docalign_unit_count(pairs[0], 0) : 0;
	size_t *tu = ht_xmalloc((np ? np : 1) * sizeof *tu);
	size_t i = 0;
	for (size_t u = 0; u < nu; u++) {
		size_t pieces = 1;
		for (const char *p = ht_tm_unit_id(part->tm, u); *p; p++)
			pieces += *p == '+';
		for (size_t k = 0; k < pieces && i < np; k++)
			tu[i++] = u;
	}
	for (; i < np; i++)
		tu[i] = nu ? nu - 1 : 0;
	part->text_conf = ht_xmalloc((nu * nl + 1) * sizeof *part->text_conf);
	for (size_t k = 0; k < nu * nl; k++)
		part->text_conf[k] = -1;
	for (size_t k = 0; k < n && nu; k++) {
		int l = ht_tm_lang_index(part->tm, ht_doc_lang(ht_docalign_doc(pairs[k], 1)));
		for (size_t b = 0; l >= 0 && b < ht_docalign_bead_count(pairs[k]); b++) {
			const ht_bead *bd = ht_docalign_bead(pairs[k], b);
			if (!bd->ntgt)
				continue;
			for (size_t s = bd->src; s < bd->src + bd->nsrc && s < np; s++) {
				double *c = &part->text_conf[tu[s] * nl + (size_t)l];
				if (*c < 0 || bd->confidence < *c)
					*c = bd->confidence;
			}
		}
	}
	free(tu);
}

static void align_document(ht_part *part, const ht_ingest_ctx *ctx)
{
	/* versions[0] is the original after sorting */
	size_t n = part->nversions, bridge = 0;
	for (size_t v = 1; v < n; v++)
		if (strcmp(part->versions[v].lang, "en") == 0 && n > 2)
			bridge = v;
	ht_docalign **pairs = ht_xcalloc(n, sizeof *pairs);
	ht_error err = {0};
	ht_status st = HT_OK;
	/* the bridge first, so that the others can be composed with it */
	size_t order[64], no = 0;
	if (bridge)
		order[no++] = bridge;
	for (size_t v = 1; v < n && no < 64; v++)
		if (v != bridge)
			order[no++] = v;
	size_t done = 0;
	for (size_t k = 0; k < no && st == HT_OK; k++) {
		size_t v = order[k];
		const ht_docalign *bp = bridge && v != bridge ? pairs[0] : NULL;
		st = align_version(part, ctx, 0, v, bp, bridge, &pairs[done], &err);
		if (st == HT_OK)
			keep_beads(part, pairs[done++], v);
	}
	ht_tm *pivot = NULL;
	size_t *lone = ht_xcalloc(n, sizeof *lone);
	if (st == HT_OK)
		st = ht_docalign_pivot((const ht_docalign *const *)pairs, done, &pivot, lone, &err);
	if (st == HT_OK) {
		copy_units(part, pivot);
		ht_tm_free(pivot);
		text_confidences(part, pairs, done);
	} else
		ht_problems_add_error(&part->problems, part->versions[0].path, &err);
	free(lone);
	part->pairs = ht_xrealloc(part->pairs, (part->npairs + done) * sizeof *part->pairs);
	for (size_t k = 0; k < done; k++)
		part->pairs[part->npairs++] = pairs[k];
	free(pairs);
}

void ht_part_ingest(ht_part *part, const ht_group *g, const ht_ingest_ctx *ctx)
{
	part->group = g;
	part->original = ht_xstrdup(ctx->original);
	part->level = "sentence";
	for (size_t i = 0; i < g->nfiles; i++)
		read_version(part, &g->files[i]);
	if (!ht_part_drop_duplicates(part) || part->nversions == 0)
		return;
	int has_original = 0;
	for (size_t i = 0; i < part->nversions; i++)
		has_original |= strcmp(part->versions[i].lang, ctx->original) == 0;
	if (!has_original && part->nversions == 1) {
		free(part->original);
		part->original = ht_xstrdup(part->versions[0].lang);
	} else if (!has_original) {
		ht_buf langs = HT_BUF_INIT;
		for (size_t i = 0; i < part->nversions; i++)
			ht_buf_addf(&langs, "%s%s", i ? ", " : "", part->versions[i].lang);
		ht_problems_add(&part->problems, part->versions[0].path,
				"%s has no version in '%s' (the original) among %s; left out "
				"(--original LANG names the originals' language)",
				g->name, ctx->original, langs.s);
		ht_buf_release(&langs);
		return;
	}
	ht_part_sort_versions(part);
	part->tm = ht_tm_new(part->original);
	for (size_t i = 1; i < part->nversions; i++)
		ht_tm_add_lang(part->tm, part->versions[i].lang);
	if (part->nversions == 1)
		monolingual_units(part, part->versions[0].doc);
	else
		align_document(part, ctx);
	if (ht_tm_unit_count(part->tm) == 0) {
		ht_tm_free(part->tm);
		part->tm = NULL;
	}
}

void ht_part_release(ht_part *part)
{
	for (size_t k = 0; k < part->npairs; k++)
		ht_docalign_free(part->pairs[k]);
	free(part->pairs);
	for (size_t i = 0; i < part->nversions; i++) {
		free(part->versions[i].lang);
		free(part->versions[i].path);
		free(part->versions[i].format);
		free(part->versions[i].text);
		ht_doc_free(part->versions[i].doc);
	}
	free(part->versions);
	for (size_t i = 0; i < part->nbeads; i++) {
		free(part->beads[i].src);
		free(part->beads[i].tgt);
	}
	free(part->beads);
	if (part->sources) {
		for (size_t u = 0; part->tm && u < ht_tm_unit_count(part->tm); u++)
			free(part->sources[u]);
		free(part->sources);
	}
	if (part->tm)
		ht_tm_free(part->tm);
	free(part->text_conf);
	ht_problems_release(&part->problems);
	free(part->original);
	memset(part, 0, sizeof *part);
}
