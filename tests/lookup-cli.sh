#!/bin/sh
# hutong lookup on a built corpus: from either side, case and diacritics
# folded, the query and its equivalents marked, near matches for a typo,
# --to, --queries, and the exit status of every outcome.
set -u
. "$HT_SRCDIR/tests/build-lib.sh"
make_corpus "$work/corpus"
"$HUTONG" build "$work/corpus" --out "$work/out" >/dev/null 2>&1 || fail "build failed"
db=$work/out/hutong.db
q() { "$HUTONG" lookup --db "$db" --format json "$@" >"$work/q.json"; }
# marked(TEXT): the marked pieces, lower case
cat >"$work/lib.py" <<'PY'
def marked(t):
    return [t['text'][a:b].lower() for a, b in t['marks']]
def aligned(h, lang):
    return ([a for a in h['aligned'] if a['lang'] == lang] or [{'text': '', 'marks': []}])[0]
PY
pyl() { PYTHONPATH=$work python3 -c "import json,sys
from lib import *
r=json.load(open(sys.argv[1]))
$1" "$work/q.json"; }

# Chinese -> the English equivalent marked in the aligned unit
q 可持续发展 || fail "lookup 可持续发展 exited $?"
pyl "
assert r['lang'] == 'zh' and r['match'] == 'exact'
ok = [h for h in r['concordance'] if '可持续发展' in marked(h['text'])
      and 'sustainable development' in marked(aligned(h, 'en'))]
assert len(ok) >= 3, r['concordance'][:2]" || fail "可持续发展: $(head -c 800 "$work/q.json")"

# English -> the Chinese equivalent marked
q sustainable development || fail "lookup 'sustainable development' exited $?"
pyl "
e = r['entries'][0]
assert e['match'] == 'exact' and e['terms'][0] == {'lang': 'zh', 'term': '可持续发展'}, e
ok = [h for h in r['concordance'] if h['text']['lang'] == 'en'
      and 'sustainable development' in marked(h['text']) and '可持续发展' in marked(aligned(h, 'zh'))]
assert ok, r['concordance'][:2]" || fail "sustainable development: $(head -c 800 "$work/q.json")"

# French without its accents and capitals
q developpement DURABLE || fail "lookup 'developpement DURABLE' exited $?"
pyl "
hits = [h for h in r['concordance'] if h['text']['lang'] == 'fr']
assert hits and all('développement durable' in marked(h['text']) for h in hits), r['concordance'][:1]" ||
	fail "developpement DURABLE: $(head -c 800 "$work/q.json")"

# a typo: the nearest term, its similarity, its concordance
q "sustainable developmnet" || fail "lookup of a typo exited $?"
pyl "
assert r['match'] == 'near' and r['effective'].lower() == 'sustainable development', r['effective']
assert 0.9 <= r['similarity'] < 1 and r['near'][0]['similarity'] == r['similarity']
assert r['concordance'] and 'sustainable development' in marked(r['concordance'][0]['text'])" ||
	fail "sustainable developmnet: $(head -c 800 "$work/q.json")"
sim=$(pyl "print(round(r['similarity'] * 100))")

# --to keeps one language beside the query's
q --to fr 人权 || fail "lookup --to fr exited $?"
pyl "
assert r['concordance'] and all([a['lang'] for a in h['aligned']] == ['fr'] for h in r['concordance'])" ||
	fail "--to fr: $(head -c 600 "$work/q.json")"

# --queries: one JSON line per query, blank lines skipped
printf '可持续发展\n\nhuman rights\nqqqxxzzq\n' >"$work/queries"
"$HUTONG" lookup --db "$db" --format json --queries "$work/queries" >"$work/many" || fail "--queries exited $?"
[ "$(wc -l <"$work/many")" -eq 3 ] || fail "--queries gave $(wc -l <"$work/many") lines for 3 queries"
python3 -c "import json,sys; [json.loads(l) for l in open(sys.argv[1])]" "$work/many" || fail "--queries: not JSON lines"

# text: plain when stdout is not a terminal
"$HUTONG" lookup --db "$db" 可持续发展 >"$work/text" || fail "text lookup exited $?"
grep -q "Concordance (" "$work/text" || fail "text output: $(head -5 "$work/text")"
grep -q "$(printf '\033')" "$work/text" && fail "colour codes in output that is not a terminal"

# exit status
"$HUTONG" lookup --db "$db" qqqxxzzq >/dev/null; [ $? -eq 1 ] || fail "nothing found should exit 1"
"$HUTONG" lookup --db "$db" "$(printf 'ab\377cd')" >/dev/null 2>"$work/e"; rc=$?
[ $rc -eq 3 ] && grep -q "invalid UTF-8" "$work/e" || fail "invalid UTF-8 query: exit $rc, $(cat "$work/e")"
"$HUTONG" lookup --db "$work/none.db" x >/dev/null 2>"$work/e"; rc=$?
[ $rc -eq 4 ] && grep -q "none.db: cannot open the store" "$work/e" || fail "missing store: exit $rc, $(cat "$work/e")"
printf 'not a database, just text that is long enough to be read as one\n' >"$work/text.db"
"$HUTONG" lookup --db "$work/text.db" x >/dev/null 2>"$work/e"; rc=$?
[ $rc -eq 3 ] && grep -q "not a hutong store" "$work/e" || fail "a text file as store: exit $rc, $(cat "$work/e")"
"$HUTONG" lookup --db "$db" >/dev/null 2>&1; [ $? -eq 2 ] || fail "no query should be misuse (2)"
echo "both sides, folded, marked; 'sustainable developmnet' -> sustainable development ($sim %); exit statuses right"
