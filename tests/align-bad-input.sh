#!/bin/sh
# hutong align on bad input: each case gives a clear message and the right
# exit code, or a correct alignment with a warning; never a crash or a hang,
# and never a half-written output file.
set -u
: "${HUTONG:?}" "${HT_SRCDIR:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# run EXPECTED_RC ARGS...: stdout in $tmp/out, stderr in $tmp/err
run() {
	want=$1
	shift
	"$HUTONG" align "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq "$want" ] || bad "align $* exited $rc, want $want: $(cat "$tmp/err")"
	[ "$rc" -lt 128 ] || bad "align $* crashed"
}
has_err() { grep -q -- "$1" "$tmp/err" || bad "stderr lacks '$1': $(cat "$tmp/err")"; }

printf 'First sentence.\nSecond sentence.\nThird one.\n' >"$tmp/a.en.txt"
printf 'Première phrase.\nDeuxième phrase.\nTroisième.\n' >"$tmp/a.fr.txt"
: >"$tmp/empty.fr.txt"

# one side empty (an empty file, /dev/null): misuse, said so, nothing written
run 2 --input lines --format beads "$tmp/a.en.txt" "$tmp/empty.fr.txt"
has_err "empty.fr.txt: no text to align"
[ ! -s "$tmp/out" ] || bad "empty side gave output: $(cat "$tmp/out")"
run 2 --input lines --from en --to fr "$tmp/a.en.txt" /dev/null
has_err "/dev/null: no text to align"
run 2 --input lines --format beads "$tmp/empty.fr.txt" "$tmp/empty.fr.txt"
# the same language on both sides, given or found, is misuse
run 2 --input lines --from en --to EN "$tmp/a.en.txt" "$tmp/a.fr.txt"
has_err "--from and --to are both 'en'"
run 2 --input lines "$tmp/a.en.txt" "$tmp/a.en.txt"
has_err "are both 'en'"
# a language that does not exist is misuse
run 2 --input lines --from zz --to fr "$tmp/a.en.txt" "$tmp/a.fr.txt"
has_err "invalid --from 'zz'"

# blank lines in lines mode are skipped, and said so (bead indices count the other lines)
printf 'First.\n\nSecond.\n' >"$tmp/blank.en.txt"
run 0 --input lines --format beads "$tmp/blank.en.txt" "$tmp/a.fr.txt"
has_err "blank.en.txt: 1 blank lines skipped"

# files of very different length: aligned (every unit once) with a warning
i=0
while [ $i -lt 60 ]; do echo "Sentence number $i of a long text."; i=$((i + 1)); done >"$tmp/long.en.txt"
run 0 --input lines --format beads "$tmp/long.en.txt" "$tmp/a.fr.txt"
has_err "are they versions of the same text"
src=$(sed -n 's/^\[\([0-9,]*\)\]:.*/\1/p' "$tmp/out" | tr ',' '\n' | grep -c .)
tgt=$(sed -n 's/.*:\[\([0-9,]*\)\]$/\1/p' "$tmp/out" | tr ',' '\n' | grep -c .)
[ "$src" -eq 60 ] && [ "$tgt" -eq 3 ] || bad "long/short covered $src/60 and $tgt/3 units"

# invalid UTF-8: exit 3 naming the file and the byte
printf 'Good line.\nBad \377 byte.\n' >"$tmp/bad.fr.txt"
run 3 --input lines "$tmp/a.en.txt" "$tmp/bad.fr.txt"
has_err "bad.fr.txt: byte 15: invalid UTF-8"
# binary input (a NUL byte) too
printf 'abc\000def\n' >"$tmp/bin.fr.txt"
run 3 --input lines "$tmp/a.en.txt" "$tmp/bin.fr.txt"
has_err "bin.fr.txt: byte 3"

# control characters: kept in TSV, left out of the TMX (XML cannot carry them), said so
printf 'First\001 sentence.\nSecond sentence.\nThird one.\n' >"$tmp/ctl.en.txt"
run 0 --input lines --dict none --format tsv "$tmp/ctl.en.txt" "$tmp/a.fr.txt"
[ ! -s "$tmp/err" ] || bad "TSV with a control character warned: $(cat "$tmp/err")"
grep -q "$(printf 'First\001 sentence')" "$tmp/out" || bad "TSV lost the control character"
run 0 --input lines --format tmx "$tmp/ctl.en.txt" "$tmp/a.fr.txt"
has_err "1 characters that XML does not allow"
grep -q '<seg>First sentence.</seg>' "$tmp/out" || bad "TMX segment: $(grep -m1 '<seg>' "$tmp/out")"
run 0 --pivot en --input lines --format tmx "$tmp/ctl.en.txt" "$tmp/a.fr.txt"
has_err "1 characters that XML does not allow"

# a wrong --from: the alignment is made, with a warning if the text says otherwise
zh="$HT_SRCDIR/corpora/A_RES_76_295.zh.txt"
run 0 --input lines --from en --to fr --format beads "$zh" "$tmp/a.fr.txt"
has_err "looks like 'zh', not 'en'"
# a --from that is no language tag at all is misuse
run 2 --from 'zh_CN!' --to en "$tmp/a.en.txt" "$tmp/a.fr.txt"
has_err "not a BCP 47 language tag"
# languages other than the six are handled generically, and German is not
# taken for one of the six (the language guess only knows those)
printf '%s\n' 'Die Wand ist etwa 600 m hoch und wurde im Jahr 1988 zum ersten Mal durchstiegen.' \
	'Es ist noch dunkel, als wir die Hütte verlassen.' \
	'Der Weg zum Einstieg ist lang, aber nicht schwierig.' >"$tmp/a.de.txt"
run 0 --input lines --dict none --from de --to hu --format beads "$tmp/a.de.txt" "$tmp/a.en.txt"
[ "$(wc -l <"$tmp/out")" -eq 3 ] || bad "de-hu: $(cat "$tmp/out")"
[ ! -s "$tmp/err" ] || bad "German text given as de warned: $(cat "$tmp/err")"

# misuse: exit 2 with one line
run 2 "$tmp/a.en.txt"
run 2 --format xml "$tmp/a.en.txt" "$tmp/a.fr.txt"
run 2 --level word "$tmp/a.en.txt" "$tmp/a.fr.txt"
run 2 --input pdf "$tmp/a.en.txt" "$tmp/a.fr.txt"
run 2 --bogus "$tmp/a.en.txt" "$tmp/a.fr.txt"
[ "$(wc -l <"$tmp/err")" -eq 1 ] || bad "misuse message is not one line"
run 2 --pivot zh "$tmp/a.en.txt" "$tmp/a.fr.txt"
has_err "none of the files is in 'zh'"
run 2 --pivot en --format beads "$tmp/a.en.txt" "$tmp/a.fr.txt"

# I/O: a missing input, an output (TMX) that cannot be written, a missing dictionary
run 4 --input lines "$tmp/none.en.txt" "$tmp/a.fr.txt"
has_err "none.en.txt"
run 4 --input lines --format tmx -o "$tmp/no/such/dir/out.tmx" "$tmp/a.en.txt" "$tmp/a.fr.txt"
has_err "out.tmx"
run 4 --input lines --dict "$tmp/none.dict" "$tmp/a.en.txt" "$tmp/a.fr.txt"
has_err "none.dict"
# dictionaries: a file that is none (exit 3, "FILE: not a dictionary"), a
# FreeDict package that is not installed (exit 4, naming the Debian package),
# and --dict auto saying which dictionary serves the pair
printf 'just some prose\nwithout a tab\n' >"$tmp/prose.txt"
run 3 --input lines --dict "$tmp/prose.txt" "$tmp/a.en.txt" "$tmp/a.fr.txt"
has_err "prose.txt: not a dictionary"
run 3 --input lines --dict "$HUTONG" "$tmp/a.en.txt" "$tmp/a.fr.txt"
has_err "not a dictionary"
run 4 --input lines --dict eng-yo --from en --to yo "$tmp/a.en.txt" "$tmp/a.fr.txt"
has_err "apt-get install dict-freedict-eng-yo"
run 4 --input lines --dict freedict --from en --to yo "$tmp/a.en.txt" "$tmp/a.fr.txt"
has_err "dict-freedict-eng-yo"
run 0 --input lines --from en --to yo "$tmp/a.en.txt" "$tmp/a.fr.txt"
has_err "en-yo: no installed dictionary serves the pair"
# a failed run leaves no output file behind
"$HUTONG" align --input lines -o "$tmp/o.tsv" "$tmp/a.en.txt" "$tmp/bad.fr.txt" 2>/dev/null
[ ! -e "$tmp/o.tsv" ] || bad "a failed run left $tmp/o.tsv"
ls "$tmp" | grep -q 'tmp-' && bad "a temporary file was left behind"

exit $fail
