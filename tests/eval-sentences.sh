#!/bin/sh
# hutong eval sentences: the splitter must recover the UNPC devset's sentence
# boundaries with F1 >= 0.97 in each of the six languages; and the command's
# error paths.  Skipped when ../shared is absent.
set -u
: "${HUTONG:?}" "${HT_SRCDIR:?}"
devset="$HT_SRCDIR/../shared/corpora/unpc-devset"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# misuse and bad data, which need no devset
"$HUTONG" eval sentences --lang xx "$tmp" 2>"$tmp/err"; [ $? -eq 2 ] || fail "unknown language: exit 2"
grep -q "invalid --lang 'xx' (the devset has" "$tmp/err" || fail "unknown language message"
"$HUTONG" eval sentences --bogus 2>/dev/null; [ $? -eq 2 ] || fail "bad option: exit 2"
"$HUTONG" eval sentences "$tmp/a" "$tmp/b" 2>/dev/null; [ $? -eq 2 ] || fail "two dirs: exit 2"
"$HUTONG" eval sentences "$tmp/none" 2>"$tmp/err"; [ $? -eq 4 ] || fail "missing dir: exit 4"
"$HUTONG" eval sentences --help | grep -q "eval sentences" || fail "--help"
printf '2015/a/1 ar:1:1 en:1:1 es:1:1 fr:1:1 ru:1:1 zh:1:1\n2015/a/1 ar:1:2 en:1\n' >"$tmp/UNv1.0.devset.ids"
"$HUTONG" eval sentences --lang en "$tmp" 2>"$tmp/err"; [ $? -eq 3 ] || fail "bad ids: exit 3"
grep -q "UNv1.0.devset.ids:2: " "$tmp/err" || fail "bad ids message names the line: $(cat "$tmp/err")"
printf '2015/a/1 ar:1:1 en:1:1 es:1:1 fr:1:1 ru:1:1 zh:1:1\n2015/a/1 ar:1:2 en:1:2 es:1:2 fr:1:2 ru:1:2 zh:1:2\n' >"$tmp/UNv1.0.devset.ids"
printf 'Mr. Smith spoke.\nThe Committee agreed.\n' >"$tmp/UNv1.0.devset.en"
"$HUTONG" eval sentences --lang en --json "$tmp" >"$tmp/out" || fail "small devset"
grep -q '"lang":"en","groups":1,"sentences":2,"gold":1,"predicted":1,"hits":1' "$tmp/out" ||
	fail "small devset counts: $(cat "$tmp/out")"
printf 'Only one line.\n' >"$tmp/UNv1.0.devset.en"
"$HUTONG" eval sentences --lang en "$tmp" 2>"$tmp/err"; [ $? -eq 3 ] || fail "line count mismatch: exit 3"

if [ ! -f "$devset/UNv1.0.devset.ids" ]; then
	echo "SKIP: $devset is absent"
	exit 77
fi
"$HUTONG" eval sentences --json >"$tmp/out" || fail "eval sentences exited $?"
cat "$tmp/out"
for lang in ar en es fr ru zh; do
	f1=$(sed -n "s/.*\"lang\":\"$lang\"[^}]*\"f1\":\([0-9.]*\)}.*/\1/p" "$tmp/out")
	[ -n "$f1" ] || fail "no F1 for $lang"
	awk -v f="$f1" 'BEGIN { exit !(f >= 0.97) }' || fail "$lang: F1 $f1 < 0.97"
done
"$HUTONG" eval sentences --lang zh --lang en >"$tmp/table" || fail "table"
[ "$(wc -l <"$tmp/table")" -eq 3 ] || fail "table of two languages: $(cat "$tmp/table")"
echo "PASS: F1 >= 0.97 in all six languages"
