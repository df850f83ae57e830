/* Whole-document alignment: paragraph anchors from labels, ht_align_units
 * between them, then sentences inside aligned paragraph groups. */
#include "hutong/docalign.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "align/docalign-internal.h"
#include "common/util.h"

int ht_align_level_parse(const char *name)
{
	if (strcmp(name, "paragraph") == 0)
		return HT_LEVEL_PARAGRAPH;
	if (strcmp(name, "sentence") == 0)
		return HT_LEVEL_SENTENCE;
	return -1;
}

int ht_align_format_parse(const char *name)
{
	static const char *const names[] = {"beads", "tsv", "tmx", "jsonl"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(name, names[i]) == 0)
			return (int)i;
	return -1;
}

/* ---- units ---- */

static int is_trim_space(int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000 || cp == 0xA0;
}

/* Shrink text[0..*len) by its leading and trailing white space. */
static const char *trim(const char *text, size_t *len)
{
	size_t start = 0, end = *len;
	while (start < end) {
		size_t i = start;
		if (!is_trim_space(ht_utf8_next(text, end, &i)))
			break;
		start = i;
	}
	while (end > start) {
		size_t i = end;
		if (!is_trim_space(ht_utf8_prev(text, &i)))
			break;
		end = i;
	}
	*len = end - start;
	return text + start;
}

static void side_add_unit(struct ht_da_side *s, const char *id, int own_id, const char *text, size_t len)
{
	HT_GROW(s->units, s->n + 1, s->cap);
	struct ht_da_unit *u = &s->units[s->n++];
	u->id = own_id ? id : NULL;
	u->para_id = own_id ? NULL : id;
	u->text = trim(text, &len);
	u->len = len;
	u->own_text = NULL;
}

const char *ht_da_unit_id(const struct ht_da_unit *u) { return u->id ? u->id : u->para_id; }

/* ---- paragraph label keys ---- */

/* Value of a Chinese numeral character, -1 if none; 10, 100 are multipliers. */
static int han_numeral(int32_t cp)
{
	static const int32_t digits[] = {0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
					 0x516D, 0x4E03, 0x516B, 0x4E5D}; /* 零一二三四五六七八九 */
	long d = ht_cp_index(digits, sizeof digits / sizeof *digits, cp);
	if (d >= 0)
		return (int)d;
	if (cp == 0x3007) /* 〇 */
		return 0;
	if (cp == 0x5341) /* 十 */
		return 10;
	if (cp == 0x767E) /* 百 */
		return 100;
	return -1;
}

/* Decimal digit value of Arabic-Indic, extended Arabic-Indic and full-width digits. */
static int digit_value(int32_t cp)
{
	if (cp >= '0' && cp <= '9')
		return cp - '0';
	if (cp >= 0x0660 && cp <= 0x0669)
		return cp - 0x0660;
	if (cp >= 0x06F0 && cp <= 0x06F9)
		return cp - 0x06F0;
	if (cp >= 0xFF10 && cp <= 0xFF19)
		return cp - 0xFF10;
	return -1;
}

/* Latin letter that an enumeration letter stands for: Latin itself, Cyrillic
 * and Arabic letters by their place in the alphabet (Arabic in abjad order,
 * as UN Arabic texts enumerate: (أ) (ب) (ج) (د) ...); 0 when none. */
static char enum_letter(int32_t cp)
{
	static const int32_t cyrillic[] = {0x430, 0x431, 0x432, 0x433, 0x434, 0x435, 0x436, 0x437,
					   0x438, 0x43A, 0x43B, 0x43C, 0x43D, 0x43E, 0x43F, 0x440,
					   0x441, 0x442, 0x443, 0x444, 0x445, 0x446, 0x447, 0x448,
					   0x449, 0x44D};
	static const int32_t abjad[] = {0x623, 0x628, 0x62C, 0x62F, 0x647, 0x648, 0x632, 0x62D,
					0x637, 0x64A, 0x643, 0x644, 0x645, 0x646, 0x633, 0x639,
					0x641, 0x635, 0x642, 0x631, 0x634, 0x62A, 0x62B, 0x62E,
					0x630, 0x636};
	if (cp >= 'A' && cp <= 'Z')
		return (char)(cp + 32);
	if (cp >= 'a' && cp <= 'z')
		return (char)cp;
	if (cp >= 0xFF21 && cp <= 0xFF3A)
		return (char)('a' + cp - 0xFF21);
	if (cp >= 0xFF41 && cp <= 0xFF5A)
		return (char)('a' + cp - 0xFF41);
	if (cp >= 0x410 && cp <= 0x42F)
		cp += 0x20;
	if (cp == 0x627 || cp == 0x625) /* bare alef for أ */
		cp = 0x623;
	long i = ht_cp_index(cyrillic, sizeof cyrillic / sizeof *cyrillic, cp);
	if (i < 0)
		i = ht_cp_index(abjad, sizeof abjad / sizeof *abjad, cp);
	return i < 0 ? 0 : (char)('a' + i);
}

/* Value of a Roman numeral written in lower case, or -1. */
static long roman_value(const char *s, size_t len)
{
	long total = 0, prev = 0;
	if (!len || len > 8)
		return -1;
	for (size_t i = len; i-- > 0;) {
		long v;
		switch (s[i]) {
		case 'i': v = 1; break;
		case 'v': v = 5; break;
		case 'x': v = 10; break;
		case 'l': v = 50; break;
		case 'c': v = 100; break;
		default: return -1;
		}
		total += v < prev ? -v : v;
		if (v > prev)
			prev = v;
	}
	return total > 0 ? total : -1;
}

/* Flush a pending run of letters into the key, as a number when it is a Roman numeral. */
static void flush_letters(ht_buf *key, ht_buf *letters)
{
	if (!letters->len)
		return;
	long v = roman_value(letters->s, letters->len);
	if (v > 0)
		ht_buf_addf(key, "%ld", v);
	else
		ht_buf_add(key, letters->s, letters->len);
	ht_buf_reset(letters);
}

void ht_da_label_key(const char *label, ht_buf *key)
{
	ht_buf letters = HT_BUF_INIT;
	size_t len = strlen(label), i = 0;
	long han = -1, han_digit = -1;
	int sep = 0;
	while (i < len) {
		int32_t cp = ht_utf8_next(label, len, &i);
		int d = digit_value(cp), h = han_numeral(cp);
		char letter = d < 0 && h < 0 ? enum_letter(cp) : 0;
		if (h < 0 && han >= 0) { /* end of a Chinese numeral: 二十三 = 23 */
			ht_buf_addf(key, "%ld", han + (han_digit > 0 ? han_digit : 0));
			han = han_digit = -1;
		}
		if (!letter)
			flush_letters(key, &letters);
		if (d < 0 && h < 0 && !letter) {
			if (cp == '/' || cp == 0xFF0F)
				ht_buf_addc(key, '/');
			else
				sep = key->len > 0; /* "1.2": keep a separator between parts */
			continue;
		}
		if (sep && key->len && key->s[key->len - 1] != '/')
			ht_buf_addc(key, '.');
		sep = 0;
		if (d >= 0) {
			ht_buf_addc(key, (char)('0' + d));
		} else if (h >= 0) {
			if (han < 0)
				han = 0, han_digit = -1;
			if (h >= 10) {
				han += (han_digit > 0 ? han_digit : 1) * h;
				han_digit = -1;
			} else
				han_digit = h;
		} else {
			ht_buf_addc(&letters, letter);
		}
	}
	if (han >= 0)
		ht_buf_addf(key, "%ld", han + (han_digit > 0 ? han_digit : 0));
	flush_letters(key, &letters);
	/* strip trailing separators so that "1." and "1" agree */
	while (key->len && key->s[key->len - 1] == '.')
		ht_buf_truncate(key, key->len - 1);
	ht_buf_release(&letters);
}

/* Longest text that counts as a heading for numbered-heading anchors. */
#define HEADING_MAX_BYTES 64

static int is_han_counter(int32_t cp)
{
	/* 条 章 节 款 部 篇 编 卷 */
	return cp == 0x6761 || cp == 0x7AE0 || cp == 0x8282 || cp == 0x6B3E || cp == 0x90E8 ||
	       cp == 0x7BC7 || cp == 0x7F16 || cp == 0x5377;
}

/* A heading that is only a Chinese numeral and its punctuation ("三", "十二、"). */
static int han_numeral_only(const char *text, size_t len)
{
	size_t i = 0;
	int digits = 0;
	while (i < len) {
		int32_t cp = ht_utf8_next(text, len, &i);
		if (han_numeral(cp) >= 0)
			digits++;
		else if (cp != 0x3001 && cp != '.' && cp != 0xFF0E && cp != ' ')
			return 0;
	}
	return digits > 0;
}

/* The one number of a short heading ("Article 12", "第十二条", "Статья 12",
 * "المادة ١٢", "Chapter IV"), as a key; 0 when the text has none or several. */
static int heading_number_key(const char *text, size_t len, ht_buf *key)
{
	if (len > HEADING_MAX_BYTES)
		return 0;
	ht_buf num = HT_BUF_INIT;
	int found = 0;
	size_t i = 0;
	while (i < len && found < 2) {
		size_t start = i;
		int32_t cp = ht_utf8_next(text, len, &i);
		if (digit_value(cp) >= 0) { /* a run of digits */
			size_t end = i;
			while (end < len) {
				size_t k = end;
				if (digit_value(ht_utf8_next(text, len, &k)) < 0)
					break;
				end = k;
			}
			ht_buf_reset(&num);
			char *run = ht_xstrndup(text + start, end - start);
			ht_da_label_key(run, &num);
			free(run);
			found++;
			i = end;
		} else if (cp == 0x7B2C) { /* 第 + Chinese numeral + counter */
			size_t end = i;
			while (end < len) {
				size_t k = end;
				if (han_numeral(ht_utf8_next(text, len, &k)) < 0)
					break;
				end = k;
			}
			size_t k = end;
			if (end > i && end < len && is_han_counter(ht_utf8_next(text, len, &k))) {
				char *run = ht_xstrndup(text + i, end - i);
				ht_buf_reset(&num);
				ht_da_label_key(run, &num);
				free(run);
				found++;
			}
			i = end;
		} else if ((cp == 'I' || cp == 'V' || cp == 'X') &&
			   (start == 0 || text[start - 1] == ' ')) { /* a Roman numeral word */
			size_t end = i;
			while (end < len && strchr("IVXLC", text[end]))
				end++;
			if (end == len || text[end] == ' ' || text[end] == '.') {
				long v = 0;
				char *run = ht_xstrndup(text + start, end - start);
				for (char *c = run; *c; c++)
					*c = (char)(*c + 32);
				v = roman_value(run, end - start);
				free(run);
				if (v > 0) {
					ht_buf_reset(&num);
					ht_buf_addf(&num, "%ld", v);
					found++;
				}
			}
			i = end;
		}
	}
	if (!found && len && han_numeral_only(text, len)) {
		char *run = ht_xstrndup(text, len);
		ht_da_label_key(run, &num);
		free(run);
		found = num.len > 0;
	}
	if (found == 1) {
		ht_buf_adds(key, "H:");
		ht_buf_add(key, num.s, num.len);
	}
	ht_buf_release(&num);
	return found == 1;
}

/* The anchor key of a paragraph: its label, else the footnotes it cites, else
 * the number of a short heading; "" when none. */
char *ht_da_para_key(const ht_para *p)
{
	ht_buf key = HT_BUF_INIT;
	const char *label = ht_para_label(p);
	if (label) {
		ht_buf_adds(&key, "L:");
		ht_da_label_key(label, &key);
		if (key.len == 2)
			ht_buf_reset(&key);
	} else if (ht_para_note_count(p)) {
		ht_buf_adds(&key, "N:");
		for (size_t i = 0; i < ht_para_note_count(p); i++) {
			if (i)
				ht_buf_addc(&key, ',');
			ht_da_label_key(ht_para_note(p, i), &key);
		}
	} else {
		heading_number_key(ht_para_text(p), ht_para_text_len(p), &key);
	}
	return ht_buf_detach(&key, NULL);
}

/* ---- anchors: the best monotone chain of agreeing keys near the diagonal ---- */

/* Widest relative-position difference for an anchor, and a slack in units. */
#define ANCHOR_MAX_SHIFT 0.2
#define ANCHOR_SLACK 5.0
/* Largest label matrix we fill; beyond it the documents get no label anchors. */
#define ANCHOR_MAX_CELLS (40u * 1000u * 1000u)

size_t ht_da_find_anchors(char *const *ka, size_t na, char *const *kb, size_t nb, size_t *out_a,
			  size_t *out_b)
{
	/* only keyed paragraphs take part */
	size_t *ia = ht_xmalloc((na + 1) * sizeof *ia), *ib = ht_xmalloc((nb + 1) * sizeof *ib);
	size_t ma = 0, mb = 0, found = 0;
	for (size_t i = 0; i < na; i++)
		if (ka[i][0])
			ia[ma++] = i;
	for (size_t j = 0; j < nb; j++)
		if (kb[j][0])
			ib[mb++] = j;
	if (!ma || !mb || (double)ma * mb > ANCHOR_MAX_CELLS)
		goto done;
	double *prev = ht_xcalloc(mb + 1, sizeof *prev), *cur = ht_xcalloc(mb + 1, sizeof *cur);
	unsigned char *dir = ht_xmalloc(ma * mb);
	double limit_a = ANCHOR_MAX_SHIFT + ANCHOR_SLACK / (double)(na > nb ? na : nb);
	for (size_t x = 0; x < ma; x++) {
		double pa = na > 1 ? (double)ia[x] / (double)(na - 1) : 0;
		cur[0] = 0;
		for (size_t y = 0; y < mb; y++) {
			double best = prev[y + 1];
			unsigned char d = 1; /* skip a */
			if (cur[y] > best) {
				best = cur[y];
				d = 2; /* skip b */
			}
			if (strcmp(ka[ia[x]], kb[ib[y]]) == 0) {
				double pb = nb > 1 ? (double)ib[y] / (double)(nb - 1) : 0;
				double shift = fabs(pa - pb);
				if (shift <= limit_a) {
					double gain = 1.0 - 0.5 * shift / limit_a;
					if (prev[y] + gain > best) {
						best = prev[y] + gain;
						d = 3;
					}
				}
			}
			cur[y + 1] = best;
			dir[x * mb + y] = d;
		}
		double *t = prev;
		prev = cur;
		cur = t;
	}
	/* trace back */
	size_t x = ma, y = mb;
	while (x > 0 && y > 0) {
		unsigned char d = dir[(x - 1) * mb + (y - 1)];
		if (d == 3) {
			out_a[found] = ia[x - 1];
			out_b[found] = ib[y - 1];
			found++;
			x--, y--;
		} else if (d == 1)
			x--;
		else
			y--;
	}
	for (size_t k = 0; k < found / 2; k++) {
		size_t t = out_a[k];
		out_a[k] = out_a[found - 1 - k];
		out_a[found - 1 - k] = t;
		t = out_b[k];
		out_b[k] = out_b[found - 1 - k];
		out_b[found - 1 - k] = t;
	}
	free(prev);
	free(cur);
	free(dir);
done:
	free(ia);
	free(ib);
	return found;
}

/* ---- aligning spans of units ---- */

struct beads {
	ht_bead *b;
	size_t n, cap;
};

static void beads_add(struct beads *bs, size_t src, size_t nsrc, size_t tgt, size_t ntgt, double conf)
{
	HT_GROW(bs->b, bs->n + 1, bs->cap);
	bs->b[bs->n++] = (ht_bead){src, nsrc, tgt, ntgt, conf};
}

/* Confidence given to units of a stretch the other side lacks entirely. */
#define LONE_CONFIDENCE 0.5

/* Align units a[0..na) with b[0..nb) (offsets oa, ob in the caller's numbering)
 * and append the beads. */
static ht_status align_span(const ht_align_opts *ao, const struct ht_da_unit *a, size_t na, size_t oa,
			    const struct ht_da_unit *b, size_t nb, size_t ob, double lone_conf,
			    struct beads *out, ht_error *err)
{
	if (!na || !nb) {
		for (size_t i = 0; i < na; i++)
			beads_add(out, oa + i, 1, ob, 0, lone_conf);
		for (size_t j = 0; j < nb; j++)
			beads_add(out, oa, 0, ob + j, 1, lone_conf);
		return HT_OK;
	}
	ht_unit *ua = ht_xmalloc(na * sizeof *ua), *ub = ht_xmalloc(nb * sizeof *ub);
	for (size_t i = 0; i < na; i++)
		ua[i] = (ht_unit){a[i].text, a[i].len};
	for (size_t j = 0; j < nb; j++)
		ub[j] = (ht_unit){b[j].text, b[j].len};
	ht_bead *res = NULL;
	size_t nres = 0;
	ht_status st = ht_align_units(ao, ua, na, ub, nb, &res, &nres, err);
	free(ua);
	free(ub);
	if (st != HT_OK)
		return st;
	/* the engine's contract: beads in order, covering every unit once */
	size_t next_a = 0, next_b = 0;
	for (size_t k = 0; k < nres && st == HT_OK; k++) {
		const ht_bead *r = &res[k];
		if ((r->nsrc && r->src != next_a) || (r->ntgt && r->tgt != next_b) || (!r->nsrc && !r->ntgt))
			st = ht_error_set(err, HT_ERR_DATA, "aligner returned beads out of order");
		next_a += r->nsrc;
		next_b += r->ntgt;
		beads_add(out, oa + (r->nsrc ? r->src : next_a), r->nsrc, ob + (r->ntgt ? r->tgt : next_b),
			  r->ntgt, r->confidence);
	}
	if (st == HT_OK && (next_a != na || next_b != nb))
		st = ht_error_set(err, HT_ERR_DATA, "aligner left units out (%zu/%zu, %zu/%zu)", next_a,
				  na, next_b, nb);
	free(res);
	return st;
}

/* ---- paragraph level ---- */

struct stream {
	const ht_para **p;
	size_t n, cap;
};

static void split_streams(const ht_doc *doc, struct stream *body, struct stream *notes)
{
	for (size_t i = 0; i < ht_doc_para_count(doc); i++) {
		const ht_para *p = ht_doc_para(doc, i);
		struct stream *s = ht_para_kind_of(p) == HT_KIND_FOOTNOTE ? notes : body;
		HT_GROW(s->p, s->n + 1, s->cap);
		s->p[s->n++] = p;
	}
}

/* Paragraph units.  A line of --input lines is a unit as it is: the label
 * the reader took off it ("10.") is put back, it is part of the text and
 * evidence of where the line belongs. */
static void add_para_units(struct ht_da_side *side, const struct stream *s, int lines)
{
	for (size_t i = 0; i < s->n; i++) {
		const ht_para *p = s->p[i];
		side_add_unit(side, ht_para_id(p), 0, ht_para_text(p), ht_para_text_len(p));
		const char *label = lines ? ht_para_label(p) : NULL;
		if (label) {
			struct ht_da_unit *u = &side->units[side->n - 1];
			ht_buf t = HT_BUF_INIT;
			ht_buf_adds(&t, label);
			if (u->len)
				ht_buf_addc(&t, ' ');
			ht_buf_add(&t, u->text, u->len);
			u->len = t.len;
			u->text = u->own_text = ht_buf_detach(&t, NULL);
		}
	}
}

/* Align the paragraphs of two streams whose units start at oa / ob of the
 * paragraph unit arrays; anchors count label agreements used. */
static ht_status align_stream(ht_docalign *da, const ht_align_opts *ao, const struct stream *sa,
			      size_t oa, const struct stream *sb, size_t ob, int use_labels,
			      struct beads *out, ht_error *err)
{
	size_t na = sa->n, nb = sb->n, nanch = 0;
	size_t *aa = ht_xmalloc((na + 1) * sizeof *aa), *ab = ht_xmalloc((nb + 1) * sizeof *ab);
	if (use_labels && na && nb) {
		char **ka = ht_xmalloc(na * sizeof *ka), **kb = ht_xmalloc(nb * sizeof *kb);
		for (size_t i = 0; i < na; i++)
			ka[i] = ht_da_para_key(sa->p[i]);
		for (size_t j = 0; j < nb; j++)
			kb[j] = ht_da_para_key(sb->p[j]);
		nanch = ht_da_find_anchors(ka, na, kb, nb, aa, ab);
		for (size_t i = 0; i < na; i++)
			free(ka[i]);
		for (size_t j = 0; j < nb; j++)
			free(kb[j]);
		free(ka);
		free(kb);
	}
	da->anchors += nanch;
	const struct ht_da_unit *ua = da->para[0].units + oa, *ub = da->para[1].units + ob;
	ht_status st = HT_OK;
	size_t pa = 0, pb = 0;
	/* an anchor starts a stretch: the labelled paragraph and what follows it
	 * up to the next anchor are aligned together */
	for (size_t k = 0; k <= nanch && st == HT_OK; k++) {
		size_t ea = k < nanch ? aa[k] : na, eb = k < nanch ? ab[k] : nb;
		st = align_span(ao, ua + pa, ea - pa, oa + pa, ub + pb, eb - pb, ob + pb, LONE_CONFIDENCE,
				out, err);
		pa = ea, pb = eb;
	}
	free(aa);
	free(ab);
	return st;
}

/* ---- moving opening fragments to what they open ---- */

static int32_t last_cp(const char *s, size_t len);

/* Words in a unit, up to `max` + 1. */
static size_t count_words(const char *s, size_t len, size_t max)
{
	size_t words = 0;
	int in_word = 0;
	for (size_t i = 0; i < len && words <= max; i++) {
		int space = s[i] == ' ' || s[i] == '\n' || s[i] == '\t';
		if (!space && !in_word)
			words++;
		in_word = !space;
	}
	return words;
}

/* A unit that ends with a letter or digit: a heading or an opening fragment
 * such as "The General Assembly" or "فإن الجمعية العامة"; or a unit of a
 * few words ending with a comma: "Генеральная Ассамблея,", "Now, therefore,". */
static int is_open_fragment(const struct ht_da_unit *u)
{
	enum { FRAGMENT_MAX_WORDS = 3 };
	if (!u->len)
		return 0;
	int32_t cp = last_cp(u->text, u->len);
	if (cp == ',' || cp == 0x060C /* Arabic comma */)
		return count_words(u->text, u->len, FRAGMENT_MAX_WORDS) <= FRAGMENT_MAX_WORDS;
	return cp > 0 && !ht_is_cjk(cp) && (utf8proc_category(cp) <= UTF8PROC_CATEGORY_NO);
}

/* Where the aligner put an opening fragment last in a bead of several units
 * after a unit that ends with punctuation, move it to the next bead (which it
 * opens), on either side: with little lexical evidence, length alone cannot
 * tell which neighbour such a short unit belongs to. */
static void move_open_fragments(const ht_docalign *da, struct beads *bs)
{
	for (size_t k = 0; k + 1 < bs->n; k++) {
		ht_bead *b = &bs->b[k], *next = &bs->b[k + 1];
		if (!next->nsrc || !next->ntgt)
			continue;
		for (int side = 0; side < 2; side++) {
			size_t *first = side ? &b->tgt : &b->src, *n = side ? &b->ntgt : &b->nsrc;
			size_t *nfirst = side ? &next->tgt : &next->src, *nn = side ? &next->ntgt : &next->nsrc;
			if (*n < 2)
				continue;
			const struct ht_da_unit *units = da->para[side].units;
			const struct ht_da_unit *last = &units[*first + *n - 1];
			if (!is_open_fragment(last) || is_open_fragment(last - 1))
				continue;
			(*n)--;
			(*nfirst)--;
			(*nn)++;
		}
	}
}

/* ---- sentence level ---- */

static void add_sentence_units(struct ht_da_side *side, const ht_para *p)
{
	size_t ns = ht_para_sentence_count(p);
	for (size_t s = 0; s < ns; s++) {
		size_t len;
		const char *text = ht_para_sentence(p, s, &len);
		size_t tl = len;
		trim(text, &tl);
		if (!tl && ns > 1)
			continue; /* white space between sentences is not a unit */
		ht_buf id = HT_BUF_INIT;
		ht_buf_addf(&id, "%s.s%zu", ht_para_id(p), s + 1);
		side_add_unit(side, ht_buf_detach(&id, NULL), 1, text, len);
	}
	if (!ns) /* an empty paragraph still is a unit, so nothing is lost */
		side_add_unit(side, ht_xstrdup(ht_para_id(p)), 1, ht_para_text(p), ht_para_text_len(p));
}

/* Sentence units of every paragraph unit; first[i] = first sentence of paragraph i. */
static void sentence_units(struct ht_da_side *para, struct ht_da_side *sent, size_t *first)
{
	const ht_doc *doc = para->doc;
	/* paragraph units point into the doc's paragraphs in stream order */
	struct stream body = {0}, notes = {0};
	split_streams(doc, &body, &notes);
	for (size_t i = 0; i < para->n; i++) {
		const ht_para *p = i < body.n ? body.p[i] : notes.p[i - body.n];
		first[i] = sent->n;
		add_sentence_units(sent, p);
	}
	first[para->n] = sent->n;
	free(body.p);
	free(notes.p);
}

static ht_status align_sentences(ht_docalign *da, const ht_align_opts *ao, const struct beads *pb,
				 struct beads *out, ht_error *err)
{
	size_t *fa = ht_xmalloc((da->para[0].n + 1) * sizeof *fa);
	size_t *fb = ht_xmalloc((da->para[1].n + 1) * sizeof *fb);
	da->side[0].doc = da->para[0].doc;
	da->side[1].doc = da->para[1].doc;
	sentence_units(&da->para[0], &da->side[0], fa);
	sentence_units(&da->para[1], &da->side[1], fb);
	ht_status st = HT_OK;
	for (size_t k = 0; k < pb->n && st == HT_OK; k++) {
		const ht_bead *b = &pb->b[k];
		size_t sa = fa[b->src], ea = fa[b->src + b->nsrc];
		size_t sb = fb[b->tgt], eb = fb[b->tgt + b->ntgt];
		if (ea - sa == 1 && eb - sb == 1) { /* one sentence each side: nothing to decide */
			beads_add(out, sa, 1, sb, 1, b->confidence);
			continue;
		}
		st = align_span(ao, da->side[0].units + sa, ea - sa, sa, da->side[1].units + sb, eb - sb,
				sb, b->confidence, out, err);
	}
	free(fa);
	free(fb);
	return st;
}

/* ---- the alignment ---- */

static void side_release(struct ht_da_side *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free((char *)s->units[i].id);
		free(s->units[i].own_text);
	}
	free(s->units);
	memset(s, 0, sizeof *s);
}

void ht_docalign_free(ht_docalign *da)
{
	if (!da)
		return;
	for (int k = 0; k < 2; k++) {
		if (da->side_is_para)
			memset(&da->side[k], 0, sizeof da->side[k]);
		side_release(&da->side[k]);
		side_release(&da->para[k]);
	}
	free(da->beads);
	free(da);
}

ht_status ht_docalign_new(const ht_doc *src, const ht_doc *tgt, const ht_docalign_opts *opts,
			  ht_docalign **out, ht_error *err)
{
	*out = NULL;
	ht_docalign *da = ht_xcalloc(1, sizeof *da);
	da->level = opts ? opts->level : HT_LEVEL_SENTENCE;
	ht_align_opts ao = {ht_doc_lang(src), ht_doc_lang(tgt), opts ? opts->dict : NULL};
	const ht_doc *docs[2] = {src, tgt};
	struct stream body[2] = {{0}}, notes[2] = {{0}};
	for (int k = 0; k < 2; k++) {
		da->para[k].doc = docs[k];
		split_streams(docs[k], &body[k], &notes[k]);
	}
	/* lines are units taken as is: one pass, no labels, no sentence level */
	int lines = ht_doc_input_mode(src) == HT_INPUT_LINES && ht_doc_input_mode(tgt) == HT_INPUT_LINES;
	for (int k = 0; k < 2; k++) {
		add_para_units(&da->para[k], &body[k], lines);
		add_para_units(&da->para[k], &notes[k], lines);
	}
	da->lines = lines;
	struct beads pb = {0};
	ht_status st = align_stream(da, &ao, &body[0], 0, &body[1], 0, !lines, &pb, err);
	if (st == HT_OK && !lines)
		move_open_fragments(da, &pb);
	if (st == HT_OK)
		st = align_stream(da, &ao, &notes[0], body[0].n, &notes[1], body[1].n, 1, &pb, err);
	for (int k = 0; k < 2; k++) {
		free(body[k].p);
		free(notes[k].p);
	}
	if (st == HT_OK && da->level == HT_LEVEL_SENTENCE && !lines) {
		struct beads sb = {0};
		st = align_sentences(da, &ao, &pb, &sb, err);
		free(pb.b);
		pb = sb;
	} else {
		da->side[0] = da->para[0];
		da->side[1] = da->para[1];
		da->side_is_para = 1;
	}
	da->beads = pb.b;
	da->n_beads = pb.n;
	if (st != HT_OK) {
		ht_docalign_free(da);
		return st;
	}
	*out = da;
	return HT_OK;
}

const ht_doc *ht_docalign_doc(const ht_docalign *da, int side) { return da->para[side != 0].doc; }
ht_align_level ht_docalign_level(const ht_docalign *da) { return da->level; }
size_t ht_docalign_anchor_count(const ht_docalign *da) { return da->anchors; }
size_t ht_docalign_unit_count(const ht_docalign *da, int side) { return da->side[side != 0].n; }
const char *ht_docalign_unit_id(const ht_docalign *da, int side, size_t i)
{
	return ht_da_unit_id(&da->side[side != 0].units[i]);
}
const char *ht_docalign_unit_text(const ht_docalign *da, int side, size_t i, size_t *len)
{
	const struct ht_da_unit *u = &da->side[side != 0].units[i];
	*len = u->len;
	return u->text;
}
size_t ht_docalign_bead_count(const ht_docalign *da) { return da->n_beads; }
const ht_bead *ht_docalign_bead(const ht_docalign *da, size_t i) { return &da->beads[i]; }

/* ---- joining and writing ---- */

static int32_t first_cp(const char *s, size_t len)
{
	size_t i = 0;
	return len ? ht_utf8_next(s, len, &i) : 0;
}

static int32_t last_cp(const char *s, size_t len)
{
	size_t i = len;
	return len ? ht_utf8_prev(s, &i) : 0;
}

void ht_da_join_text(ht_buf *out, const char *text, size_t len)
{
	if (!len)
		return;
	if (out->len && !(ht_is_cjk(last_cp(out->s, out->len)) && ht_is_cjk(first_cp(text, len))))
		ht_buf_addc(out, ' ');
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		ht_buf_addc(out, c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
	}
}

static void join_units(const ht_docalign *da, int side, size_t first, size_t n, ht_buf *out)
{
	for (size_t i = first; i < first + n; i++) {
		const struct ht_da_unit *u = &da->side[side].units[i];
		ht_da_join_text(out, u->text, u->len);
	}
}

static void join_ids(const ht_docalign *da, int side, size_t first, size_t n, ht_buf *out)
{
	for (size_t i = first; i < first + n; i++) {
		if (i > first)
			ht_buf_addc(out, '+');
		ht_buf_adds(out, ht_docalign_unit_id(da, side, i));
	}
}

static void add_index_list(ht_buf *out, size_t first, size_t n)
{
	ht_buf_addc(out, '[');
	for (size_t i = 0; i < n; i++)
		ht_buf_addf(out, "%s%zu", i ? "," : "", first + i);
	ht_buf_addc(out, ']');
}

static void write_jsonl_bead(const ht_docalign *da, const ht_bead *b, ht_buf *line)
{
	ht_buf text = HT_BUF_INIT;
	ht_buf_addf(line, "{\"type\":\"%zu-%zu\",\"confidence\":%.4f,\"src\":", b->nsrc, b->ntgt,
		    b->confidence);
	add_index_list(line, b->src, b->nsrc);
	ht_buf_adds(line, ",\"tgt\":");
	add_index_list(line, b->tgt, b->ntgt);
	for (int side = 0; side < 2; side++) {
		size_t first = side ? b->tgt : b->src, n = side ? b->ntgt : b->nsrc;
		ht_buf_adds(line, side ? ",\"tgt_ids\":[" : ",\"src_ids\":[");
		for (size_t i = first; i < first + n; i++) {
			const char *id = ht_docalign_unit_id(da, side, i);
			if (i > first)
				ht_buf_addc(line, ',');
			ht_json_add_str(line, id, strlen(id));
		}
		ht_buf_adds(line, side ? "],\"target\":" : "],\"source\":");
		ht_buf_reset(&text);
		join_units(da, side, first, n, &text);
		ht_json_add_str(line, text.s, text.len);
	}
	ht_buf_adds(line, "}\n");
	ht_buf_release(&text);
}

/* The document id for TMX: the file's name without its folders. */
static const char *doc_id(const ht_doc *doc)
{
	const char *name = ht_doc_name(doc), *base = ht_path_base(name);
	return *base ? base : name;
}

ht_tm *ht_docalign_to_tm(const ht_docalign *da, size_t *omitted)
{
	const ht_doc *src = da->para[0].doc, *tgt = da->para[1].doc;
	ht_tm *tm = ht_tm_new(ht_doc_lang(src));
	size_t tl = ht_tm_add_lang(tm, ht_doc_lang(tgt));
	ht_buf text = HT_BUF_INIT, ids = HT_BUF_INIT;
	size_t left_out = 0;
	for (size_t k = 0; k < da->n_beads; k++) {
		const ht_bead *b = &da->beads[k];
		if (!b->nsrc || !b->ntgt) {
			left_out += b->nsrc + b->ntgt;
			continue;
		}
		ht_buf_reset(&ids);
		join_ids(da, 0, b->src, b->nsrc, &ids);
		size_t u = ht_tm_add_unit(tm, doc_id(src), ids.s, b->confidence);
		ht_buf_reset(&text);
		join_units(da, 0, b->src, b->nsrc, &text);
		ht_tm_set_seg(tm, u, 0, text.s, text.len);
		ht_buf_reset(&text);
		join_units(da, 1, b->tgt, b->ntgt, &text);
		ht_tm_set_seg(tm, u, tl, text.s, text.len);
	}
	ht_buf_release(&text);
	ht_buf_release(&ids);
	if (omitted)
		*omitted = left_out;
	return tm;
}

static const char *segtype(const ht_docalign *da)
{
	return da->level == HT_LEVEL_PARAGRAPH && !da->lines ? "paragraph" : "sentence";
}

ht_status ht_docalign_write(const ht_docalign *da, ht_align_format format, FILE *fp,
			    size_t *omitted, size_t *dropped, ht_error *err)
{
	if (omitted)
		*omitted = 0;
	if (dropped)
		*dropped = 0;
	if (format == HT_ALIGN_TMX) {
		ht_tm *tm = ht_docalign_to_tm(da, omitted);
		ht_status st = ht_tm_write_tmx(tm, fp, segtype(da), dropped, err);
		ht_tm_free(tm);
		return st;
	}
	ht_buf line = HT_BUF_INIT;
	for (size_t k = 0; k < da->n_beads; k++) {
		const ht_bead *b = &da->beads[k];
		ht_buf_reset(&line);
		switch (format) {
		case HT_ALIGN_BEADS:
			add_index_list(&line, b->src, b->nsrc);
			ht_buf_addc(&line, ':');
			add_index_list(&line, b->tgt, b->ntgt);
			ht_buf_addc(&line, '\n');
			break;
		case HT_ALIGN_TSV:
			join_units(da, 0, b->src, b->nsrc, &line);
			ht_buf_addc(&line, '\t');
			{
				ht_buf t = HT_BUF_INIT;
				join_units(da, 1, b->tgt, b->ntgt, &t);
				ht_buf_add(&line, t.s, t.len);
				ht_buf_release(&t);
			}
			ht_buf_addf(&line, "\t%.4f\n", b->confidence);
			break;
		default:
			write_jsonl_bead(da, b, &line);
		}
		fwrite(line.s, 1, line.len, fp);
	}
	ht_buf_release(&line);
	return ferror(fp) ? ht_error_set(err, HT_ERR_IO, "write error") : HT_OK;
}

/* ---- pivot ---- */

/* The first pivot unit of the beads after bead k, or the pivot's unit count. */
static size_t next_src_unit(const struct beads *bs, size_t k, size_t np)
{
	for (size_t i = k + 1; i < bs->n; i++)
		if (bs->b[i].nsrc)
			return bs->b[i].src;
	return np;
}

static double text_len(const struct ht_da_side *side, size_t first, size_t n)
{
	double len = 0;
	for (size_t i = first; i < first + n; i++)
		len += (double)side->units[i].len;
	return len;
}

/* True when a bead of any pair but `skip` puts pivot units u-1 and u together. */
static int others_join(const struct beads *pb, size_t n, size_t skip, size_t u)
{
	for (size_t k = 0; k < n; k++) {
		if (k == skip)
			continue;
		for (size_t i = 0; i < pb[k].n; i++) {
			const ht_bead *b = &pb[k].b[i];
			if (b->nsrc && b->src < u && u < b->src + b->nsrc)
				return 1;
		}
	}
	return 0;
}

/* Consensus of the versions, at paragraph level: where one version joins
 * several pivot units to a single unit of its own (n-1) but at least two
 * other versions keep
 * every one of those pivot units apart, the version's unit goes to the pivot
 * unit whose length fits it best and the others get nothing in that version
 * (a clause that version lacks, as the Arabic UDHR lacks the preamble's
 * fourth clause).  Returns how many beads were split. */
static size_t split_by_consensus(const ht_docalign *const *pairs, struct beads *pb, size_t n)
{
	size_t split = 0;
	/* official versions keep the paragraphs of the original, not its
	 * sentences: at sentence level an n-1 bead is usually right */
	if (n < 3 || pairs[0]->level != HT_LEVEL_PARAGRAPH || pairs[0]->lines)
		return 0;
	for (size_t k = 0; k < n; k++) {
		const ht_docalign *da = pairs[k];
		double ratio = text_len(&da->side[1], 0, da->side[1].n) /
			       (text_len(&da->side[0], 0, da->side[0].n) + 1.0);
		struct beads out = {0};
		for (size_t i = 0; i < pb[k].n; i++) {
			ht_bead b = pb[k].b[i];
			int apart = b.nsrc >= 2 && b.ntgt == 1;
			for (size_t u = b.src + 1; apart && u < b.src + b.nsrc; u++)
				apart = !others_join(pb, n, k, u);
			if (!apart) {
				beads_add(&out, b.src, b.nsrc, b.tgt, b.ntgt, b.confidence);
				continue;
			}
			double lt = (double)da->side[1].units[b.tgt].len, best = -1;
			size_t pick = b.src;
			for (size_t u = b.src; u < b.src + b.nsrc; u++) {
				double d = fabs(log((lt + 2.0) / (ratio * (double)da->side[0].units[u].len + 2.0)));
				if (best < 0 || d < best)
					best = d, pick = u;
			}
			for (size_t u = b.src; u < b.src + b.nsrc; u++)
				beads_add(&out, u, 1, u == pick ? b.tgt : b.tgt + (u > pick), u == pick,
					  b.confidence);
			split++;
		}
		free(pb[k].b);
		pb[k] = out;
	}
	return split;
}

/* True when the last target unit of bead b ends with a sentence's final
 * punctuation (closing quotes and brackets aside). */
static int ends_sentence(const ht_docalign *da, const ht_bead *b)
{
	const struct ht_da_unit *u = &da->side[1].units[b->tgt + b->ntgt - 1];
	size_t i = u->len;
	while (i > 0) {
		int32_t cp = ht_utf8_prev(u->text, &i);
		if (cp == '"' || cp == '\'' || cp == ')' || cp == 0x201D || cp == 0x2019 || cp == 0xBB ||
		    cp == 0xFF09 || cp == 0x300D || cp == 0x300F)
			continue;
		return cp == '.' || cp == '!' || cp == '?' || cp == ';' || cp == 0x3002 || cp == 0xFF01 ||
		       cp == 0xFF1F || cp == 0xFF1B || cp == 0x061F || cp == 0x06D4 || cp == 0x2026;
	}
	return 0;
}

ht_status ht_docalign_pivot(const ht_docalign *const *pairs, size_t n, ht_tm **out,
			    size_t *unattached, ht_error *err)
{
	*out = NULL;
	if (!n)
		return ht_error_set(err, HT_ERR_USAGE, "pivot alignment needs at least one version");
	const ht_docalign *first = pairs[0];
	const ht_doc *pivot = first->para[0].doc;
	size_t np = first->side[0].n;
	for (size_t k = 1; k < n; k++)
		if (pairs[k]->para[0].doc != pivot || pairs[k]->side[0].n != np)
			return ht_error_set(err, HT_ERR_USAGE, "pivot alignments do not share the original");
	if (!np)
		return ht_error_set(err, HT_ERR_DATA, "%s: the original has no text to align",
				    ht_doc_name(pivot));
	struct beads *pb = ht_xcalloc(n, sizeof *pb);
	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < pairs[k]->n_beads; i++) {
			const ht_bead *b = &pairs[k]->beads[i];
			beads_add(&pb[k], b->src, b->nsrc, b->tgt, b->ntgt, b->confidence);
		}
	split_by_consensus(pairs, pb, n);
	/* a pivot unit starts a new TU unless a bead of some version spans it */
	unsigned char *joined = ht_xcalloc(np, 1);
	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < pb[k].n; i++) {
			const ht_bead *b = &pb[k].b[i];
			for (size_t u = b->src + 1; u < b->src + b->nsrc; u++)
				joined[u] = 1;
		}
	size_t *group = ht_xmalloc(np * sizeof *group), ngroups = 0;
	for (size_t u = 0; u < np; u++)
		group[u] = (u && joined[u]) ? ngroups - 1 : ngroups++;
	size_t *gfirst = ht_xmalloc(ngroups * sizeof *gfirst), *gcount = ht_xcalloc(ngroups, sizeof *gcount);
	for (size_t u = 0; u < np; u++) {
		if (!gcount[group[u]])
			gfirst[group[u]] = u;
		gcount[group[u]]++;
	}
	/* texts[g * (n + 1) + lang], confidences per group */
	ht_buf *texts = ht_xcalloc(ngroups * (n + 1), sizeof *texts);
	double *conf = ht_xmalloc(ngroups * sizeof *conf);
	for (size_t g = 0; g < ngroups; g++) {
		conf[g] = 1.0;
		for (size_t l = 0; l <= n; l++)
			ht_buf_init(&texts[g * (n + 1) + l]);
	}
	for (size_t k = 0; k < n; k++) {
		const ht_docalign *da = pairs[k];
		size_t lone = 0, last_src = 0;
		int seen_src = 0;
		for (size_t i = 0; i < pb[k].n; i++) {
			const ht_bead *b = &pb[k].b[i];
			size_t g;
			if (b->nsrc) {
				g = group[b->src];
				last_src = b->src + b->nsrc - 1;
				seen_src = 1;
				if (b->ntgt && b->confidence < conf[g])
					conf[g] = b->confidence;
			} else {
				/* a fragment ("Now, therefore,", "The General Assembly") opens
				 * what follows; a finished sentence closes what precedes */
				size_t next = next_src_unit(&pb[k], i, np);
				int forward = !seen_src || (next < np && !ends_sentence(da, b));
				g = forward && next < np ? group[next] : seen_src ? group[last_src] : 0;
				lone += b->ntgt;
			}
			ht_buf *t = &texts[g * (n + 1) + k + 1];
			for (size_t j = b->tgt; j < b->tgt + b->ntgt; j++)
				ht_da_join_text(t, da->side[1].units[j].text, da->side[1].units[j].len);
		}
		if (unattached)
			unattached[k] = lone;
	}
	ht_tm *tm = ht_tm_new(ht_doc_lang(pivot));
	size_t *lang_index = ht_xmalloc((n + 1) * sizeof *lang_index);
	lang_index[0] = 0;
	for (size_t k = 0; k < n; k++)
		lang_index[k + 1] = ht_tm_add_lang(tm, ht_doc_lang(pairs[k]->para[1].doc));
	ht_buf ids = HT_BUF_INIT;
	for (size_t g = 0; g < ngroups; g++) {
		ht_buf *pt = &texts[g * (n + 1)];
		ht_buf_reset(&ids);
		join_ids(first, 0, gfirst[g], gcount[g], &ids);
		join_units(first, 0, gfirst[g], gcount[g], pt);
		size_t u = ht_tm_add_unit(tm, doc_id(pivot), ids.s, conf[g]);
		for (size_t l = 0; l <= n; l++)
			if (l == 0 || texts[g * (n + 1) + l].len)
				ht_tm_set_seg(tm, u, lang_index[l], texts[g * (n + 1) + l].s,
					      texts[g * (n + 1) + l].len);
	}
	for (size_t i = 0; i < ngroups * (n + 1); i++)
		ht_buf_release(&texts[i]);
	ht_buf_release(&ids);
	free(texts);
	free(conf);
	free(lang_index);
	free(group);
	free(gfirst);
	free(gcount);
	free(joined);
	for (size_t k = 0; k < n; k++)
		free(pb[k].b);
	free(pb);
	*out = tm;
	return HT_OK;
}

/* ---- composition through a bridge version ---- */

static void copy_side(struct ht_da_side *dst, const struct ht_da_side *src)
{
	dst->doc = src->doc;
	dst->n = dst->cap = src->n;
	dst->units = ht_xmalloc((src->n ? src->n : 1) * sizeof *dst->units);
	for (size_t i = 0; i < src->n; i++) {
		dst->units[i] = src->units[i];
		if (src->units[i].id)
			dst->units[i].id = ht_xstrdup(src->units[i].id);
		if (src->units[i].own_text) {
			char *t = ht_xmalloc(src->units[i].len + 1);
			memcpy(t, src->units[i].text, src->units[i].len);
			t[src->units[i].len] = '\0';
			dst->units[i].text = dst->units[i].own_text = t;
		}
	}
}

ht_status ht_docalign_compose(const ht_docalign *ab, const ht_docalign *bc, ht_docalign **out,
			      ht_error *err)
{
	*out = NULL;
	size_t nb = ab->side[1].n;
	if (ab->para[1].doc != bc->para[0].doc || bc->side[0].n != nb || ab->level != bc->level)
		return ht_error_set(err, HT_ERR_USAGE, "composed alignments do not share the bridge");
	/* a cut before bridge unit j is kept when both alignments have a bead
	 * boundary there */
	unsigned char *joined = ht_xcalloc(nb + 1, 1);
	const ht_docalign *both[2] = {ab, bc};
	for (int s = 0; s < 2; s++)
		for (size_t k = 0; k < both[s]->n_beads; k++) {
			const ht_bead *b = &both[s]->beads[k];
			size_t first = s ? b->src : b->tgt, n = s ? b->nsrc : b->ntgt;
			for (size_t j = first + 1; j < first + n; j++)
				joined[j] = 1;
		}
	ht_docalign *da = ht_xcalloc(1, sizeof *da);
	da->level = ab->level;
	da->lines = ab->lines && bc->lines;
	da->anchors = ab->anchors + bc->anchors;
	copy_side(&da->para[0], &ab->side[0]);
	copy_side(&da->para[1], &bc->side[1]);
	da->side[0] = da->para[0];
	da->side[1] = da->para[1];
	da->side_is_para = 1;
	/* groups of bridge units between kept cuts; every bead is keyed by the
	 * group it falls in (2g + 1), or, when it has no bridge unit and sits on
	 * a kept cut, by the group it precedes (2g) */
	size_t *group = ht_xmalloc((nb + 1) * sizeof *group), ngroups = 0;
	for (size_t j = 0; j < nb; j++)
		group[j] = (j && joined[j]) ? ngroups - 1 : ngroups++;
	group[nb] = ngroups;
	struct beads res = {0};
	size_t i = 0, k = 0, na_done = 0, nc_done = 0;
	for (size_t key = 0; key <= 2 * ngroups; key++) {
		size_t a0 = na_done, c0 = nc_done;
		double conf = 1.0;
		int any = 0;
		for (int s = 0; s < 2; s++) {
			const ht_docalign *al = both[s];
			size_t *pos = s ? &k : &i;
			while (*pos < al->n_beads) {
				const ht_bead *b = &al->beads[*pos];
				size_t bfirst = s ? b->src : b->tgt, bn = s ? b->nsrc : b->ntgt;
				size_t bkey = bn || (bfirst < nb && joined[bfirst]) ? 2 * group[bfirst] + 1
										 : 2 * group[bfirst];
				if (bkey != key)
					break;
				if (key % 2 == 0) /* a lone bead on a cut: kept as it is */
					beads_add(&res, s ? na_done : b->src, s ? 0 : b->nsrc,
						  s ? b->tgt : nc_done, s ? b->ntgt : 0, b->confidence);
				else if (b->confidence < conf)
					conf = b->confidence;
				na_done += s ? 0 : b->nsrc;
				nc_done += s ? b->ntgt : 0;
				any = 1;
				(*pos)++;
			}
		}
		if (key % 2 == 1 && any && (na_done > a0 || nc_done > c0))
			beads_add(&res, a0, na_done - a0, c0, nc_done - c0, conf);
	}
	free(group);
	free(joined);
	da->beads = res.b;
	da->n_beads = res.n;
	if (na_done != da->side[0].n || nc_done != da->side[1].n) {
		ht_docalign_free(da);
		return ht_error_set(err, HT_ERR_DATA, "composed alignment does not cover both sides");
	}
	*out = da;
	return HT_OK;
}
