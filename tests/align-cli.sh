#!/bin/sh
# hutong align end to end: the seed document against itself (every unit
# with itself), a resolution-shaped zh/en pair whose numbering restarts in
# every section and whose English has a paragraph the Chinese lacks, the
# output formats, ids carried through, and atomic -o.
set -u
: "${HUTONG:?}" "${HT_SRCDIR:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

"$HUTONG" align --help >"$tmp/help" || bad "--help exit $?"
grep -q -- "--pivot" "$tmp/help" || bad "--help lacks --pivot"

# 1. the seed against itself: a diagonal at both levels (two regional tags:
# the same tag on both sides is taken for a mistake)
seed="$HT_SRCDIR/corpora/A_RES_76_295.zh.txt"
for level in paragraph sentence; do
	"$HUTONG" align --from zh-CN --to zh-SG --level $level --format beads "$seed" "$seed" >"$tmp/self" 2>"$tmp/err" ||
		bad "seed/seed $level: $(cat "$tmp/err")"
	n=$(wc -l <"$tmp/self")
	off=$(awk -F'[][]' '$2 != $4' "$tmp/self" | wc -l)
	[ "$n" -ge 20 ] && [ "$off" -eq 0 ] || bad "seed/seed $level: $n beads, $off off the diagonal"
done
"$HUTONG" align --from zh-CN --to zh-SG --level sentence --format jsonl "$seed" "$seed" >"$tmp/self.jsonl"
grep -q '"src_ids":\["p[0-9]*\.s[0-9]*"\]' "$tmp/self.jsonl" || bad "sentence ids p12.s3 missing"
grep -q '"fn1' "$tmp/self.jsonl" || bad "footnote ids missing"

# 2. a resolution in two languages, one paragraph a line, numbering restarting
# in each section; the English has an extra paragraph ("Welcomes ...").
cat >"$tmp/r.zh.txt" <<'ZH'
大会，
回顾其 2015 年 9 月 25 日第 70/1 号决议，
一
1. 决定于 2031 年召开第一次审查会议；
2. 请秘书长在 2032 年提交报告。报告应包括 12 项建议；
3. 邀请会员国在 2033 年前提供资料；
二
1. 决定在 2034 年再次审查本决议；
2. 又决定将该项目列入 2035 年临时议程。
ZH
cat >"$tmp/r.en.txt" <<'EN'
The General Assembly,
Recalling its resolution 70/1 of 25 September 2015,
I
1. Decides to convene the first review conference in 2031;
2. Requests the Secretary-General to submit a report in 2032. The report should contain 12 recommendations;
Welcomes the contributions made so far by Member States and other stakeholders to the process;
3. Invites Member States to provide information before 2033;
II
1. Decides to review the present resolution again in 2034;
2. Also decides to include the item in the provisional agenda for 2035.
EN
# CC-CEDICT gives the zh-en lexical evidence when ../shared has it
dict="$HT_SRCDIR/../shared/resources/cedict_ts.u8"
[ -f "$dict" ] && withdict="--dict $dict" || withdict=
"$HUTONG" align $withdict --input paragraphs --level paragraph --format tsv "$tmp/r.zh.txt" "$tmp/r.en.txt" \
	>"$tmp/r.tsv" 2>"$tmp/err" || bad "resolution pair: $(cat "$tmp/err")"
# every row pairs the same year (the extra English paragraph may stand alone
# or join the paragraph before it), section headings pair with each other
awk -F'\t' '
{ y1 = y2 = "" }
match($1, /20[0-9][0-9]/) { y1 = substr($1, RSTART, 4) }
match($2, /20[0-9][0-9]/) { y2 = substr($2, RSTART, 4) }
y1 != y2 && !($2 ~ /^Welcomes/ && $1 == "") { print "wrong row: " $0; bad = 1 }
($1 == "一") != ($2 == "I") || ($1 == "二") != ($2 == "II") { print "headings: " $0; bad = 1 }
END { exit bad }' "$tmp/r.tsv" || bad "resolution pair misaligned"
[ "$(wc -l <"$tmp/r.tsv")" -ge 9 ] || bad "resolution pair: $(wc -l <"$tmp/r.tsv") rows"

if [ -n "$withdict" ]; then
	# sentence level inside paragraphs: the two sentences of paragraph 2. are
	# paired one by one, and "Welcomes ..." has no counterpart
	"$HUTONG" align $withdict --input paragraphs --format jsonl "$tmp/r.zh.txt" "$tmp/r.en.txt" >"$tmp/r.jsonl" ||
		bad "sentence level failed"
	grep -q '"src_ids":\["p5.s2"\],"source":"报告应包括 12 项建议；","tgt_ids":\["p5.s2"\]' "$tmp/r.jsonl" ||
		bad "p5.s2 not paired: $(grep 'p5.s2' "$tmp/r.jsonl")"
	grep -q '"type":"0-1".*"target":"Welcomes' "$tmp/r.jsonl" || bad "jsonl lacks the 0-1 bead"
else
	echo "note: ../shared/resources/cedict_ts.u8 absent; sentence pairing not checked"
fi

# 3. formats: beads cover every unit once; tsv has three columns; jsonl has the bead type
"$HUTONG" align --input paragraphs --level paragraph --format beads "$tmp/r.zh.txt" "$tmp/r.en.txt" >"$tmp/r.beads"
src=$(sed 's/^\[\([0-9,]*\)\]:.*/\1/' "$tmp/r.beads" | tr ',' '\n' | grep -c .)
tgt=$(sed 's/.*:\[\([0-9,]*\)\]$/\1/' "$tmp/r.beads" | tr ',' '\n' | grep -c .)
[ "$src" -eq 9 ] && [ "$tgt" -eq 10 ] || bad "beads cover $src/9 and $tgt/10 units"
awk -F'\t' 'NF != 3 || $3 !~ /^[01]\.[0-9]+$/ { exit 1 }' "$tmp/r.tsv" || bad "tsv is not source<TAB>target<TAB>confidence"

# 4. TMX: valid TMX 1.4, nothing on stderr but the count of left-out units
"$HUTONG" align $withdict --input paragraphs --format tmx -o "$tmp/r.tmx" "$tmp/r.zh.txt" "$tmp/r.en.txt" 2>"$tmp/err" ||
	bad "tmx: $(cat "$tmp/err")"
if [ -n "$withdict" ]; then
	grep -q '1 units aligned to nothing are not in the TMX' "$tmp/err" || bad "tmx: left-out units not reported"
fi
grep -q '<prop type="x-confidence">' "$tmp/r.tmx" || bad "tmx lacks confidences"
grep -q 'p5.s2' "$tmp/r.tmx" || bad "tmx lacks unit ids"
grep -q '<tuv xml:lang="zh"' "$tmp/r.tmx" || bad "tmx lacks zh"
dtd="$HT_SRCDIR/../shared/schemas/tmx14.dtd"
if command -v xmllint >/dev/null 2>&1 && [ -f "$dtd" ]; then
	xmllint --noout --dtdvalid "$dtd" "$tmp/r.tmx" 2>"$tmp/xmlerr" || bad "tmx invalid"
	[ ! -s "$tmp/xmlerr" ] || bad "xmllint: $(head -3 "$tmp/xmlerr")"
else
	echo "note: xmllint or ../shared/schemas/tmx14.dtd absent; TMX validity not checked"
fi

# 5. -o writes the file, stdout stays empty
"$HUTONG" align --input paragraphs --format beads -o "$tmp/o.beads" "$tmp/r.zh.txt" "$tmp/r.en.txt" >"$tmp/stdout"
[ -s "$tmp/o.beads" ] && [ ! -s "$tmp/stdout" ] || bad "-o did not write the file alone"
exit $fail
