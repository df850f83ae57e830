/* Sentence splitting: ICU's sentence break iterator plus a small rule engine
 * driven by per-language data tables.
 *
 * How a paragraph is split
 *   1. ICU (UBRK_SENTENCE, on the UTF-8 text through a UText; one iterator
 *      per splitter, reused with ubrk_setUText) proposes candidate boundaries.
 *      ICU already keeps "1.25", "E/CN.4/2005/L.10", "etc. and" (a full stop
 *      before a lower-case word) and "。”" / "？）" (closing quotes and
 *      brackets after a terminator) right.
 *   2. A candidate may move (ADJUSTMENTS), then the JOIN rules may remove it.
 *   3. LABEL: a candidate sentence that is nothing but an enumeration label
 *      ("1.", "IV.", "IV. G.", "B.", "(a)", "76/295.", "二．", "第五节．") is
 *      joined to the sentence after it, so that "II. Mandate" and
 *      "57. Decides that ..." stay whole.  (On the UNPC devset, where lines
 *      keep their paragraph numbers, this one rule lifts F1 from about 0.4 to
 *      0.97 and more.)
 *   4. PUNCTUATION ONLY: a piece without any letter or digit (a stray ">>",
 *      "»") belongs to the sentence before it.
 *
 * ADJUSTMENTS
 *   REFERENCE: ICU may break inside a footnote reference glued after a full
 *   stop ("planning.[23] The ..."): the boundary moves after the bracket.
 *   OPENING: ICU takes every quotation mark or bracket glued after a
 *   terminator as closing; the opening ones ("(", "（", "«", and “ ‘ except in
 *   Russian, where „…“ closes with “) open the next sentence ('。“哈哈 ...',
 *   '。（见 ...').  A straight quote opens the next sentence when the straight
 *   quotes before it are balanced ('目的。"因此 ...'), else it closes its
 *   own ('他说"同意。"然后').
 *
 * JOIN rules
 *   LOWER: no sentence starts with a lower-case letter, also after "?" and
 *   "!" ("ГХФУ? и если да ...").
 *   GLUED: an ASCII full stop with no space after it ends no sentence
 *   ("再遭.战祸" in Chinese text, "A/RES/70/1.Corr" typos).
 *   ABBREVIATIONS: tables of {abbreviation, condition} per language, plus a
 *   table common to all languages (Latin abbreviations occur in every UN
 *   text, Chinese and Arabic ones too).  The abbreviation must end at the
 *   full stop and be preceded by a non-letter (so "v." does not match
 *   "Kiev.").  A lower-case first letter also matches its capital
 *   ("Para. 3").  Conditions:
 *     JOIN_ALWAYS        never ends a sentence: titles "Mr.", "M.", "Sr.",
 *                        "i.e.", "e.g.", "т.е.", "p. ex.", "v.", "c."
 *     JOIN_BEFORE_NUMBER a reference word: joins when a number, a Roman
 *                        numeral or an opening bracket follows ("No. 5",
 *                        "para. 31", "pp. 12-15", "vol. II", "art. 5",
 *                        "п. 3", "núm. 2", "(ibid., para. 31).", "S.A. (ARSAT)")
 *     JOIN_BEFORE_WORD   joins only before one given word ("долл. США",
 *                        French "S. E." = Son Excellence)
 *     JOIN_NOT_AFTER_NUMBER joins unless a number precedes: Russian "г."
 *                        is "город" in "г. Женева" but "год" in
 *                        "2015 г. Комитет ...", which may end a sentence
 *     MAY_END            documented only: ICU's decision stands ("etc.",
 *                        "Inc.", "Ltd.", "и т.д.", "млн."): they join before
 *                        a lower-case word or a number and end a sentence
 *                        before a capital, which is what official texts do
 *   INITIALS: a single capital letter with a full stop ("J. Smith",
 *   "Andrzej T. Abraszewski", "А. Иванов") joins when a capitalised word
 *   follows, unless a word that names parts by letters precedes it ("annex
 *   B. The", "Group C. Its", "приложение Б."; the DESIGNATORS table).
 *   CASELESS INITIALS: a lone letter of a script without case before a full
 *   stop is an abbreviation ("(ص. 34)" = page 34, "ل. س. د" = LSD).
 *
 * Chinese: sentences end at 。！？ (and their ASCII and full-width forms),
 * with any closing quotes and brackets after them; "；" does not end a
 * sentence, as in the UN Parallel Corpus.  Arabic: "." "؟" "!" as ICU sees
 * them.  Other languages get ICU's root rules and the common table.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include "common/util.h"
#include "hutong/sentence.h"

enum join_cond {
	JOIN_ALWAYS,
	JOIN_BEFORE_NUMBER,
	JOIN_BEFORE_WORD,
	JOIN_NOT_AFTER_NUMBER,
	MAY_END
};

struct abbrev {
	const char *text; /* as written, with its full stop(s) */
	enum join_cond cond;
	const char *next; /* the word that must follow, for JOIN_BEFORE_WORD */
};

#define END_OF_TABLE {NULL, MAY_END, NULL}

/* Latin abbreviations found in UN texts of every language. */
static const struct abbrev common_abbrevs[] = {
	{"No.", JOIN_BEFORE_NUMBER, NULL},     {"Nos.", JOIN_BEFORE_NUMBER, NULL},
	{"para.", JOIN_BEFORE_NUMBER, NULL},   {"paras.", JOIN_BEFORE_NUMBER, NULL},
	{"art.", JOIN_BEFORE_NUMBER, NULL},    {"arts.", JOIN_BEFORE_NUMBER, NULL},
	{"vol.", JOIN_BEFORE_NUMBER, NULL},    {"vols.", JOIN_BEFORE_NUMBER, NULL},
	{"p.", JOIN_BEFORE_NUMBER, NULL},      {"pp.", JOIN_BEFORE_NUMBER, NULL},
	{"Corr.", JOIN_BEFORE_NUMBER, NULL},   {"Add.", JOIN_BEFORE_NUMBER, NULL},
	{"Rev.", JOIN_BEFORE_NUMBER, NULL},    {"Sect.", JOIN_BEFORE_NUMBER, NULL},
	{"Suppl.", JOIN_BEFORE_NUMBER, NULL},  {"chap.", JOIN_BEFORE_NUMBER, NULL},
	{"sect.", JOIN_BEFORE_NUMBER, NULL},   {"fig.", JOIN_BEFORE_NUMBER, NULL},
	{"i.e.", JOIN_ALWAYS, NULL},           {"e.g.", JOIN_ALWAYS, NULL},
	{"cf.", JOIN_ALWAYS, NULL},            {"v.", JOIN_ALWAYS, NULL},
	{"vs.", JOIN_ALWAYS, NULL},            {"etc.", MAY_END, NULL},
	{"Inc.", MAY_END, NULL},               {"Ltd.", MAY_END, NULL},
	{"ibid.", MAY_END, NULL},              {"Ibid.", MAY_END, NULL},
	{"S.A.", JOIN_BEFORE_NUMBER, NULL}, /* "S.A. (ARSAT)": a bracket counts as a number */
	END_OF_TABLE,
};

static const struct abbrev en_abbrevs[] = {
	{"Mr.", JOIN_ALWAYS, NULL},     {"Mrs.", JOIN_ALWAYS, NULL},   {"Ms.", JOIN_ALWAYS, NULL},
	{"Messrs.", JOIN_ALWAYS, NULL}, {"Mmes.", JOIN_ALWAYS, NULL},  {"Dr.", JOIN_ALWAYS, NULL},
	{"Prof.", JOIN_ALWAYS, NULL},   {"St.", JOIN_ALWAYS, NULL},    {"H.E.", JOIN_ALWAYS, NULL},
	{"Amb.", JOIN_ALWAYS, NULL},    {"Gen.", JOIN_ALWAYS, NULL},   {"Sen.", JOIN_ALWAYS, NULL},
	{"approx.", JOIN_ALWAYS, NULL}, {"Co.", MAY_END, NULL},       {"U.S.", MAY_END, NULL},
	END_OF_TABLE,
};

/* "Mme" and "Mlle" carry no full stop and need no rule. */
static const struct abbrev fr_abbrevs[] = {
	{"M.", JOIN_ALWAYS, NULL},      {"MM.", JOIN_ALWAYS, NULL},    {"p. ex.", JOIN_ALWAYS, NULL},
	{"par.", JOIN_BEFORE_NUMBER, NULL}, {"al.", JOIN_BEFORE_NUMBER, NULL},
	{"S. E.", JOIN_ALWAYS, NULL},   {"S.", JOIN_BEFORE_WORD, "E."}, {"c.", JOIN_ALWAYS, NULL},   {"Pr.", JOIN_ALWAYS, NULL},   {"env.", JOIN_ALWAYS, NULL},
	END_OF_TABLE,
};

static const struct abbrev es_abbrevs[] = {
	{"Sr.", JOIN_ALWAYS, NULL},      {"Sra.", JOIN_ALWAYS, NULL},     {"Sres.", JOIN_ALWAYS, NULL},
	{"Sras.", JOIN_ALWAYS, NULL},    {"Srta.", JOIN_ALWAYS, NULL},    {"Dr.", JOIN_ALWAYS, NULL},
	{"Dra.", JOIN_ALWAYS, NULL},     {"Excmo.", JOIN_ALWAYS, NULL},   {"Excma.", JOIN_ALWAYS, NULL},
	{"Dña.", JOIN_ALWAYS, NULL},     {"p. ej.", JOIN_ALWAYS, NULL},   {"núm.", JOIN_BEFORE_NUMBER, NULL},
	{"núms.", JOIN_BEFORE_NUMBER, NULL}, {"párr.", JOIN_BEFORE_NUMBER, NULL},
	{"párrs.", JOIN_BEFORE_NUMBER, NULL}, {"pág.", JOIN_BEFORE_NUMBER, NULL},
	{"págs.", JOIN_BEFORE_NUMBER, NULL}, {"cap.", JOIN_BEFORE_NUMBER, NULL},
	{"c.", JOIN_ALWAYS, NULL},       {"EE.UU.", MAY_END, NULL},
	END_OF_TABLE,
};

static const struct abbrev ru_abbrevs[] = {
	{"т.е.", JOIN_ALWAYS, NULL},     {"т. е.", JOIN_ALWAYS, NULL},    {"см.", JOIN_ALWAYS, NULL},
	{"им.", JOIN_ALWAYS, NULL},      {"г-н.", JOIN_ALWAYS, NULL},     {"ст.", JOIN_BEFORE_NUMBER, NULL},
	{"п.", JOIN_BEFORE_NUMBER, NULL}, {"пп.", JOIN_BEFORE_NUMBER, NULL},
	{"стр.", JOIN_BEFORE_NUMBER, NULL}, {"с.", JOIN_BEFORE_NUMBER, NULL},
	{"рез.", JOIN_BEFORE_NUMBER, NULL}, {"гл.", JOIN_BEFORE_NUMBER, NULL},
	{"долл.", JOIN_BEFORE_WORD, "США"}, {"г.", JOIN_NOT_AFTER_NUMBER, NULL},
	{"гг.", MAY_END, NULL},          {"т.д.", MAY_END, NULL},         {"т.п.", MAY_END, NULL},
	{"млн.", MAY_END, NULL},         {"млрд.", MAY_END, NULL},        {"тыс.", MAY_END, NULL},
	{"руб.", MAY_END, NULL},         {"др.", MAY_END, NULL},
	END_OF_TABLE,
};

static const struct abbrev no_abbrevs[] = {END_OF_TABLE};

struct lang_rules {
	const char *lang;   /* primary subtag */
	const char *locale; /* for ICU */
	const struct abbrev *own;
	int initials;       /* apply the INITIALS rule */
	int curly_opens;    /* “ and ‘ always open a quotation (not in Russian, where
			     * „…“ closes with “) */
};

static const struct lang_rules rules_table[] = {
	{"en", "en", en_abbrevs, 1, 1}, {"fr", "fr", fr_abbrevs, 1, 1}, {"es", "es", es_abbrevs, 1, 1},
	{"ru", "ru", ru_abbrevs, 1, 0}, {"zh", "zh", no_abbrevs, 1, 1}, {"ar", "ar", no_abbrevs, 1, 1},
};
static const struct lang_rules root_rules = {"und", "", no_abbrevs, 0, 0};

struct ht_splitter {
	const struct lang_rules *rules;
	UBreakIterator *bi;
	UText *ut;
};

static const struct lang_rules *rules_for(const char *lang)
{
	if (!lang)
		return &root_rules;
	size_t n = strcspn(lang, "-_");
	for (size_t i = 0; i < sizeof rules_table / sizeof *rules_table; i++)
		if (strlen(rules_table[i].lang) == n && strncasecmp(rules_table[i].lang, lang, n) == 0)
			return &rules_table[i];
	return &root_rules;
}

ht_status ht_splitter_new(const char *lang, ht_splitter **out, ht_error *err)
{
	*out = NULL;
	const struct lang_rules *rules = rules_for(lang);
	UErrorCode st = U_ZERO_ERROR;
	UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, rules->locale, NULL, 0, &st);
	if (U_FAILURE(st))
		return ht_error_set(err, HT_ERR_USAGE, "cannot open ICU's sentence break iterator for '%s': %s",
				    lang ? lang : "und", u_errorName(st));
	ht_splitter *sp = ht_xcalloc(1, sizeof *sp);
	sp->rules = rules;
	sp->bi = bi;
	*out = sp;
	return HT_OK;
}

void ht_splitter_free(ht_splitter *sp)
{
	if (!sp)
		return;
	ubrk_close(sp->bi);
	if (sp->ut)
		utext_close(sp->ut);
	free(sp);
}

/* ---- character classes ---- */

static int is_space_cp(int32_t c) { return u_isUWhiteSpace(c) || c == 0xA0 || c == 0x202F; }
/* Letters, and the combining marks inside words (Arabic shadda, accents). */
static int is_letter_cp(int32_t c)
{
	if (c < 0)
		return 0;
	if (u_isalpha(c))
		return 1;
	int8_t t = u_charType(c);
	return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK;
}

/* Roman numeral letters, for "vol. II" and "IV." */
static int is_roman_cp(int32_t c) { return c > 0 && c < 128 && strchr("IVXLCDMivxlcdm", (int)c); }

/* ---- the text around a candidate boundary ---- */

/* Start of the next word after position i: spaces skipped. */
static size_t skip_spaces(const char *s, size_t len, size_t i)
{
	while (i < len) {
		size_t j = i;
		if (!is_space_cp(ht_utf8_next(s, len, &j)))
			break;
		i = j;
	}
	return i;
}

/* End of the visible text before position i: spaces skipped backwards. */
static size_t skip_spaces_back(const char *s, size_t i)
{
	while (i > 0) {
		size_t j = i;
		if (!is_space_cp(ht_utf8_prev(s, &j)))
			break;
		i = j;
	}
	return i;
}

/* A number follows at i: a digit, an opening bracket, or a Roman numeral
 * ("vol. II", "chap. IV"). */
static int number_follows(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return 0;
	size_t j = i;
	int32_t c = ht_utf8_next(s, len, &j);
	if (u_isdigit(c) || c == '(' || c == '[')
		return 1;
	if (!is_roman_cp(c) || !u_isupper(c))
		return 0;
	while (j < len) {
		size_t k = j;
		int32_t d = ht_utf8_next(s, len, &k);
		if (!is_letter_cp(d))
			return 1;
		if (!is_roman_cp(d) || !u_isupper(d))
			return 0;
		j = k;
	}
	return 1;
}

/* A word that starts with a capital letter follows at i. */
static int capital_follows(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return 0;
	int32_t c = ht_utf8_next(s, len, &i);
	return u_isupper(c) || u_istitle(c);
}

/* A number (digit) ends just before position i (spaces skipped). */
static int number_precedes(const char *s, size_t i)
{
	i = skip_spaces_back(s, i);
	if (i == 0)
		return 0;
	return u_isdigit(ht_utf8_prev(s, &i));
}

/* Does abbreviation `ab` end exactly at `end` (just after its full stop),
 * with a non-letter (or the text start) before it?  The first letter of a
 * lower-case abbreviation may be a capital. */
static int abbrev_ends_at(const char *s, size_t end, const char *ab, size_t *ab_start)
{
	size_t n = strlen(ab);
	if (n > end)
		return 0;
	size_t start = end - n;
	if (memcmp(s + start, ab, n) != 0) {
		if (!(ab[0] >= 'a' && ab[0] <= 'z') || s[start] != ab[0] - 'a' + 'A' ||
		    memcmp(s + start + 1, ab + 1, n - 1) != 0)
			return 0;
	}
	if (start > 0) {
		size_t k = start;
		int32_t before = ht_utf8_prev(s, &k);
		if (is_letter_cp(before) || u_isdigit(before) || before == '.' || before == '-')
			return 0;
	}
	*ab_start = start;
	return 1;
}

static int word_follows(const char *s, size_t len, size_t i, const char *word)
{
	size_t n = strlen(word);
	if (len - i < n || memcmp(s + i, word, n) != 0)
		return 0;
	if (i + n == len)
		return 1;
	size_t k = i + n;
	return !is_letter_cp(ht_utf8_next(s, len, &k));
}

/* 1 when a table rule joins across a full stop ending at `dot_end` with the
 * next word at `next`. */
static int abbrev_joins(const struct abbrev *table, const char *s, size_t len, size_t dot_end,
			size_t next)
{
	for (const struct abbrev *a = table; a->text; a++) {
		size_t start;
		if (!abbrev_ends_at(s, dot_end, a->text, &start))
			continue;
		switch (a->cond) {
		case JOIN_ALWAYS:
			return 1;
		case JOIN_BEFORE_NUMBER:
			return number_follows(s, len, next);
		case JOIN_BEFORE_WORD:
			return word_follows(s, len, next, a->next);
		case JOIN_NOT_AFTER_NUMBER:
			return !number_precedes(s, start);
		case MAY_END:
			return 0;
		}
	}
	return 0;
}

/* The word (letters only) that ends at `end`: its start, or `end` when none. */
static size_t word_start_before(const char *s, size_t end)
{
	size_t i = end;
	while (i > 0) {
		size_t j = i;
		if (!is_letter_cp(ht_utf8_prev(s, &j)))
			break;
		i = j;
	}
	return i;
}

/* Is the word that ends at `end` a single capital letter? */
static int single_capital_before(const char *s, size_t end)
{
	size_t w = word_start_before(s, end);
	if (w == end)
		return 0;
	size_t k = w;
	int32_t c = ht_utf8_next(s, end, &k);
	return k == end && u_isupper(c);
}

/* Words that name a part by a letter ("annex B.", "Group C.", "раздел Б."):
 * the letter after them is no initial.  A trailing '*' marks a prefix (for
 * Russian cases: "приложении", "раздела"). */
static const char *const designators[] = {
	"annex", "appendix", "section", "chapter", "part", "group", "table", "figure", "schedule",
	"category", "option", "phase", "class", "list", "column", "type", "level", "box", "item",
	"point", "title", "step", "plan", "vitamin", "programme", "subprogramme", "component", "area",
	"zone", "stage", "scenario", "model", "grade", "block", "building", "room", "unit", "article",
	"paragraph", "annexe", "appendice", "chapitre", "partie", "groupe", "tableau", "catégorie",
	"classe", "liste", "colonne", "niveau", "encadré", "titre", "étape", "vitamine", "composante",
	"bâtiment", "salle", "paragraphe", "anexo", "apéndice", "sección", "capítulo", "parte", "grupo",
	"cuadro", "figura", "categoría", "opción", "fase", "clase", "lista", "columna", "tipo", "nivel",
	"recuadro", "punto", "título", "etapa", "vitamina", "programa", "componente", "zona",
	"edificio", "sala", "artículo", "párrafo", "приложени*", "добавлени*", "раздел*", "глав*",
	"част*", "групп*", "таблиц*", "рисун*", "категори*", "вариант*", "этап*", "класс*", "спис*",
	"тип*", "уров*", "пункт*", "подпункт*", "стать*", "зон*", "блок*", "программ*", NULL};

/* Is the word s[start..end) (compared in lower case) a designator? */
static int is_designator(const char *s, size_t start, size_t end)
{
	char low[64];
	size_t n = 0;
	for (size_t i = start; i < end;) {
		int32_t c = u_tolower(ht_utf8_next(s, end, &i));
		if (n + 4 >= sizeof low)
			return 0;
		n += ht_utf8_encode(c, low + n);
	}
	for (const char *const *d = designators; *d; d++) {
		size_t k = strlen(*d);
		if ((*d)[k - 1] == '*' ? n >= k - 1 && memcmp(low, *d, k - 1) == 0
				       : n == k && memcmp(low, *d, k) == 0)
			return 1;
	}
	return 0;
}

/* INITIALS: "J. Smith", "Andrzej T. Abraszewski", "J. R. Smith", "А. Иванов":
 * a single capital letter with its full stop (at `dot`) followed by a
 * capitalised word, unless a designator precedes it ("annex B. The"). */
static int initial_joins(const char *s, size_t len, size_t dot, size_t next)
{
	if (!single_capital_before(s, dot) || !capital_follows(s, len, next))
		return 0;
	size_t w = word_start_before(s, dot);
	size_t before = skip_spaces_back(s, w);
	if (before == w && before > 0)
		return 0; /* glued to what precedes: "U.N." is ICU's business */
	size_t ws = word_start_before(s, before);
	return ws == before || !is_designator(s, ws, before);
}

/* A caseless letter (Arabic, Hebrew) standing alone before a full stop is an
 * abbreviation or a transliterated initial: "(ص. 34)", "ل. س. د". */
static int caseless_initial(const char *s, size_t dot)
{
	size_t w = word_start_before(s, dot);
	if (w == dot)
		return 0;
	size_t k = w;
	int32_t c = ht_utf8_next(s, dot, &k);
	return k == dot && !u_isupper(c) && !u_islower(c) && !u_istitle(c) && !ht_is_han(c);
}

static int is_closing_cp(int32_t c)
{
	int8_t t = u_charType(c);
	return t == U_END_PUNCTUATION || t == U_FINAL_PUNCTUATION || t == U_INITIAL_PUNCTUATION ||
	       c == '"' || c == '\'';
}

/* Position just after the terminator of the sentence that ends at `b`
 * (spaces, closing quotes and brackets skipped backwards). */
static size_t terminator_end(const char *s, size_t start, size_t b)
{
	size_t i = skip_spaces_back(s, b);
	while (i > start) {
		size_t j = i;
		if (!is_closing_cp(ht_utf8_prev(s, &j)))
			break;
		i = j;
	}
	return i;
}

/* Does the candidate boundary `b` go (the sentence starts at `start`)? */
static int boundary_joins(const ht_splitter *sp, const char *s, size_t len, size_t start, size_t b)
{
	size_t vis = skip_spaces_back(s, b);
	size_t next = skip_spaces(s, len, b);
	if (vis <= start)
		return 1;
	/* LOWER: no sentence starts with a lower-case letter ("ГХФУ? и ...") */
	if (next < len) {
		size_t k = next;
		if (u_islower(ht_utf8_next(s, len, &k)))
			return 1;
	}
	size_t term = terminator_end(s, start, b);
	/* GLUED: an ASCII full stop with no space after it ("遭.战祸", '谴责."夺取') */
	if (term > start && s[term - 1] == '.' && vis == b)
		return 1;
	if (s[vis - 1] != '.')
		return 0;
	if (abbrev_joins(common_abbrevs, s, len, vis, next) ||
	    abbrev_joins(sp->rules->own, s, len, vis, next))
		return 1;
	return sp->rules->initials &&
	       (initial_joins(s, len, vis - 1, next) || caseless_initial(s, vis - 1));
}

/* An opening bracket or quotation mark: "(", "（", "[", "«", "「", and where
 * the language says so “ and ‘. */
static int is_opening_cp(const ht_splitter *sp, int32_t c)
{
	if (u_charType(c) == U_START_PUNCTUATION || c == 0xAB)
		return 1;
	return sp->rules->curly_opens && (c == 0x201C || c == 0x2018);
}

/* Where a candidate boundary really goes: (size_t)-1 when it goes nowhere.
 * REFERENCE: ICU may break inside a footnote reference after a full stop
 * ("planning.[23] The"): the boundary moves after the closing bracket.
 * OPENING: ICU counts every quotation mark and bracket glued after a
 * terminator as closing; opening ones ('。“哈哈', '。（见') open the next
 * sentence, and so does a straight quote when the straight quotes before it
 * are balanced ('目的。"因此 ...'). */
static size_t adjust_boundary(const ht_splitter *sp, const char *s, size_t len, size_t start,
			      size_t b)
{
	size_t vis = skip_spaces_back(s, b);
	if (vis > start && (s[vis - 1] == '[' || s[vis - 1] == '(')) {
		char close = s[vis - 1] == '[' ? ']' : ')';
		size_t i = vis;
		while (i < len && i - vis < 16 && (u_isalnum((unsigned char)s[i]) || s[i] == ' '))
			i++;
		if (i < len && s[i] == close) {
			size_t after = skip_spaces(s, len, i + 1);
			return after < len ? after : (size_t)-1;
		}
	}
	if (vis != b)
		return b;
	size_t open = vis;
	while (open > start) {
		size_t j = open;
		if (!is_opening_cp(sp, ht_utf8_prev(s, &j)))
			break;
		open = j;
	}
	if (open < vis)
		return open;
	if (vis - 1 > start && s[vis - 1] == '"') {
		size_t quotes = 0;
		for (size_t i = start; i < vis - 1; i++)
			quotes += s[i] == '"';
		if (quotes % 2 == 0)
			return vis - 1;
	}
	return b;
}

/* ---- enumeration labels ---- */

static int is_han_numeral(int32_t c)
{
	static const int32_t numerals[] = {0x3007, 0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
					   0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341, 0x767E}; /* 〇零一…十百 */
	for (size_t i = 0; i < sizeof numerals / sizeof *numerals; i++)
		if (c == numerals[i])
			return 1;
	return 0;
}

/* One piece of a label: digits, a Roman numeral, one letter, or Chinese
 * numerals ("二", "第五节"). */
static size_t label_piece(const char *s, size_t len, size_t i)
{
	size_t j = i;
	int32_t c = ht_utf8_next(s, len, &j);
	if (u_isdigit(c) || is_han_numeral(c) || c == 0x7B2C /* 第 */) {
		int han = !u_isdigit(c);
		while (j < len) {
			size_t k = j;
			int32_t d = ht_utf8_next(s, len, &k);
			if (han ? !is_han_numeral(d) : !u_isdigit(d))
				break;
			j = k;
		}
		if (c == 0x7B2C) { /* 第…章/节/条/部分 */
			size_t k = j;
			int32_t d = j < len ? ht_utf8_next(s, len, &k) : 0;
			if (d == 0x7AE0 || d == 0x8282 || d == 0x6761 || d == 0x7BC7)
				j = k;
			else if (d == 0x90E8 && k < len) {
				size_t m = k;
				if (ht_utf8_next(s, len, &m) == 0x5206)
					j = m;
			}
		}
		return j - i;
	}
	if (!is_letter_cp(c) || ht_is_han(c))
		return 0;
	size_t one = j;
	while (j < len) {
		size_t k = j;
		int32_t d = ht_utf8_next(s, len, &k);
		if (!is_letter_cp(d))
			break;
		if (!is_roman_cp(d) || !is_roman_cp(c))
			return 0;
		j = k;
	}
	return (j == one ? one : j) - i;
}

/* A label ends with ".", "．", ")", "）" or "、"; returns its byte length. */
static size_t label_end_mark(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return 0;
	size_t j = i;
	int32_t c = ht_utf8_next(s, len, &j);
	return c == '.' || c == ')' || c == 0xFF0E || c == 0xFF09 || c == 0x3001 ? j - i : 0;
}

/* Is s[i..end) (trailing spaces already dropped) only a label such as "1.",
 * "1.2.", "IV.", "IV. G.", "B.", "(a)", "a)", "76/295.", "二．", "第五节．"? */
static int is_label_only(const char *s, size_t i, size_t end)
{
	int open = 0;
	if (i < end && (s[i] == '(' || s[i] == '[')) {
		open = 1;
		i++;
	}
	for (size_t pieces = 0; pieces < 4; pieces++) {
		size_t n = label_piece(s, end, i);
		if (!n || n > 12)
			return 0;
		i += n;
		if (i < end && s[i] == '/') {
			i++;
			continue;
		}
		size_t m = label_end_mark(s, end, i);
		if (!m)
			return 0;
		if (open)
			return (s[i] == ')' || s[i] == ']') && (i + 1 == end || (s[i + 1] == '.' && i + 2 == end));
		i += m;
		if (i == end)
			return 1;
		i = skip_spaces(s, end, i);
	}
	return 0;
}

static int has_alnum(const char *s, size_t i, size_t end)
{
	while (i < end)
		if (u_isalnum(ht_utf8_next(s, end, &i)))
			return 1;
	return 0;
}

/* PUNCTUATION ONLY: a piece without a letter or digit (a stray ">>" or "»")
 * belongs to the sentence before it. */
static void add_span(const char *s, ht_span **spans, size_t *n, size_t *cap, size_t start, size_t end)
{
	if (*n && !has_alnum(s, start, end)) {
		(*spans)[*n - 1].len = end - (*spans)[*n - 1].start;
		return;
	}
	HT_GROW(*spans, *n + 1, *cap);
	(*spans)[(*n)++] = (ht_span){start, end - start};
}

ht_status ht_splitter_split(ht_splitter *sp, const char *text, size_t len, ht_span **spans,
			    size_t *n, size_t *cap, ht_error *err)
{
	*n = 0;
	if (!len)
		return HT_OK;
	if (len > INT32_MAX)
		return ht_error_set(err, HT_ERR_DATA, "paragraph of %zu bytes is too long to split", len);
	UErrorCode st = U_ZERO_ERROR;
	sp->ut = utext_openUTF8(sp->ut, text, (int64_t)len, &st);
	if (U_SUCCESS(st))
		ubrk_setUText(sp->bi, sp->ut, &st);
	if (U_FAILURE(st))
		return ht_error_set(err, HT_ERR_DATA, "ICU cannot split this text: %s", u_errorName(st));
	size_t start = 0;
	for (int32_t b = ubrk_following(sp->bi, 0); b != UBRK_DONE; b = ubrk_next(sp->bi)) {
		size_t pos = adjust_boundary(sp, text, len, start, (size_t)b);
		if (pos == (size_t)-1 || pos <= start)
			continue;
		if (pos >= len)
			break;
		if (boundary_joins(sp, text, len, start, pos) ||
		    is_label_only(text, start, skip_spaces_back(text, pos)))
			continue;
		add_span(text, spans, n, cap, start, pos);
		start = pos;
	}
	add_span(text, spans, n, cap, start, len);
	return HT_OK;
}
