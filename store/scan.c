/* Scanning the inputs of a build: folders walked recursively, each file
 * classified by its name into a document version, a line-parallel file, a
 * table or something else, and grouped by document NAME. */
#include "store/corpus.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "hutong/sentence.h"

/* ---- problems ---- */

void ht_problems_add(ht_problems *p, const char *path, const char *fmt, ...)
{
	ht_buf b = HT_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	char tmp[1024];
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	ht_buf_adds(&b, tmp);
	HT_GROW(p->v, p->n + 1, p->cap);
	p->v[p->n].path = path ? ht_xstrdup(path) : NULL;
	p->v[p->n].message = ht_buf_detach(&b, NULL);
	p->n++;
}

void ht_problems_add_error(ht_problems *p, const char *path, const ht_error *err)
{
	const char *m = err->message[0] ? err->message : "failed";
	size_t pl = path ? strlen(path) : 0;
	/* library messages name the file first ("A.txt: byte 3: ..."): keep one */
	if (pl && strncmp(m, path, pl) == 0 && m[pl] == ':' && m[pl + 1] == ' ')
		m += pl + 2;
	ht_problems_add(p, path, "%s", m);
}

void ht_problems_release(ht_problems *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].path);
		free(p->v[i].message);
	}
	free(p->v);
	memset(p, 0, sizeof *p);
}

const char *ht_group_kind_name(ht_group_kind kind)
{
	return kind == HT_GROUP_DOCUMENT ? "document" : kind == HT_GROUP_LINES ? "lines" : "table";
}

/* ---- language tags in file names ---- */

/* ISO 639-1 codes: a two-letter part of a name is a language only when it is
 * one of these, so that "x.md" is not Moldovan.  ("sh", deprecated, is left
 * out: it is the shell scripts' extension.) */
static const char iso639_1[] =
	"aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv "
	"cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr "
	"ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw "
	"ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv "
	"ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr "
	"ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi "
	"yo za zh zu";

static int is_alpha_n(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
			return 0;
	return 1;
}

/* A primary subtag ("zh", "eng", "cmn") -> its tag, or NULL. */
static const char *primary_tag(const char *s, size_t n, char *buf, size_t size)
{
	if (n < 2 || n > 3 || !is_alpha_n(s, n) || size < 4)
		return NULL;
	char low[4];
	for (size_t i = 0; i < n; i++)
		low[i] = (char)(s[i] | 0x20);
	low[n] = 0;
	const char *known = ht_lang_from_filename(low); /* the codes hutong knows: eng, cmn, ... */
	if (known) {
		snprintf(buf, size, "%s", known);
		return buf;
	}
	if (n == 2) {
		for (const char *p = iso639_1; *p; p += p[2] ? 3 : 2)
			if (p[0] == low[0] && p[1] == low[1]) {
				snprintf(buf, size, "%s", low);
				return buf;
			}
	}
	return NULL;
}

/* A subtag after the primary: a script (Hans), a region (CN, 419). */
static int is_subtag(const char *s, size_t n)
{
	if (n == 4 || n == 2)
		return is_alpha_n(s, n);
	if (n == 3)
		return s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' &&
		       s[2] <= '9';
	return 0;
}

const char *ht_lang_of_name_part(const char *part, size_t len, char *buf, size_t size)
{
	size_t p = 0;
	while (p < len && part[p] != '-' && part[p] != '_')
		p++;
	const char *tag = primary_tag(part, p, buf, size);
	if (!tag)
		return NULL;
	while (p < len) { /* every further subtag must look like one */
		size_t q = ++p;
		while (q < len && part[q] != '-' && part[q] != '_')
			q++;
		if (!is_subtag(part + p, q - p))
			return NULL;
		p = q;
	}
	return tag;
}

/* ---- classifying a file by its name ---- */

static const char *const doc_exts[] = {"txt", "html", "htm", "xhtml", "xml", "pdf", "docx", NULL};

static int ext_is(const char *ext, const char *const *list)
{
	for (; *list; list++)
		if (strcasecmp(ext, *list) == 0)
			return 1;
	return 0;
}

typedef struct classified {
	int kind; /* ht_group_kind, or -1 ignored, -2 an ids sidecar */
	ht_buf name;
	char lang[16];
	int has_lang;
} classified;

/* "udhr_eng" -> "udhr" + en; "udhr_cmn_hans" -> "udhr" + zh. */
static int split_lang_suffix(const char *stem, size_t n, classified *c)
{
	int seps = 0;
	for (size_t i = n; i > 0 && seps < 2; i--) {
		if (stem[i - 1] != '_')
			continue;
		seps++;
		if (i > 1 && ht_lang_of_name_part(stem + i, n - i, c->lang, sizeof c->lang)) {
			ht_buf_add(&c->name, stem, i - 1);
			return 1;
		}
	}
	return 0;
}

static void classify(const char *path, classified *c)
{
	const char *base = ht_path_base(path);
	const char *dot = strrchr(base, '.');
	ht_buf_reset(&c->name);
	c->has_lang = 0;
	c->kind = -1;
	if (!dot || dot == base)
		return;
	const char *ext = dot + 1;
	size_t stem_len = (size_t)(dot - base);
	if (ext_is(ext, doc_exts)) {
		c->kind = HT_GROUP_DOCUMENT;
		const char *inner = NULL;
		for (size_t i = stem_len; i > 0 && !inner; i--)
			if (base[i - 1] == '.')
				inner = base + i - 1;
		if (inner && ht_lang_of_name_part(inner + 1, (size_t)(dot - inner - 1), c->lang,
						  sizeof c->lang)) {
			ht_buf_add(&c->name, base, (size_t)(inner - base));
			c->has_lang = 1;
		} else if (ht_lang_of_name_part(base, stem_len, c->lang, sizeof c->lang)) {
			/* udhr/eng.html: a version of the document its folder names */
			size_t dl = (size_t)(base - path);
			while (dl > 0 && path[dl - 1] == '/')
				dl--;
			size_t ds = dl;
			while (ds > 0 && path[ds - 1] != '/')
				ds--;
			if (dl > ds && !(dl - ds == 1 && path[ds] == '.'))
				ht_buf_add(&c->name, path + ds, dl - ds);
			else
				ht_buf_adds(&c->name, c->lang); /* ./en.txt: the name is all we have */
			c->has_lang = 1;
		} else if (split_lang_suffix(base, stem_len, c)) {
			c->has_lang = 1;
		} else
			ht_buf_add(&c->name, base, stem_len);
	} else if (strcasecmp(ext, "tsv") == 0) {
		c->kind = HT_GROUP_TABLE;
		ht_buf_add(&c->name, base, stem_len);
	} else if (ht_lang_of_name_part(ext, strlen(ext), c->lang, sizeof c->lang)) {
		c->kind = HT_GROUP_LINES;
		c->has_lang = 1;
		ht_buf_add(&c->name, base, stem_len);
	} else if (strcasecmp(ext, "ids") == 0) {
		c->kind = -2;
		ht_buf_add(&c->name, base, stem_len);
	}
}

/* ---- walking ---- */

typedef struct found {
	char *path, *name, *lang;
	int kind;
} found;

typedef struct walk {
	found *files;
	size_t n, cap;
	struct stat out_st;
	int has_out;
	struct dir_id {
		dev_t dev;
		ino_t ino;
	} *dirs;
	size_t nvisited, vcap;
	ht_scan *scan;
	classified c;
} walk;

static int visited(walk *w, const struct stat *st)
{
	for (size_t i = 0; i < w->nvisited; i++)
		if (w->dirs[i].dev == st->st_dev && w->dirs[i].ino == st->st_ino)
			return 1;
	HT_GROW(w->dirs, w->nvisited + 1, w->vcap);
	w->dirs[w->nvisited].dev = st->st_dev;
	w->dirs[w->nvisited++].ino = st->st_ino;
	return 0;
}

static void add_ignored(ht_scan *s, const char *path)
{
	HT_GROW(s->ignored, s->nignored + 1, s->icap);
	s->ignored[s->nignored++] = ht_xstrdup(path);
}

static void add_file(walk *w, const char *path)
{
	classify(path, &w->c);
	if (w->c.kind == -1) {
		add_ignored(w->scan, path);
		return;
	}
	HT_GROW(w->files, w->n + 1, w->cap);
	found *f = &w->files[w->n++];
	f->path = ht_xstrdup(path);
	f->name = ht_xstrdup(w->c.name.s);
	f->lang = w->c.has_lang ? ht_xstrdup(w->c.lang) : NULL;
	f->kind = w->c.kind;
}

static int is_out_dir(const walk *w, const struct stat *st)
{
	return w->has_out && st->st_dev == w->out_st.st_dev && st->st_ino == w->out_st.st_ino;
}

static void walk_dir(walk *w, const char *dir, int depth);

static void walk_path(walk *w, const char *path, int depth, int given)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		ht_problems_add(&w->scan->problems, path, "cannot read: %s", strerror(errno));
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		if (is_out_dir(w, &st) || visited(w, &st))
			return;
		if (depth > 64) {
			ht_problems_add(&w->scan->problems, path, "folders nested too deep; left out");
			return;
		}
		walk_dir(w, path, depth + 1);
	} else if (S_ISREG(st.st_mode))
		add_file(w, path);
	else if (given)
		ht_problems_add(&w->scan->problems, path, "not a file or a folder");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk_dir(walk *w, const char *dir, int depth)
{
	DIR *d = opendir(dir);
	if (!d) {
		ht_problems_add(&w->scan->problems, dir, "cannot read the folder: %s", strerror(errno));
		return;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	int is_output = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.') /* hidden, and . and .. */
			continue;
		if (strcmp(e->d_name, "hutong.db") == 0)
			is_output = 1;
		HT_GROW(names, n + 1, cap);
		names[n++] = ht_xstrdup(e->d_name);
	}
	closedir(d);
	/* another build's output folder holds outputs, not inputs */
	if (!is_output || depth == 0) {
		if (n)
			qsort(names, n, sizeof *names, cmp_str);
		ht_buf p = HT_BUF_INIT;
		for (size_t i = 0; i < n; i++) {
			ht_buf_reset(&p);
			ht_buf_addf(&p, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
			walk_path(w, p.s, depth, 0);
		}
		ht_buf_release(&p);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* ---- grouping ---- */

static int cmp_found(const void *a, const void *b)
{
	const found *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	return strcmp(x->path, y->path);
}

static void group_files(walk *w, ht_scan *s)
{
	if (w->n)
		qsort(w->files, w->n, sizeof *w->files, cmp_found);
	for (size_t i = 0; i < w->n;) {
		size_t j = i;
		while (j < w->n && strcmp(w->files[j].name, w->files[i].name) == 0)
			j++;
		/* kinds apart: documents, line files and tables of one NAME are three groups,
		 * except that an ids file belongs to the line files */
		for (int kind = HT_GROUP_DOCUMENT; kind <= HT_GROUP_TABLE; kind++) {
			ht_group *g = NULL;
			for (size_t k = i; k < j; k++) {
				if (w->files[k].kind != kind)
					continue;
				if (!g) {
					HT_GROW(s->groups, s->n + 1, s->cap);
					g = &s->groups[s->n++];
					memset(g, 0, sizeof *g);
					g->name = ht_xstrdup(w->files[k].name);
					g->kind = (ht_group_kind)kind;
				}
				HT_GROW(g->files, g->nfiles + 1, g->cap);
				g->files[g->nfiles].path = w->files[k].path;
				g->files[g->nfiles].lang = w->files[k].lang;
				w->files[k].path = w->files[k].lang = NULL;
				g->nfiles++;
			}
			if (g && kind == HT_GROUP_LINES)
				for (size_t k = i; k < j; k++)
					if (w->files[k].kind == -2 && !g->ids) {
						g->ids = w->files[k].path;
						w->files[k].path = NULL;
					}
		}
		for (size_t k = i; k < j; k++)
			if (w->files[k].kind == -2 && w->files[k].path)
				add_ignored(s, w->files[k].path);
		i = j;
	}
}

ht_status ht_scan_inputs(const char *const *inputs, size_t n, const char *out_dir, ht_scan *s,
			 ht_error *err)
{
	memset(s, 0, sizeof *s);
	walk w;
	memset(&w, 0, sizeof w);
	w.scan = s;
	ht_buf_init(&w.c.name);
	w.has_out = out_dir && stat(out_dir, &w.out_st) == 0;
	size_t exist = 0;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(inputs[i], &st) == 0)
			exist++;
		walk_path(&w, inputs[i], 0, 1);
	}
	group_files(&w, s);
	for (size_t i = 0; i < w.n; i++) {
		free(w.files[i].path);
		free(w.files[i].name);
		free(w.files[i].lang);
	}
	free(w.files);
	free(w.dirs);
	ht_buf_release(&w.c.name);
	if (s->nignored)
		qsort(s->ignored, s->nignored, sizeof *s->ignored, cmp_str);
	if (n && !exist)
		return ht_error_set(err, HT_ERR_IO, "%s: cannot read: %s", inputs[0], strerror(ENOENT));
	return HT_OK;
}

void ht_scan_release(ht_scan *s)
{
	for (size_t i = 0; i < s->n; i++) {
		ht_group *g = &s->groups[i];
		for (size_t k = 0; k < g->nfiles; k++) {
			free(g->files[k].path);
			free(g->files[k].lang);
		}
		free(g->files);
		free(g->name);
		free(g->ids);
	}
	free(s->groups);
	for (size_t i = 0; i < s->nignored; i++)
		free(s->ignored[i]);
	free(s->ignored);
	ht_problems_release(&s->problems);
	memset(s, 0, sizeof *s);
}
