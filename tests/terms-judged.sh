#!/bin/sh
# Regression on the judged lists (tests/judged/*.tsv): every entry judged
# right must stay in the top N, every entry judged wrong that is gone must not
# come back.  "open" entries (judged wrong, still there) are counted only.
set -u
: "${HUTONG:?}" "${HT_SRCDIR:?}"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
judged=$HT_SRCDIR/tests/judged

"$HUTONG" terms "$HT_SRCDIR/corpora/A_RES_76_295.zh.txt" --limit 50 | cut -f1 >"$tmp/seed" || exit 1
awk -F '\t' -v out="$tmp/seed" '
	BEGIN { while ((getline t < out) > 0) have[t] = 1 }
	/^#/ { next }
	$1 == "right" && !have[$2] { print "FAIL: seed: right term " $2 " left the top 50"; bad = 1 }
	$1 == "wrong" && have[$2] { print "FAIL: seed: wrong entry " $2 " is back in the top 50"; bad = 1 }
	$1 == "right" { r++ } $1 == "open" { o++ }
	END { printf "seed top 50: %d judged right, %d open\n", r, o; exit bad }' "$judged/seed-top50.tsv" || fail=1

shared="$HT_SRCDIR/../shared"
if [ -r "$shared/corpora/unpc-devset/UNv1.0.devset.zh" ] && [ -r "$shared/corpora/sdg/global_goals.6lang.tsv" ]; then
	sh "$HT_SRCDIR/bench/make-bitext.sh" "$shared" "$tmp" || exit 1
	"$HUTONG" glossary --from zh --to en "$tmp/sdg.zh-en.tsv" "$tmp/unpc.zh-en.tsv" -o "$tmp/en.tsv" || exit 1
	head -100 "$tmp/en.tsv" | cut -f1,2 >"$tmp/en100"
	awk -F '\t' -v out="$tmp/en100" '
		BEGIN { while ((getline l < out) > 0) have[l] = 1 }
		/^#/ { next }
		{ pair = $2 "\t" $3 }
		$1 == "right" && !have[pair] { print "FAIL: zh-en: right pair " $2 " = " $3 " left the top 100"; bad = 1 }
		$1 == "wrong" && have[pair] { print "FAIL: zh-en: wrong pair " $2 " = " $3 " is back in the top 100"; bad = 1 }
		$1 == "right" { r++ } $1 == "open" { o++ }
		END { printf "zh-en top 100: %d judged right, %d open\n", r, o; exit bad }' "$judged/zh-en-top100.tsv" || fail=1
	for x in fr es ru ar; do
		"$HUTONG" glossary --from zh --to $x "$tmp/sdg-unpc.zh-$x.tsv" -o "$tmp/$x.tsv" || exit 1
		head -40 "$tmp/$x.tsv" | cut -f1,2 >"$tmp/${x}40"
		awk -F '\t' -v out="$tmp/${x}40" -v x=$x '
			BEGIN { while ((getline l < out) > 0) have[l] = 1 }
			/^#/ { next }
			{ pair = $2 "\t" $3 }
			$1 == "right" && !have[pair] { print "FAIL: zh-" x ": right pair " $2 " = " $3 " left the top 40"; bad = 1 }
			$1 == "wrong" && have[pair] { print "FAIL: zh-" x ": wrong pair " $2 " = " $3 " is back in the top 40"; bad = 1 }
			$1 == "right" { r++ } $1 == "open" { o++ }
			END { printf "zh-%s top 40: %d judged right, %d open\n", x, r, o; exit bad }' "$judged/zh-$x-top40.tsv" || fail=1
	done
else
	echo "glossary part skipped: ../shared corpora are absent"
fi
exit $fail
