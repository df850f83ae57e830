#!/bin/sh
# Two documents in different languages are aligned on the way: the UDHR in
# Chinese and English (../shared) gives its key terms.
set -u
udhr="$HT_SRCDIR/../shared/corpora/udhr"
if [ ! -r "$udhr/udhr_cmn_hans.xml" ] || [ ! -r "$udhr/udhr_eng.xml" ]; then
	echo "SKIP: ../shared/corpora/udhr is absent"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the language comes from the file name (NAME.LL.xml)
cp "$udhr/udhr_cmn_hans.xml" "$tmp/udhr.zh.xml"
cp "$udhr/udhr_eng.xml" "$tmp/udhr.en.xml"
# the English file first: the Chinese one is still the source
"$HUTONG" glossary "$tmp/udhr.en.xml" "$tmp/udhr.zh.xml" -o "$tmp/g.tsv" || exit 1
fail=0
for pair in "联合国	United Nations" "人权和基本自由	human rights and fundamental freedoms" \
	"平等保护	equal protection"; do
	grep -q "^$pair	" "$tmp/g.tsv" || { echo "FAIL: no '$pair'"; fail=1; }
done
grep -q "udhr.zh.xml p[0-9]" "$tmp/g.tsv" || { echo "FAIL: examples lack the unit ids"; fail=1; }
exit $fail
