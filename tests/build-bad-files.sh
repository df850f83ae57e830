#!/bin/sh
# Files that cannot be built are reported one by one, on stderr and in the
# report, naming the file; the rest is built; the exit status is 3; an
# unchanged rebuild reports them again.
set -u
. "$HT_SRCDIR/tests/build-lib.sh"
c=$work/corpus
mkdir -p "$c/udhr" "$c/bad"
for l in zh:cmn_hans en:eng; do
	cp "$shared/corpora/udhr/udhr_${l#*:}.xml" "$c/udhr/udhr.${l%%:*}.xml"
done
printf 'GIF89a\001\000\377\376\000\000binary' >"$c/bad/picture.zh.txt"          # not text
printf '12345 67890\n2015 2030\n' >"$c/bad/numbers.txt"                         # no language to tell
printf '第一段。\n' >"$c/bad/twice.zh.txt"; printf '<p>第一段。</p>\n' >"$c/bad/twice.zh.html" # two originals
printf '一\n二\n三\n' >"$c/bad/lines.zh"; printf 'one\ntwo\n' >"$c/bad/lines.en"   # 3 lines against 2
printf 'id\tname\tvalue\na\tb\tc\n' >"$c/bad/nolang.tsv"                        # no language in the header
printf 'key\tzh\ten\nk1\t和平\tpeace\nk2\t只有一格\n' >"$c/bad/short.tsv"        # a row too short
printf 'notes\n' >"$c/bad/README.md"                                            # not an input at all
out=$work/out
"$HUTONG" build "$c" --out "$out" >"$work/s" 2>"$work/e"
rc=$?
[ $rc -eq 3 ] || fail "build with bad files exited $rc, not 3 ($(cat "$work/e"))"
expect() { # FILE MESSAGE: on stderr as "hutong: FILE: ...MESSAGE...", and in the report
	grep -F "hutong: $c/bad/$1: " "$work/e" | grep -qF "$2" || fail "stderr lacks '$1: ...$2': $(cat "$work/e")"
	grep -F "\`$c/bad/$1\`" "$out/report.md" | grep -qF "$2" || fail "report.md lacks '$1: ...$2'"
}
expect picture.zh.txt "invalid UTF-8"
expect numbers.txt "cannot tell its language"
expect twice.zh.html "two originals"
expect twice.zh.txt "two originals"
expect lines.en "2 lines, but"
expect nolang.tsv "1: the header row names no language"
expect short.tsv "3: 2 cells where the header has 3; row left out"
grep -q "README.md" "$work/e" && fail "a file of another kind was reported as a problem"
grep -q "bad/README.md" "$out/report.md" || fail "report.md does not list the file left out"
[ "$(grep -c '^hutong: ' "$work/e")" -eq 8 ] || fail "expected 7 problems and the total: $(cat "$work/e")"
# the rest is built
[ -s "$out/tmx/udhr.tmx" ] || fail "the good document was not built"
grep -q "和平" "$out/tmx/short.tmx" || fail "the good row of short.tsv was not built"
grep -q "<seg>一</seg>" "$out/tmx/lines.tmx" 2>/dev/null && fail "lines.en was used though its length differs"
# nothing changed: the same problems, again
"$HUTONG" build "$c" --out "$out" >"$work/s2" 2>"$work/e2"
rc=$?
[ $rc -eq 3 ] || fail "the unchanged rebuild exited $rc, not 3"
grep -q "(0 built, " "$work/s2" || fail "the unchanged rebuild rebuilt: $(head -1 "$work/s2")"
[ "$(grep -c '^hutong: ' "$work/e2")" -eq 8 ] || fail "the rebuild reported otherwise: $(cat "$work/e2")"
echo "7 bad files reported by name, exit 3, the rest built; reported again by the rebuild"
