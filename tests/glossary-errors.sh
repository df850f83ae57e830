#!/bin/sh
# hutong glossary on bad input: clear messages and exit codes, no crash, and
# -o FILE is never half-written (an existing file is left as it was).
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # WANT_EXIT PATTERN -- ARGS...: run hutong glossary, compare exit code and stderr
	want=$1 pat=$2
	shift 3
	"$HUTONG" glossary "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne "$want" ] || ! grep -q -- "$pat" "$tmp/err"; then
		echo "FAIL: glossary $* -> exit $rc (want $want), stderr: $(cat "$tmp/err")"
		fail=1
	fi
}
cat >"$tmp/good.tsv" <<'TSV'
会员国应当应对气候变化。	Member States should address climate change.
气候变化影响所有会员国。	Climate change affects all Member States.
各会员国讨论了气候变化问题。	The Member States discussed the issue of climate change.
TSV
printf '气候变化\tclimate change\nno tab in this row\n' >"$tmp/notab.tsv"
: >"$tmp/empty.tsv"
cat >"$tmp/zhfr.tmx" <<'TMX'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="zh" datatype="plaintext"/>
<body><tu><tuv xml:lang="zh"><seg>气候变化</seg></tuv><tuv xml:lang="fr"><seg>changements climatiques</seg></tuv></tu></body></tmx>
TMX
head -c 200 "$tmp/zhfr.tmx" >"$tmp/truncated.tmx"
echo KEEP >"$tmp/kept.tsv"

check 3 "notab.tsv:2:" -- --from zh --to en "$tmp/notab.tsv" -o "$tmp/kept.tsv"
check 3 "zhfr.tmx: no 'en' segments (languages: zh, fr)" -- --to en "$tmp/zhfr.tmx" -o "$tmp/kept.tsv"
check 3 "no aligned unit has both a 'zh' and a 'en' segment" -- "$tmp/empty.tsv" -o "$tmp/kept.tsv"
check 3 "truncated.tmx" -- "$tmp/truncated.tmx" -o "$tmp/kept.tsv"
check 4 "missing.tsv" -- "$tmp/missing.tsv" -o "$tmp/kept.tsv"
# a good input after a bad one: still nothing written
check 3 "notab.tsv:2:" -- "$tmp/good.tsv" "$tmp/notab.tsv" -o "$tmp/kept.tsv"
[ "$(cat "$tmp/kept.tsv")" = KEEP ] || { echo "FAIL: -o file changed by a failed run"; fail=1; }
[ "$(ls "$tmp" | wc -l)" -eq 8 ] || { echo "FAIL: stray files: $(ls "$tmp")"; fail=1; }

check 2 "invalid --format 'xls'" -- --format xls "$tmp/good.tsv"
check 2 "invalid --min-freq '0'" -- --min-freq 0 "$tmp/good.tsv"
check 2 "invalid --limit 'x'" -- --limit x "$tmp/good.tsv"
check 2 "no input given" --
check 2 "--suggest needs --dict" -- --suggest "$tmp/good.tsv"
check 2 "both 'zh'" -- --from zh --to zh "$tmp/good.tsv"
check 2 "one document has no aligned version" -- "$HT_SRCDIR/corpora/A_RES_76_295.zh.txt"
check 2 "both documents are in 'zh'" -- "$HT_SRCDIR/corpora/A_RES_76_295.zh.txt" "$HT_SRCDIR/corpora/A_RES_76_295.zh.txt"
check 2 "mix of documents and aligned files" -- "$HT_SRCDIR/corpora/A_RES_76_295.zh.txt" "$tmp/good.tsv"

"$HUTONG" glossary --help >"$tmp/out" 2>/dev/null && grep -q '^usage: hutong glossary' "$tmp/out" ||
	{ echo "FAIL: --help"; fail=1; }
# the good input works, in every format, and -o writes the file
for f in tsv csv tbx tbx3 jsonl; do
	"$HUTONG" glossary --format $f "$tmp/good.tsv" -o "$tmp/g.$f" || { echo "FAIL: format $f"; fail=1; }
done
grep -q '^气候变化	climate change	' "$tmp/g.tsv" || { echo "FAIL: good.tsv: $(cat "$tmp/g.tsv")"; fail=1; }
grep -q '"suggestion":false' "$tmp/g.jsonl" || { echo "FAIL: jsonl: $(cat "$tmp/g.jsonl")"; fail=1; }
if command -v xmllint >/dev/null; then
	xmllint --noout "$tmp/g.tbx" "$tmp/g.tbx3" || { echo "FAIL: TBX not well-formed"; fail=1; }
fi
# a CSV whose quote never closes is an error at the line where it opened,
# not a file swallowed into one field
printf 'zh,en\n"和平,peace\n战争,war\n' >"$tmp/open.csv"
printf '和平\tpeace\n' >"$tmp/ref.tsv"
"$HUTONG" eval glossary "$tmp/ref.tsv" "$tmp/open.csv" 2>"$tmp/err"
test $? -eq 3 || { echo "FAIL: unterminated CSV quote: want exit 3"; fail=1; }
grep -q 'open.csv:2: quoted field never closed' "$tmp/err" || { echo "FAIL: message: $(cat "$tmp/err")"; fail=1; }
exit $fail
