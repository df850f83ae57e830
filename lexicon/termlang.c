/* Language rules of the term candidates: function words, clause verbs,
 * Chinese edge words and frames, and light stemmers.
 *
 * The lists are short and hand-made from the vocabulary of UN resolutions;
 * they decide where a candidate may start and end, never what it contains.
 * Words are compared in their case-folded form (ht_key_fold). */
#include "lexicon/terms-internal.h"

#include <string.h>
#include <utf8proc.h>

ht_tlang ht_tlang_of(const char *lang)
{
	static const char *const tags[] = {"zh", "en", "fr", "es", "ru", "ar"};
	if (!lang)
		return HT_TL_OTHER;
	size_t n = strcspn(lang, "-_");
	for (int i = 0; i < 6; i++)
		if (n == 2 && (lang[0] | 32) == tags[i][0] && (lang[1] | 32) == tags[i][1])
			return (ht_tlang)i;
	return HT_TL_OTHER;
}

int ht_tlang_cased(ht_tlang l) { return l != HT_TL_ZH && l != HT_TL_AR; }

/* Is w[0..len) in the NULL-terminated list?  Called for every candidate
 * edge, so the first byte rejects most entries before any string work. */
static int in_list(const char *const *list, const char *w, size_t len)
{
	if (len == 0)
		return 0;
	for (; *list; list++)
		if ((*list)[0] == w[0] && strncmp(*list, w, len) == 0 && strnlen(*list, len + 1) == len)
			return 1;
	return 0;
}

/* ---- function words ---- */

/* 的 is a separator (see ht_tlang_zh_date_char's caller); these may occur
 * inside a candidate but never at its edges. */
static const char *const zh_function[] = {
	"的", "和", "与", "及", "在", "对", "是", "等", "并", "或", "其", "之", "了", "也",
	"将", "把", "被", "为", "以", "于", "从", "向", "由", "这", "该", "所", "而", "但",
	"则", "就", "都", "已", "还", "又", "此", "如", "使", "给", "各", "有", "着", "每",
	"至", "即", "到", "上", "我", "他", "她", "它", "很", "更", "乃", "凡", "若", "让", NULL};

static const char *const en_function[] = {
	"a", "an", "the", "of", "and", "or", "nor", "but", "in", "on", "at", "to", "for", "with",
	"by", "from", "as", "into", "onto", "upon", "about", "above", "below", "under", "over",
	"between", "among", "amongst", "within", "without", "through", "throughout", "during",
	"before", "after", "since", "until", "against", "towards", "toward", "via", "per",
	"than", "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had",
	"having", "do", "does", "did", "will", "would", "shall", "should", "may", "might", "can",
	"could", "must", "not", "no", "this", "that", "these", "those", "which", "who", "whom",
	"whose", "what", "where", "when", "while", "whether", "how", "why", "it", "its", "itself",
	"they", "them", "their", "theirs", "themselves", "he", "him", "his", "she", "her", "we",
	"us", "our", "you", "your", "i", "me", "my", "all", "any", "each", "every", "both",
	"either", "neither", "some", "such", "other", "others", "another", "same", "own", "also",
	"so", "too", "very", "more", "most", "much", "many", "few", "further",
	"furthermore", "moreover", "however", "therefore", "thus", "hence", "well", "inter",
	"alia", "including", "include", "includes", "included", "particular", "particularly",
	"especially", "namely", "etc", "if", "then", "there", "here", "only", "just", "even",
	"still", "yet", "already", "again", "whereas", "whereby", "because", "since", "unless",
	"although", "though", "due", "order", "regard", "regarding", "concerning", "relating",
	"related", "respect", "accordance", "pursuant", "addition", "view", "basis", "behalf",
	"part", "one", "two", "three", "first", "second", "third", "new", "further", "note",
	"use", "used", "made", "make", "take", "taken", "given", "line", "s", "mr", "ms", "mrs",
	"paragraph", "paragraphs", "para", "annex", "chapter", "section", "article", "articles",
	"resolution", "resolutions", "decision", "decisions", "report", "reports", "document",
	"documents", "session", "item", "items", "page", "vol", "no", "see", "ibid", "ii", "iii",
	"iv", "vi", "vii", "viii", "ix", "xi", "xii", "b", "c", "d", "e", "f", "g", "h", "n",
	NULL};

static const char *const fr_function[] = {
	"le", "la", "les", "l'", "l’", "un", "une", "des", "de", "du", "d'", "d’", "et", "ou",
	"ni", "mais", "à", "au", "aux", "en", "dans", "par", "pour", "sur", "avec", "sans",
	"sous", "entre", "vers", "chez", "contre", "depuis", "pendant", "selon", "envers",
	"parmi", "que", "qu'", "qu’", "qui", "dont", "où", "quoi", "ne", "n'", "n’", "pas",
	"plus", "moins", "très", "ce", "cet", "cette", "ces", "c'", "c’", "son", "sa", "ses",
	"leur", "leurs", "notre", "nos", "votre", "vos", "il", "elle", "ils", "elles", "on",
	"se", "s'", "s’", "lui", "eux", "y", "est", "sont", "été", "être", "a", "ont", "avait",
	"sera", "seront", "serait", "soit", "aussi", "ainsi", "comme", "notamment", "afin",
	"tout", "tous", "toute", "toutes", "autre", "autres", "même", "mêmes", "chaque",
	"certains", "certaines", "tel", "telle", "tels", "telles", "lequel", "laquelle",
	"lesquels", "lesquelles", "auquel", "auxquels", "duquel", "desquels", "si", "lorsque",
	"lorsqu'", "lorsqu’", "puisque", "jusqu'", "jusqu’", "jusque", "alors", "donc", "car",
	"cependant", "toutefois", "également", "ici", "faire", "sorte", "part", "égard", "compte", "cadre", "titre",
	"paragraphe", "paragraphes", "annexe", "chapitre", "section", "article", "résolution",
	"résolutions", "décision", "rapport", "document", "session", "point", "m", "mme", "s",
	"j'", "j’", "m'", "m’", "t'", "t’", "puisqu'", "puisqu’", "ci", "là", "année", "années",
	"an", "ans", "fin", "façon", "manière", "fois", "cas", "après", "avant", NULL};

static const char *const es_function[] = {
	"el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "de", "del", "al", "a",
	"y", "e", "o", "u", "ni", "pero", "sino", "en", "con", "por", "para", "sin", "sobre",
	"entre", "hacia", "hasta", "desde", "durante", "según", "contra", "ante", "bajo", "tras",
	"mediante", "que", "quien", "quienes", "cual", "cuales", "cuyo", "cuya", "cuyos",
	"cuyas", "donde", "cuando", "como", "no", "más", "menos", "muy", "este", "esta",
	"estos", "estas", "ese", "esa", "esos", "esas", "aquel", "aquella", "su", "sus", "nuestro",
	"nuestra", "se", "le", "les", "es", "son", "fue", "ser", "sido", "ha", "han", "había",
	"será", "sea", "sean", "está", "están", "también", "así", "además", "asimismo",
	"todo", "toda", "todos", "todas", "otro", "otra", "otros", "otras", "mismo", "misma",
	"cada", "tal", "tales", "si", "ya", "aquí", "aun", "aún", "incluso", "particular", "especial",
	"respecto", "relación", "conformidad", "párrafo", "párrafos", "anexo", "capítulo",
	"sección", "artículo", "resolución", "resoluciones", "decisión", "informe", "documento",
	"período", "sesiones", "tema", "sr", "sra", "s", "después", "antes", "año", "años",
	"marco", "fin", "forma", "manera", "vez", "caso", NULL};

static const char *const ru_function[] = {
	"и", "в", "во", "на", "с", "со", "по", "для", "о", "об", "обо", "к", "ко", "от", "из",
	"за", "что", "чтобы", "как", "а", "или", "не", "ни", "но", "же", "ее", "её", "его",
	"их", "им", "ими", "все", "всех", "всем", "всеми", "всего", "вся", "весь", "всей",
	"этой", "этого", "этом", "этих", "эти", "это", "этот", "эта", "этим", "эту", "этими",
	"который", "которая", "которое", "которые", "которых", "которым", "которыми", "которой",
	"которого", "котором", "которую", "также", "том", "числе", "при", "до", "после",
	"между", "через", "под", "над", "против", "без", "у", "бы", "был", "была", "было",
	"были", "быть", "будет", "будут", "является", "являются", "свой", "свои", "своих",
	"своей", "свою", "своим", "своего", "своем", "себя", "себе", "он", "она", "оно", "они",
	"мы", "вы", "я", "так", "такой", "такие", "таких", "такого", "такая", "более", "менее",
	"очень", "уже", "еще", "ещё", "лишь", "только", "даже", "если", "когда", "где", "то",
	"тем", "чем", "ли", "вне", "пределах", "рамках", "связи", "отношении", "целях",
	"соответствии", "пункт", "пункта", "пунктах", "пункте", "приложение", "глава", "раздел",
	"статья", "статьи", "резолюция", "резолюции", "решение", "доклад", "доклада",
	"документ", "сессия", "сессии", "г", "гн", "гжа", "год", "года", "году", "годы",
	"годов", "годах", "кроме", "того", "время", "время", "настоящее", "области", "вопросам",
	"вопросу", "целью", "качестве", "период", "периода", "ходе", "основе", "числа", "числу",
	"ряд", "ряда", "также", "однако", "именно", "частности", "может", "могут", "должны",
	"следует", "необходимо", "один", "одна", "одного", "два", "две", "три", NULL};

static const char *const ar_function[] = {
	"في", "من", "على", "إلى", "الى", "عن", "مع", "أن", "ان", "إن", "أو", "او", "لا", "ما",
	"هذا", "هذه", "ذلك", "تلك", "التي", "الذي", "الذين", "اللذين", "اللتين", "التى",
	"بين", "كل", "بعض", "عند", "حتى", "ثم", "قد", "لم", "لن", "كما", "وفقا", "ضد", "دون",
	"غير", "أي", "اي", "أيضا", "ايضا", "به", "بها", "فيه", "فيها", "عليه", "عليها", "إليه",
	"منها", "منه", "هو", "هي", "هم", "هما", "و", "ف", "ب", "ل", "وفي", "ومن", "وعلى",
	"وإلى", "وأن", "أنه", "أنها", "إنه", "بأن", "لأن", "كان", "كانت", "يكون", "تكون", "وقد",
	"ولا", "وما", "إذا", "اذا", "لدى", "خلال", "بشأن", "نحو", "عبر", "حول", "أمام", "بعد",
	"قبل", "منذ", "سوف", "ليس", "إلا", "الا", "أما", "فقط", "وهو", "وهي", "بحلول",
	"يتعلق", "فيما", "الفقرة", "الفقرات", "المرفق", "القرار", "القرارات", "المقرر",
	"التقرير", "الوثيقة", "الدورة", "البند", "السيد", "السيدة", "عام", "العام", "بما",
	"جميع", "أخرى", "اخرى", "آخر", "ذات", "الصلة", "حالة", "مجال", "مجالات", "إطار", "اطار",
	"ذلك", "وذلك", "هذا", "عدد", "عن", "سنة", "لما", "بعد", "كذلك", "أيضا", "يجب", "ينبغي",
	"يمكن", "تم", "وتم", "لها", "له", "لهم", "فإن", "إلى", "بشكل", "نحو", "أجل", "الأول",
	"الثاني", "الثالث", NULL};

/* Stop words: relatives, auxiliaries and subordinators that end a phrase
 * as punctuation does ("countries that adopt", "pays qui ont"). */
static const char *const en_stop[] = {
	"that", "which", "who", "whom", "whose", "is", "are", "was", "were", "be", "been",
	"being", "has", "have", "had", "will", "would", "shall", "should", "may", "might", "can",
	"could", "must", "not", "also", "including", "however", "therefore", "thus", "whereas",
	"if", "because", "although", "while", "whether", "it", "they", "we", "he", "she", "i",
	"honour", NULL};
static const char *const fr_stop[] = {
	"qui", "que", "qu'", "qu’", "dont", "est", "sont", "a", "ont", "été", "être", "sera",
	"seront", "serait", "soit", "sont", "avait", "doit", "doivent", "peut", "peuvent",
	"ne", "n'", "n’", "pas", "notamment", "également", "aussi", "si", "lorsque", "il", "ils",
	"elle", "elles", "nous", "vous", "se", "s'", "s’", "ai", "honneur", NULL};
static const char *const es_stop[] = {
	"que", "quien", "quienes", "cual", "cuales", "es", "son", "fue", "ser", "sido", "ha",
	"han", "había", "será", "sea", "sean", "está", "están", "debe", "deben", "puede",
	"pueden", "no", "también", "incluso", "incluidos", "incluidas", "si", "cuando", "se",
	"tengo", "honor", NULL};
static const char *const ru_stop[] = {
	"который", "которая", "которое", "которые", "которых", "которым", "которыми", "которой",
	"которого", "котором", "которую", "что", "чтобы", "является", "являются", "был", "была",
	"было", "были", "быть", "будет", "будут", "может", "могут", "должны", "должен", "не",
	"также", "если", "когда", "он", "она", "они", "мы", "это", "имею", "честь", NULL};
static const char *const ar_stop[] = {
	"التي", "الذي", "الذين", "التى", "اللذين", "اللتين", "أن", "ان", "إن", "كان", "كانت",
	"يكون", "تكون", "قد", "لم", "لن", "وقد", "ولا", "لا", "إذا", "اذا", "أنه", "أنها", "إنه",
	"بأن", "لأن", "هو", "هي", "هم", "وهو", "وهي", "يجب", "ينبغي", "يمكن", "تم", "وتم", "يوم",
	"أتشرف", "عقدها", "عقدت", NULL};

/* Month names separate like numbers do (dates). */
static const char *const months[] = {
	"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", "janvier", "février", "mars", "avril", "mai", "juin",
	"juillet", "août", "septembre", "octobre", "novembre", "décembre", "enero", "febrero",
	"marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre",
	"octubre", "noviembre", "diciembre", "январь", "января", "февраль", "февраля", "март",
	"марта", "апрель", "апреля", "май", "мая", "июнь", "июня", "июль", "июля", "август",
	"августа", "сентябрь", "сентября", "октябрь", "октября", "ноябрь", "ноября", "декабрь",
	"декабря", "كانون", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
	"تشرين", "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
	"أكتوبر", "نوفمبر", "ديسمبر", NULL};

int ht_tlang_is_month(ht_tlang l, const char *w, size_t len)
{
	return l != HT_TL_ZH && in_list(months, w, len);
}

int ht_tlang_is_stop(ht_tlang l, const char *w, size_t len)
{
	if (l != HT_TL_ZH && in_list(months, w, len))
		return 1;
	switch (l) {
	case HT_TL_EN: return in_list(en_stop, w, len);
	case HT_TL_FR: return in_list(fr_stop, w, len);
	case HT_TL_ES: return in_list(es_stop, w, len);
	case HT_TL_RU: return in_list(ru_stop, w, len);
	case HT_TL_AR: return in_list(ar_stop, w, len);
	default: return 0;
	}
}

int ht_tlang_not_alone(ht_tlang l, const char *w, size_t len)
{
	static const char *const lone[] = {"least", "less", "more", "most", "moins", "plus",
					   "menos", "más", "наименее", "менее", "более", "أقل",
					   "أكثر", "اقل", "اكثر", NULL};
	return in_list(lone, w, len);
}

int ht_tlang_is_function(ht_tlang l, const char *w, size_t len)
{
	switch (l) {
	case HT_TL_ZH: return in_list(zh_function, w, len);
	case HT_TL_EN: return in_list(en_function, w, len);
	case HT_TL_FR: return in_list(fr_function, w, len);
	case HT_TL_ES: return in_list(es_function, w, len);
	case HT_TL_RU: return in_list(ru_function, w, len);
	case HT_TL_AR: return in_list(ar_function, w, len);
	default: return in_list(en_function, w, len);
	}
}

/* ---- clause verbs: how resolution paragraphs open ---- */

static const char *const en_verbs[] = {
	"reaffirms", "reaffirming", "recalls", "recalling", "welcomes", "welcoming", "notes",
	"noting", "takes", "taking", "requests", "requesting", "decides", "deciding", "urges",
	"urging", "calls", "calling", "invites", "inviting", "encourages", "encouraging",
	"emphasizes", "emphasizing", "emphasises", "stresses", "stressing", "recognizes",
	"recognizing", "recognises", "acknowledges", "acknowledging", "expresses", "expressing",
	"underlines", "underlining", "affirms", "affirming", "reiterates", "reiterating",
	"considers", "considering", "bearing", "mindful", "convinced", "concerned", "deeply",
	"aware", "guided", "appreciates", "appreciating", "commends", "supports", "supporting",
	"endorses", "approves", "adopts", "adopted", "adopting", "agrees", "declares",
	"condemns", "deplores", "highlights", "highlighting", "ensure", "ensuring", "promote",
	"promoting", "strengthen", "strengthening", "enhance", "enhancing", "achieve",
	"achieving", "support", "improve", "improving", "increase", "increasing", "provide",
	"providing", "continue", "continuing", "contribute", "contributing", "address",
	"addressing", "facilitate", "facilitating", "implement", "implementing", "establish",
	"establishing", "develop", "reduce", "carry", "reducing", "take", "undertake", "consider",
	"encourage", "invite", "request", "recall", "note", "welcome", "enable", "enabling",
	"foster", "fostering", "build", "building", "assist", "assisting", "help", "helping",
	"requires", "required", "need", "needs", "continues", "aims", "aimed", "based",
	"according", "carried", "held", "entitled", "contained", "submitted", "prepared",
	"referred", "mentioned", "set", "said", NULL};

static const char *const fr_verbs[] = {
	"réaffirme", "réaffirmant", "rappelle", "rappelant", "accueille", "accueillant",
	"salue", "saluant", "note", "notant", "prend", "prenant", "prie", "demande",
	"demandant", "décide", "décidant", "exhorte", "engage", "invite", "invitant",
	"encourage", "encourageant", "souligne", "soulignant", "insiste", "reconnaît",
	"reconnaissant", "constate", "constatant", "exprime", "exprimant", "affirme",
	"affirmant", "considère", "considérant", "consciente", "convaincue", "préoccupée",
	"sachant", "guidée", "apprécie", "félicite", "appuie", "approuve", "adopte",
	"déclare", "condamne", "déplore", "renforcer", "promouvoir", "assurer", "veiller",
	"garantir", "améliorer", "réaliser", "atteindre", "accroître", "favoriser",
	"faciliter", "appuyer", "contribuer", "mettre", "prendre", "continuer", "poursuivre",
	"établir", "élaborer", "réduire", "fournir", "aider", "permettre", "intitulé",
	"intitulée", "figurant", "présenté", "visé", "visée", NULL};

static const char *const es_verbs[] = {
	"reafirma", "reafirmando", "recuerda", "recordando", "acoge", "acogiendo", "observa",
	"observando", "toma", "tomando", "solicita", "pide", "decide", "insta", "exhorta",
	"invita", "alienta", "alentando", "destaca", "destacando", "subraya", "subrayando",
	"reconoce", "reconociendo", "expresa", "expresando", "afirma", "afirmando", "considera",
	"considerando", "consciente", "convencida", "preocupada", "guiada", "aprecia",
	"encomia", "apoya", "aprueba", "declara", "condena", "deplora", "reitera",
	"reiterando", "teniendo", "fortalecer", "promover", "asegurar", "garantizar", "mejorar",
	"lograr", "alcanzar", "aumentar", "fomentar", "facilitar", "apoyar", "contribuir",
	"seguir", "continuar", "establecer", "elaborar", "reducir", "proporcionar", "prestar",
	"ayudar", "permitir", "titulado", "titulada", "contenido", "presentado", NULL};

static const char *const ru_verbs[] = {
	"вновь", "подтверждает", "подтверждая", "ссылается", "ссылаясь", "приветствует",
	"приветствуя", "отмечает", "отмечая", "принимает", "принимая", "просит", "постановляет",
	"настоятельно", "призывает", "призывая", "предлагает", "рекомендует", "рекомендуя",
	"подчеркивает", "подчеркивая", "признает", "признавая", "выражает", "выражая",
	"заявляет", "считает", "считая", "будучи", "учитывая", "сознавая", "руководствуясь",
	"одобряет", "поддерживает", "осуждает", "укреплять", "укрепления", "содействовать",
	"обеспечивать", "обеспечить", "обеспечения", "улучшать", "улучшения", "достигать",
	"достижения", "поощрять", "поощрения", "оказывать", "продолжать", "принять",
	"принимать", "сократить", "способствовать", "озаглавленный", "озаглавленной",
	"содержащийся", "содержащейся", "представленный", NULL};

static const char *const ar_verbs[] = {
	"يؤكد", "تؤكد", "وإذ", "إذ", "يشير", "تشير", "يرحب", "ترحب", "يلاحظ", "تلاحظ",
	"يحيط", "تحيط", "يطلب", "تطلب", "يقرر", "تقرر", "يحث", "تحث", "يهيب", "تهيب",
	"يدعو", "تدعو", "يشجع", "تشجع", "يشدد", "تشدد", "يسلم", "تسلم", "يعرب", "تعرب",
	"يعيد", "تعيد", "ترى", "يرى", "تدرك", "يدرك", "تقر", "يقر", "تعترف", "يعترف",
	"يوافق", "توافق", "يعتمد", "تعتمد", "يدين", "تدين", "تعزيز", "وتعزيز", "ضمان",
	"وضمان", "تحقيق", "وتحقيق", "دعم", "ودعم", "زيادة", "تحسين", "تيسير", "المعنون",
	"المعنونة", "الوارد", "الواردة", NULL};

int ht_tlang_is_clause_verb(ht_tlang l, const char *w, size_t len)
{
	switch (l) {
	case HT_TL_EN: return in_list(en_verbs, w, len);
	case HT_TL_FR: return in_list(fr_verbs, w, len);
	case HT_TL_ES: return in_list(es_verbs, w, len);
	case HT_TL_RU: return in_list(ru_verbs, w, len);
	case HT_TL_AR: return in_list(ar_verbs, w, len);
	default: return 0;
	}
}

int ht_tlang_is_article(ht_tlang l, const char *w, size_t len)
{
	static const char *const articles[] = {
		"the", "a", "an", "of", "le", "la", "les", "l'", "l’", "un", "une", "des", "du", "de",
		"d'", "d’", "au", "aux", "el", "los", "las", "lo", "unos", "unas", "del", "al", NULL};
	return l != HT_TL_ZH && in_list(articles, w, len);
}

int ht_tlang_is_conjunction(ht_tlang l, const char *w, size_t len)
{
	static const char *const conj[] = {"and", "or", "et", "ou", "y", "e", "o", "u", "и",
					   "или", "و", "أو", "او", "和", "与", "及", "或", NULL};
	return in_list(conj, w, len);
}

/* ---- Chinese ---- */

/* Two-character words with a function character at one edge that belong to
 * terms (和平 peace, 平等 equality, 原则 principle, 参与 participation ...). */
static const char *const zh_edge_words[] = {
	"和平", "和谐", "和解", "共和", "缓和", "总和", "平等", "对等", "均等", "同等", "高等",
	"中等", "初等", "相等", "不等", "存在", "所在", "埃及", "普及", "涉及", "危及", "对话",
	"对外", "对称", "对象", "对策", "参与", "针对", "应对", "反对", "相对", "绝对", "合并",
	"兼并", "行为", "以色", "有效", "有害", "有机", "有毒", "有益", "有关", "所有", "被告",
	"被害", "方向", "导向", "倾向", "自由", "理由", "由于", "供给", "补给", "大使", "特使",
	"使用", "使命", "首都", "成就", "就业", "偿还", "归还", "原则", "规则", "准则", "细则",
	"总则", "法则", "否则", "目的", "国有", "公有", "私有", "享有", "拥有", "具有", "固有",
	"会议", "会员", "会期", "大会", "社会", "机会", "委员会", "理事会", "应急", "应用",
	"可持", "可再", "可行", "可靠", "能力", "能源", "可能", "功能", "智能", "核能", "技能",
	"要求", "重要", "主要", "需要", "摘要", "不同", "共同", "合同", "同意", "同盟", "认同",
	"协同", "通信", "通讯", "通过", "交通", "流通", "沟通", "互通", "普通", "经济", "经验",
	"经费", "过境", "过程", "过渡", "最不", "更新", "变更", "按照", "到达", "至关", "自给",
	"给予", "每日", "每年", "不平", "不利", "不足", "不良",
	"不断", "请求", "申请", "邀请", "之间", "了解", "除了", "为了", "认为", "作为",
	"成为", "视为", "也门", "即将", "将来", "而言", "上诉", "上海", "上限", "上升", "上游",
	"上层", "上级",
	NULL};

int ht_tlang_zh_edge_word(const char *two, size_t len) { return in_list(zh_edge_words, two, len); }

int ht_tlang_zh_date_char(int32_t cp)
{
	/* 年 月 日 号 届 次 个 条 款 项 段 部 名 岁 亿 万 % */
	static const int32_t dates[] = {0x5E74, 0x6708, 0x65E5, 0x53F7, 0x5C4A, 0x6B21, 0x4E2A,
					0x6761, 0x6B3E, 0x9879, 0x6BB5, 0x90E8, 0x540D, 0x5C81,
					0x4EBF, 0x4E07, 0x65F6, 0x5206, 0x7EA7, 0x4F4D};
	return ht_cp_index(dates, sizeof dates / sizeof *dates, cp) >= 0;
}

/* Words that open the clauses of resolutions (重申, 欢迎, 注意到), and
 * determiners, adverbs and conjunctions: a candidate never starts with them. */
static const char *const zh_lead_words[] = {
	"重申", "欢迎", "回顾", "强调", "注意", "认识", "决定", "呼吁", "表示", "邀请", "敦促",
	"吁请", "请求", "要求", "鼓励", "继续", "进一步", "致力", "努力", "考虑", "决心", "遵循",
	"承认", "赞赏", "感谢", "关切", "通过", "包括", "以及", "有关", "关于", "欣见", "确认",
	"指出", "申明", "重视", "鉴于", "考虑到", "认识到", "铭记", "深信", "确信", "意识到",
	"关注", "赞扬", "核可", "核准", "批准", "注意到", "又", "还", "特别", "尤其", "同时",
	"各自", "相关", "有效", "充分", "积极", "切实", "全面", "共同", "进行", "作出", "做出",
	"给予", "予以", "加以", "重要", "必须", "需要", "应当", "能够", "可以", "已经", "正在",
	"不断", "所有", "一切", "一个", "一些", "并且", "或者", "其中", "对于", "由于", "在于",
	"号", "后", "本", "两个", "三个", "各个", "这个", "每个", "这些", "那些", "各种", "其他",
	"任何", NULL};

/* Action verbs: 加强互联互通 is 加强 + a term, but 减少灾害风险 (disaster
 * risk reduction) and 消除贫穷 are terms themselves; such candidates rank,
 * lower, and never count as containers of the term they govern. */
static const char *const zh_action_verbs[] = {
	"加强", "实现", "促进", "确保", "支持", "推动", "提高", "加快", "执行", "采取", "建立",
	"推进", "改善", "增加", "减少", "提供", "制定", "利用", "开展", "落实", "发挥", "解决",
	"处理", "消除", "克服", "遵守", "深化", "扩大", "增强", "提升", "拓展", "完成", "满足",
	"帮助", "协助", "参加", "审议", "审查", NULL};

/* Frames that close a phrase: …方面, …之间, …的重要性. */
static const char *const zh_trail_frames[] = {
	"方面", "之间", "之中", "期间", "过程中", "重要性", "必要性", "作用", "情况", "基础上",
	"范围内", "框架内", "背景下", "问题上", "一道", "一起", "工作中", "进程中", "努力",
	"以及", "并且", "或者", "等等", "之一", "以来", "以便", "在于", "对于", "关于", "由于",
	"有必要", "必要", "各国", "各方", "各级", "中", "上", "下", "时", "后", "前", "里", "间",
	NULL};

static int starts_with_any(const char *const *list, const char *s, size_t len)
{
	for (; *list; list++) {
		size_t n = strlen(*list);
		if (n <= len && memcmp(*list, s, n) == 0)
			return 1;
	}
	return 0;
}

static int ends_with_any(const char *const *list, const char *s, size_t len)
{
	for (; *list; list++) {
		size_t n = strlen(*list);
		if (n <= len && memcmp(*list, s + len - n, n) == 0)
			return 1;
	}
	return 0;
}

int ht_tlang_zh_bad_edge(const char *s, size_t len)
{
	if (starts_with_any(zh_lead_words, s, len) || ends_with_any(zh_trail_frames, s, len))
		return 1;
	if (in_list(zh_action_verbs, s, len))
		return 1; /* the verb alone */
	return starts_with_any(zh_action_verbs, s, len) ? 2 : 0;
}

/* ---- elision ---- */

size_t ht_tlang_elision(ht_tlang l, const char *w, size_t len)
{
	static const char *const fr_elided[] = {"l", "d", "j", "m", "n", "s", "t", "c", "qu",
						"jusqu", "lorsqu", "puisqu", "quoiqu", NULL};
	if (l != HT_TL_FR)
		return 0;
	for (size_t i = 1; i < len && i <= 6; i++) {
		size_t apo = 0;
		if (w[i] == '\'')
			apo = 1;
		else if (i + 2 < len && memcmp(w + i, "\xE2\x80\x99", 3) == 0)
			apo = 3;
		if (!apo)
			continue;
		for (const char *const *e = fr_elided; *e; e++) {
			if (strlen(*e) != i)
				continue;
			size_t k = 0;
			while (k < i && (w[k] | 32) == (*e)[k])
				k++;
			if (k == i && i + apo < len)
				return i + apo;
		}
		return 0;
	}
	return 0;
}

/* ---- stemmers ---- */

static int ends_with(const ht_buf *b, const char *suf)
{
	size_t n = strlen(suf);
	return b->len >= n && memcmp(b->s + b->len - n, suf, n) == 0;
}

static size_t utf8_chars(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

/* Plural merging: -ies -> -y (en), -aux -> -al (fr), a final -s after a
 * non-s; words of three letters or less stay (bus, gas, pas). */
/* Spanish keys ignore the written accent, which plurals move (nación,
 * naciones); ñ and ü stay. */
static void strip_spanish_accents(ht_buf *b)
{
	static const char *const from[] = {"á", "é", "í", "ó", "ú", "Á", "É", "Í", "Ó", "Ú", NULL};
	static const char to[] = "aeiouAEIOU";
	size_t o = 0;
	for (size_t i = 0; i < b->len;) {
		int k = -1;
		for (int j = 0; from[j]; j++)
			if (i + 1 < b->len && memcmp(b->s + i, from[j], 2) == 0)
				k = j;
		if (k >= 0) {
			b->s[o++] = to[k];
			i += 2;
		} else
			b->s[o++] = b->s[i++];
	}
	ht_buf_truncate(b, o);
}

/* Spanish plurals: -ces -> -z, -es after a consonant (mujeres, insulares,
 * naciones), else -s. */
static int stem_spanish_plural(ht_buf *b)
{
	strip_spanish_accents(b);
	if (b->len <= 4 || !ends_with(b, "es"))
		return 0;
	char c = b->s[b->len - 3];
	if (c == 'c' && b->len > 5) {
		ht_buf_truncate(b, b->len - 3);
		ht_buf_addc(b, 'z');
		return 1;
	}
	if (strchr("lrndjsyLRNDJSY", c)) {
		ht_buf_truncate(b, b->len - 2);
		return 1;
	}
	return 0;
}

static void stem_plural(ht_tlang l, ht_buf *b)
{
	if (l == HT_TL_ES && stem_spanish_plural(b))
		return;
	size_t chars = utf8_chars(b->s, b->len);
	if (chars <= 3)
		return;
	if (l == HT_TL_EN && ends_with(b, "ies") && chars > 4) {
		ht_buf_truncate(b, b->len - 3);
		ht_buf_addc(b, 'y');
		return;
	}
	if (l == HT_TL_FR && ends_with(b, "aux") && chars > 4) {
		ht_buf_truncate(b, b->len - 3);
		ht_buf_adds(b, "al");
		return;
	}
	if (ends_with(b, "ss") || ends_with(b, "us") || ends_with(b, "is") || ends_with(b, "'s") ||
	    !ends_with(b, "s"))
		return;
	ht_buf_truncate(b, b->len - 1);
}

/* Russian inflectional endings, longest first; the stem keeps at least four letters. */
static const char *const ru_endings[] = {
	"иями", "ями", "ами", "ией", "иям", "ием", "иях", "ого", "его", "ому", "ему", "ыми",
	"ими", "ая", "яя", "ое", "ее", "ые", "ие", "ый", "ий", "ой", "ей", "ым", "им", "ом",
	"ем", "ых", "их", "ую", "юю", "ою", "ею", "ов", "ев", "ам", "ям", "ах", "ях", "ью",
	"ия", "ию", "ья", "ье", "ии", "а", "я", "о", "е", "и", "ы", "у", "ю", "ь", "й", NULL};

static void stem_russian(ht_buf *b)
{
	/* ё and е are one letter for matching */
	for (size_t i = 0; i + 1 < b->len; i++)
		if ((unsigned char)b->s[i] == 0xD1 && (unsigned char)b->s[i + 1] == 0x91) {
			b->s[i] = (char)0xD0;
			b->s[i + 1] = (char)0xB5;
		}
	size_t chars = utf8_chars(b->s, b->len);
	for (const char *const *e = ru_endings; *e; e++) {
		size_t n = strlen(*e);
		if (ends_with(b, *e) && chars - utf8_chars(*e, n) >= 4) {
			ht_buf_truncate(b, b->len - n);
			return;
		}
	}
}

/* Arabic: alef forms -> ا, ى -> ي, ة -> ه (as the Light10 stemmer does). */
static void arabic_normalise(ht_buf *b)
{
	ht_buf out = HT_BUF_INIT;
	size_t i = 0;
	while (i < b->len) {
		int32_t cp = ht_utf8_next(b->s, b->len, &i);
		if (cp == 0x0622 || cp == 0x0623 || cp == 0x0625 || cp == 0x0671)
			cp = 0x0627;
		else if (cp == 0x0649)
			cp = 0x064A;
		else if (cp == 0x0629)
			cp = 0x0647;
		char enc[4];
		ht_buf_add(&out, enc, ht_utf8_encode(cp, enc));
	}
	ht_buf_reset(b);
	ht_buf_add(b, out.s, out.len);
	ht_buf_release(&out);
}

static void stem_arabic(ht_buf *b)
{
	static const char *const prefixes[] = {"وال", "بال", "كال", "فال", "لل", "ال", NULL};
	/* Light10 also strips ي, which merges الدولي (international) with الدول
	 * (States): the nisba stays, only its feminine and plural endings go. */
	static const char *const suffixes[] = {"ها", "ان", "ات", "ون", "ين", "ه", NULL};
	arabic_normalise(b);
	size_t chars = utf8_chars(b->s, b->len);
	for (const char *const *p = prefixes; *p; p++) {
		size_t n = strlen(*p);
		if (b->len > n && memcmp(b->s, *p, n) == 0 && chars - utf8_chars(*p, n) >= 2) {
			memmove(b->s, b->s + n, b->len - n);
			ht_buf_truncate(b, b->len - n);
			chars -= utf8_chars(*p, n);
			break;
		}
	}
	if (chars > 3 && b->len >= 2 && memcmp(b->s, "و", 2) == 0) {
		memmove(b->s, b->s + 2, b->len - 2);
		ht_buf_truncate(b, b->len - 2);
		chars--;
	}
	/* Light10 strips suffixes repeatedly */
	for (size_t k = 0; suffixes[k];) {
		size_t n = strlen(suffixes[k]);
		if (ends_with(b, suffixes[k]) && chars - utf8_chars(suffixes[k], n) >= 3) {
			ht_buf_truncate(b, b->len - n);
			chars -= utf8_chars(suffixes[k], n);
			k = 0;
		} else
			k++;
	}
}

void ht_tlang_stem(ht_tlang l, ht_buf *key)
{
	switch (l) {
	case HT_TL_EN:
	case HT_TL_FR:
	case HT_TL_ES: stem_plural(l, key); break;
	case HT_TL_RU: stem_russian(key); break;
	case HT_TL_AR: stem_arabic(key); break;
	default: break;
	}
}
