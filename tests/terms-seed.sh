#!/bin/sh
# `hutong terms` on the seed resolution (corpora/A_RES_76_295.zh.txt): the
# targets rank, no fragment reaches the top 30; output formats and errors.
set -u
: "${HUTONG:?}" "${HT_SRCDIR:?}"
seed="$HT_SRCDIR/corpora/A_RES_76_295.zh.txt"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
die() { echo "FAIL: $*"; fail=1; }

"$HUTONG" terms "$seed" --limit 30 >"$tmp/top30" || die "terms exited $?"
test "$(wc -l <"$tmp/top30")" -eq 30 || die "expected 30 lines"
cut -f1 "$tmp/top30" >"$tmp/terms"
rank() { grep -nx -- "$1" "$tmp/terms" | cut -d: -f1; }

r=$(rank 互联互通); test -n "$r" && test "$r" -le 3 || die "互联互通 ranks '${r:-absent}', not in the top 3"
r=$(rank 内陆发展中国家); test -n "$r" && test "$r" -le 20 || die "内陆发展中国家 ranks '${r:-absent}', not in the top 20"
r=$(rank 可持续发展); test -n "$r" || die "可持续发展 not in the top 30"
# fragments (not closed, cut words, function characters at an edge,
# coordinations, resolution verbs, frames)
for f in 联互通 互联互 可持续发 持续发展 和可持续 的互联互通 亚和南亚 中亚和南亚 社会和环境 \
	加强 加强互联互通 实现可持续发展 促进 方面 之间 重要性 性别平 展中国家 陆发展中国家 \
	发展中国 年可持续发展 联合国全球可 南亚之间; do
	grep -qx -- "$f" "$tmp/terms" && die "fragment $f is in the top 30"
done
# every line: term, frequency, score, document, unit
awk -F'\t' 'NF != 5 || $2 !~ /^[0-9]+$/ || $3 !~ /^[0-9.]+$/ || $5 !~ /^p[0-9]+$/ { bad = 1 } END { exit bad }' \
	"$tmp/top30" || die "malformed TSV line"

# JSONL and an output file
"$HUTONG" terms "$seed" --format jsonl --limit 5 -o "$tmp/out.jsonl" || die "jsonl run failed"
test "$(wc -l <"$tmp/out.jsonl")" -eq 5 || die "expected 5 JSONL lines"
grep -q '^{"rank":1,"term":"[^"]*","key":"[^"]*","length":[0-9]*,"freq":[0-9]*,"units":[0-9]*,"score":[0-9.]*,"example":{"doc":"[^"]*","unit":"p[0-9]*"}}$' \
	"$tmp/out.jsonl" || die "unexpected JSONL: $(head -1 "$tmp/out.jsonl")"

# --lang and --min-freq; lines input
printf '互联互通\n互联互通和可持续发展\n可持续发展\n' >"$tmp/l.txt"
"$HUTONG" terms --lang zh --input lines --min-freq 2 "$tmp/l.txt" >"$tmp/l.out" || die "lines run failed"
grep -q '^互联互通	2	' "$tmp/l.out" || die "lines: 互联互通 not counted twice: $(cat "$tmp/l.out")"
"$HUTONG" terms --lang zh --input lines --min-freq 3 "$tmp/l.txt" >"$tmp/l3.out" || die "min-freq run failed"
test ! -s "$tmp/l3.out" || die "--min-freq 3 kept candidates"

# errors: misuse 2, bad data 3, I/O 4, help 0
"$HUTONG" terms --help >"$tmp/help" 2>&1; test $? -eq 0 && grep -q '^usage: hutong terms' "$tmp/help" || die "--help"
"$HUTONG" terms 2>/dev/null; test $? -eq 2 || die "no file: want exit 2"
"$HUTONG" terms --limit x "$seed" 2>/dev/null; test $? -eq 2 || die "--limit x: want exit 2"
"$HUTONG" terms --min-freq 0 "$seed" 2>/dev/null; test $? -eq 2 || die "--min-freq 0: want exit 2"
"$HUTONG" terms --format xml "$seed" 2>/dev/null; test $? -eq 2 || die "--format xml: want exit 2"
"$HUTONG" terms --input nope "$seed" 2>/dev/null; test $? -eq 2 || die "--input nope: want exit 2"
"$HUTONG" terms --bogus "$seed" 2>/dev/null; test $? -eq 2 || die "--bogus: want exit 2"
printf 'abc\377def\n' >"$tmp/bad.en.txt"
"$HUTONG" terms "$tmp/bad.en.txt" 2>"$tmp/err"; test $? -eq 3 || die "invalid UTF-8: want exit 3"
grep -q 'byte 3' "$tmp/err" || die "invalid UTF-8 message: $(cat "$tmp/err")"
"$HUTONG" terms "$tmp/missing.zh.txt" 2>/dev/null; test $? -eq 4 || die "missing file: want exit 4"
"$HUTONG" terms --dict "$tmp/missing.u8" "$seed" 2>/dev/null; test $? -eq 4 || die "missing dictionary: want exit 4"

printf 'key\ten\nx\tclimate change\n' >"$tmp/t.tsv"
"$HUTONG" terms --lang ru "$tmp/t.tsv" 2>"$tmp/err"; test $? -eq 3 || die "TSV without the column: want exit 3"
grep -q 't.tsv:1: ' "$tmp/err" || die "TSV message: $(cat "$tmp/err")"
"$HUTONG" terms "$tmp/t.tsv" 2>/dev/null; test $? -eq 2 || die "TSV without --lang: want exit 2"
"$HUTONG" terms --lang en --min-freq 1 "$tmp/t.tsv" >"$tmp/t.out" || die "TSV run failed"
grep -q '^climate change	1	[0-9.]*	.*t.tsv	x$' "$tmp/t.out" || die "TSV: $(cat "$tmp/t.out")"
: >"$tmp/empty.en.txt"
"$HUTONG" terms "$tmp/empty.en.txt" >"$tmp/empty.out"; test $? -eq 0 && test ! -s "$tmp/empty.out" || die "empty file"
exit $fail
