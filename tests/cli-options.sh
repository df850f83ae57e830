#!/bin/sh
# One option table for every subcommand: the same short option for the same
# long one, one wording per kind of mistake, --format taken from -o's name,
# glossaries read from a pipe, misuse caught (the same language on both sides,
# a language that does not exist, a side with no text), --limit 0 for all,
# --quiet, --repair and --encoding wherever text is read.
set -u
: "${HUTONG:?}" "${HT_SRCDIR:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# run WANT_EXIT ARGS...: stdout in $tmp/out, stderr in $tmp/err
run() {
	want=$1
	shift
	"$HUTONG" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq "$want" ] || bad "hutong $* exited $rc, want $want: $(cat "$tmp/err")"
}
err_is() { [ "$(cat "$tmp/err")" = "$1" ] || bad "stderr is '$(cat "$tmp/err")', want '$1'"; }
err_has() { grep -qF -- "$1" "$tmp/err" || bad "stderr lacks '$1': $(cat "$tmp/err")"; }
no_err() { [ ! -s "$tmp/err" ] || bad "unexpected stderr: $(cat "$tmp/err")"; }

seed="$HT_SRCDIR/corpora/A_RES_76_295.zh.txt"
cat >"$tmp/r.zh.txt" <<'ZH'
1. 决定于 2031 年召开第一次审查会议；
2. 请秘书长在 2032 年提交报告；
3. 邀请会员国在 2033 年前提供资料；
ZH
cat >"$tmp/r.en.txt" <<'EN'
1. Decides to convene the first review conference in 2031;
2. Requests the Secretary-General to submit a report in 2032;
3. Invites Member States to provide information before 2033;
EN
cat >"$tmp/pairs.tsv" <<'TSV'
会员国应当应对气候变化。	Member States should address climate change.
气候变化影响所有会员国。	Climate change affects all Member States.
各会员国讨论了气候变化问题。	The Member States discussed the issue of climate change.
TSV

# 1. the same short option for the same long one, in every command that takes it
for spec in "segment -o -l -i -f -q" "align -o -i -f -d -q" "terms -o -l -i -f -d -n -m -q" \
	"glossary -o -i -f -d -n -m -j -q"; do
	set -- $spec
	cmd=$1
	shift
	for opt in "$@"; do
		"$HUTONG" $cmd $opt 2>"$tmp/err" >/dev/null
		grep -q "unknown option" "$tmp/err" && bad "$cmd does not take $opt"
	done
done

# 2. one wording per mistake, whatever the command
for cmd in segment align terms glossary "eval align" "eval sentences" "eval glossary"; do
	run 2 $cmd --bogus x
	top=${cmd%% *}
	err_is "hutong: $cmd: unknown option '--bogus' (see 'hutong help $top')"
done
for cmd in segment align terms glossary; do
	run 2 $cmd x --format
	err_is "hutong: $cmd: option '--format' needs a value (see 'hutong help $cmd')"
	run 2 $cmd -o
	err_is "hutong: $cmd: option '--output' needs a value (see 'hutong help $cmd')"
	run 2 $cmd -f nope x
	err_has "hutong: $cmd: invalid --format 'nope' (want "
	run 2 $cmd -i nope x
	err_has "hutong: $cmd: invalid --input 'nope' (want auto, pdftext, html, lines"
done
for cmd in terms glossary; do
	run 2 $cmd --limit x "$seed"
	err_is "hutong: $cmd: invalid --limit 'x' (want a whole number; 0: all) (see 'hutong help $cmd')"
	run 2 $cmd --limit -3 "$seed"
	err_has "invalid --limit '-3'"
	run 2 $cmd -m 0 "$seed"
	err_is "hutong: $cmd: invalid --min-freq '0' (want a whole number >= 1) (see 'hutong help $cmd')"
done

# 3. languages: a tag that is no tag, a language that does not exist, the same on both sides
run 2 segment --lang zz "$seed"
err_has "hutong: segment: invalid --lang 'zz' (not a known language"
run 2 terms -l 'zh_CN!' "$seed"
err_has "hutong: terms: invalid --lang 'zh-CN!' (not a BCP 47 language tag"
run 2 align --from zh --to qq "$tmp/r.zh.txt" "$tmp/r.en.txt"
err_has "invalid --to 'qq'"
run 0 segment --lang zh_CN "$seed" # an underscore is read as a hyphen
grep -q '"lang":"zh-CN"' "$tmp/out" || bad "--lang zh_CN: $(tail -1 "$tmp/out")"
run 0 segment --lang fil -i lines "$tmp/r.en.txt" # three-letter ISO 639 codes exist
for cmd in align glossary; do
	run 2 $cmd --from zh --to zh "$tmp/r.zh.txt" "$tmp/r.en.txt"
	err_is "hutong: $cmd: --from and --to are both 'zh' (see 'hutong help $cmd')"
done
run 2 align -i lines "$tmp/r.zh.txt" "$tmp/r.zh.txt"
err_has "are both 'zh'"
run 0 align --from zh-Hans --to zh-Hant -i lines -f beads "$tmp/r.zh.txt" "$tmp/r.zh.txt"

# 4. a side with no text
run 2 align --from zh --to en "$tmp/r.zh.txt" /dev/null
err_is "hutong: /dev/null: no text to align"
: >"$tmp/empty.en.txt"
run 2 align "$tmp/empty.en.txt" "$tmp/r.zh.txt"
err_is "hutong: $tmp/empty.en.txt: no text to align"

# 5. --format from -o's name; a name for a format the command does not write is misuse
run 0 align -i lines -o "$tmp/a.tmx" "$tmp/r.zh.txt" "$tmp/r.en.txt"
grep -q '<tmx version="1.4">' "$tmp/a.tmx" || bad "align -o a.tmx is not a TMX"
run 0 align -i lines -o "$tmp/a.jsonl" "$tmp/r.zh.txt" "$tmp/r.en.txt"
head -c1 "$tmp/a.jsonl" | grep -q '{' || bad "align -o a.jsonl is not JSONL"
run 0 align -i lines -o "$tmp/a.align" "$tmp/r.zh.txt" "$tmp/r.en.txt"
grep -qx '\[0\]:\[0\]' "$tmp/a.align" || bad "align -o a.align: $(head -2 "$tmp/a.align")"
run 0 align -i lines -o "$tmp/a.txt" "$tmp/r.zh.txt" "$tmp/r.en.txt"
[ "$(awk -F'\t' 'NF == 3' "$tmp/a.txt" | wc -l)" -eq 3 ] || bad "align -o a.txt: not the TSV default"
run 2 align -i lines -o "$tmp/a.tbx" "$tmp/r.zh.txt" "$tmp/r.en.txt"
err_is "hutong: align: -o $tmp/a.tbx: align does not write tbx (--format beads, tsv, tmx or jsonl) (see 'hutong help align')"
[ ! -e "$tmp/a.tbx" ] || bad "a refused run wrote $tmp/a.tbx"
run 0 align -i lines -f tsv -o "$tmp/b.tmx" "$tmp/r.zh.txt" "$tmp/r.en.txt"
err_has "b.tmx: writing tsv (--format) under a name that says tmx"
run 2 segment "$seed" -o "$tmp/s.tmx"
run 0 terms "$seed" -n 3 -o "$tmp/t.jsonl"
[ "$(grep -c '^{"rank":' "$tmp/t.jsonl")" -eq 3 ] || bad "terms -o t.jsonl: $(cat "$tmp/t.jsonl")"
run 0 glossary "$tmp/pairs.tsv" -o "$tmp/g.tbx"
grep -q '<martif' "$tmp/g.tbx" || bad "glossary -o g.tbx is not TBX"
no_err
run 0 glossary "$tmp/pairs.tsv" -o "$tmp/g.csv"
head -1 "$tmp/g.csv" | grep -q '^zh,en,frequency' || bad "glossary -o g.csv is not CSV"
run 0 glossary "$tmp/pairs.tsv" -o "$tmp/g.jsonl"
grep -q '"suggestion":false' "$tmp/g.jsonl" || bad "glossary -o g.jsonl is not JSONL"
for name in g.utf8 g.txt; do
	run 0 glossary "$tmp/pairs.tsv" -o "$tmp/$name"
	grep -q '^气候变化	climate change	' "$tmp/$name" || bad "glossary -o $name is not TSV"
	no_err
done

# 6. OmegaT loads glossaries by name: say so when it will not load this one
run 0 glossary "$tmp/pairs.tsv" -o "$tmp/g.tsv"
err_is "hutong: warning: $tmp/g.tsv: OmegaT will not load this glossary: it loads tab-separated glossaries named .utf8, .txt or .tab"
run 0 glossary -f csv "$tmp/pairs.tsv" -o "$tmp/g2.txt"
err_has "OmegaT will not load this glossary: it loads CSV glossaries named .csv"
run 0 glossary -f tbx3 "$tmp/pairs.tsv" -o "$tmp/g3.xml" # TBX v3 is not for OmegaT 3.6
no_err
run 0 glossary -q "$tmp/pairs.tsv" -o "$tmp/g.tsv"
no_err

# 7. glossary reads a pipe: TSV and TMX told apart by their content
"$HUTONG" align -i lines -f tsv "$tmp/r.zh.txt" "$tmp/r.en.txt" >"$tmp/a.tsv"
"$HUTONG" glossary - <"$tmp/pairs.tsv" >"$tmp/p.out" 2>"$tmp/err" || bad "TSV through a pipe: $(cat "$tmp/err")"
"$HUTONG" glossary "$tmp/pairs.tsv" >"$tmp/f.out"
# the same entries; the example's document is "-"
sed 's/; e\.g\. .*//' "$tmp/p.out" >"$tmp/p.cut"
sed 's/; e\.g\. .*//' "$tmp/f.out" >"$tmp/f.cut"
[ -s "$tmp/p.cut" ] && cmp -s "$tmp/p.cut" "$tmp/f.cut" || bad "a piped TSV gives another glossary: $(cat "$tmp/p.out")"
"$HUTONG" align -i lines "$tmp/r.zh.txt" "$tmp/r.en.txt" -f tsv | "$HUTONG" glossary -m 1 - >"$tmp/out" 2>"$tmp/err" ||
	bad "align | glossary -: $(cat "$tmp/err")"
grep -q '	' "$tmp/out" || bad "align | glossary - gave nothing"
"$HUTONG" align -i lines "$tmp/r.zh.txt" "$tmp/r.en.txt" -f tmx | "$HUTONG" glossary -m 1 - >"$tmp/out2" 2>"$tmp/err" ||
	bad "align -f tmx | glossary -: $(cat "$tmp/err")"
grep -q '	' "$tmp/out2" || bad "TMX through a pipe gave nothing"
cp "$tmp/pairs.tsv" "$tmp/pairs.txt" # unit pairs under another name: by their content
run 0 glossary "$tmp/pairs.txt"
sed 's/; e\.g\. .*//' "$tmp/out" | cmp -s - "$tmp/f.cut" || bad "pairs.txt not read as unit pairs"
run 0 glossary --input tsv "$tmp/pairs.txt"
run 2 glossary - -
err_has "'-' (stdin) can be read once"

# 8. --limit 0 means all, in every command that has --limit
"$HUTONG" terms "$seed" -n 0 >"$tmp/all" && "$HUTONG" terms "$seed" -n 100000 >"$tmp/many" &&
	cmp -s "$tmp/all" "$tmp/many" && [ "$(wc -l <"$tmp/all")" -gt 50 ] || bad "terms --limit 0 is not all"
"$HUTONG" glossary --limit 0 "$tmp/pairs.tsv" >"$tmp/all" && "$HUTONG" glossary "$tmp/pairs.tsv" >"$tmp/dflt" &&
	cmp -s "$tmp/all" "$tmp/dflt" || bad "glossary --limit 0 is not all"

# 9. --quiet silences notes and warnings, not errors
run 0 segment "$tmp/r.en.txt"
err_has "read as"
run 0 segment -q "$tmp/r.en.txt"
no_err
run 0 align -q -i lines -f tsv -o "$tmp/q.tmx" "$tmp/r.zh.txt" "$tmp/r.en.txt"
no_err
run 2 segment -q --bogus
err_has "unknown option"

# 10. --repair and --encoding wherever text is read
printf '1. Decides to convene \377 a conference;\n2. Requests a report;\n3. Invites States;\n' >"$tmp/bad.en.txt"
for cmd in "segment" "terms --lang en" "align -i lines --from en --to zh"; do
	set -- $cmd
	if [ "$1" = align ]; then files="$tmp/bad.en.txt $tmp/r.zh.txt"; else files="$tmp/bad.en.txt"; fi
	run 3 $cmd $files
	err_has "bad.en.txt: byte 22: invalid UTF-8"
	run 0 $cmd --repair $files
	err_has "bad.en.txt: repaired 1 invalid UTF-8 byte (now U+FFFD)"
done
printf '会员国应当应对气候变化。\t\377Member States should address climate change.\n' >"$tmp/bad.tsv"
cat "$tmp/pairs.tsv" >>"$tmp/bad.tsv"
run 3 glossary "$tmp/bad.tsv"
run 0 glossary --repair "$tmp/bad.tsv"
err_has "repaired 1 invalid UTF-8 byte"
if command -v iconv >/dev/null && iconv -f UTF-8 -t GB18030 "$seed" >"$tmp/seed.gb.txt" 2>/dev/null; then
	"$HUTONG" segment -q "$seed" | sed 's/"document":"[^"]*"//' >"$tmp/utf8.jsonl"
	"$HUTONG" segment -q --lang zh --encoding GB18030 "$tmp/seed.gb.txt" | sed 's/"document":"[^"]*"//;s/"lang_source":"option"/"lang_source":"file name"/' >"$tmp/gb.jsonl"
	cmp -s "$tmp/utf8.jsonl" "$tmp/gb.jsonl" || bad "GB18030 input segments differently from UTF-8"
	iconv -f UTF-8 -t GB18030 "$tmp/pairs.tsv" >"$tmp/pairs.gb.tsv"
	"$HUTONG" glossary --encoding gb18030 "$tmp/pairs.gb.tsv" | sed 's/; e\.g\. .*//' |
		cmp -s - "$tmp/f.cut" || bad "glossary --encoding gb18030"
	printf '\201\060\n' >>"$tmp/seed.gb.txt" # a four-byte sequence cut off
	run 3 segment --encoding GB18030 "$tmp/seed.gb.txt"
	err_has "seed.gb.txt: byte "
	err_has ": invalid GB18030"
	run 0 segment --repair --encoding GB18030 "$tmp/seed.gb.txt"
	err_has "repaired 1 invalid GB18030 sequence"
else
	echo "iconv cannot write GB18030: --encoding not tested"
fi
run 2 segment --encoding no-such-thing "$seed"
err_has "hutong: segment: invalid --encoding 'no-such-thing' (not an encoding ICU knows"

exit $fail
