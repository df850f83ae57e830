#!/bin/sh
# Figures of `hutong eval glossary` on the glossary `hutong glossary` builds
# from the SDG tables + the UNPC devset (zh-en, bench/make-bitext.sh):
#   1. the ten UN term pairs of bench/un-terms.zh-en.tsv;
#   2. the UNTERM country short names (zh_short, en_short; "(the)" dropped),
#      restricted to the names that occur in the corpus;
#   3. the M49 region names, restricted the same way.
# Usage: bench/eval-glossary.sh   (run from a built tree; ../shared needed)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
shared=$top/../shared
hutong=${HUTONG:-$top/hutong}
[ -d "$shared/corpora" ] || { echo "bench/eval-glossary.sh: ../shared is absent" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/ht-bench-evalgloss-XXXXXX")
trap 'rm -rf "$work"' EXIT

sh "$top/bench/make-bitext.sh" "$shared" "$work" >/dev/null
/usr/bin/time -v "$hutong" glossary --from zh --to en "$work/sdg.zh-en.tsv" "$work/unpc.zh-en.tsv" \
	-o "$work/en.tsv" 2>"$work/time"
echo "glossary: $(wc -l <"$work/en.tsv") entries, $(sed -n 's/.*User time (seconds): //p' "$work/time") s user," \
	"$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time") kB peak"
cat "$work/sdg.zh-en.tsv" "$work/unpc.zh-en.tsv" >"$work/corpus.tsv"

echo "== ten UN terms (bench/un-terms.zh-en.tsv)"
"$hutong" eval glossary "$top/bench/un-terms.zh-en.tsv" "$work/en.tsv"
echo "== UNTERM country names found in the corpus"
"$hutong" eval glossary --misses 10 --strip-article --columns zh_short,en_short --corpus "$work/corpus.tsv" \
	"$shared/corpora/unterm-names/unterm_country_names.zh-en.tsv" "$work/en.tsv"
echo "== M49 region names found in the corpus"
"$hutong" eval glossary --misses 10 --columns zh,en --corpus "$work/corpus.tsv" \
	"$shared/corpora/unterm-names/m49_region_names.zh-en.tsv" "$work/en.tsv"
