# Shared by the build and lookup tests (sourced, not run): skipping when
# ../shared is absent, a small corpus made from it, and checks.
skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

: "${HT_SRCDIR:?HT_SRCDIR must be set (make check sets it)}"
: "${HUTONG:?HUTONG must be set (make check sets it)}"
shared=$HT_SRCDIR/../shared
for d in udhr unpc-devset sdg; do
	[ -d "$shared/corpora/$d" ] || skip "../shared/corpora/$d is absent"
done
command -v python3 >/dev/null 2>&1 || skip "python3 is not installed (it reads the JSON)"

work=$(mktemp -d "${TMPDIR:-/tmp}/ht-build-XXXXXX")
trap 'rm -rf "$work"' EXIT

# make_corpus DIR [LINES]: the three kinds of input a user lays out —
#   udhr/udhr.{zh,en,fr}.xml   one document in three versions (aligned through zh)
#   unpc/devset.{zh,en,fr}     the devset's first LINES lines, line-parallel, with devset.ids
#   sdg/goals.tsv              the SDG goals, a table with a language header row
#   A_RES_76_295.zh.txt        the seed, one version only
make_corpus() {
	mkdir -p "$1/udhr" "$1/unpc" "$1/sdg"
	for l in zh:cmn_hans en:eng fr:fra; do
		cp "$shared/corpora/udhr/udhr_${l#*:}.xml" "$1/udhr/udhr.${l%%:*}.xml"
	done
	for l in zh en fr; do
		head -n "${2:-400}" "$shared/corpora/unpc-devset/UNv1.0.devset.$l" >"$1/unpc/devset.$l"
	done
	head -n "${2:-400}" "$shared/corpora/unpc-devset/UNv1.0.devset.ids" >"$1/unpc/devset.ids"
	cp "$shared/corpora/sdg/global_goals.6lang.tsv" "$1/sdg/goals.tsv"
	cp "$HT_SRCDIR/corpora/A_RES_76_295.zh.txt" "$1/"
}

# fingerprint DIR: one line per output file (name, inode, checksum), sorted
fingerprint() {
	(cd "$1" && find . -type f ! -path './.hutong-*' | sort | while read -r f; do
		echo "$f $(stat -c %i "$f") $(cksum <"$f")"
	done)
}

# py CODE FILE: run python3 on CODE with the JSON object of FILE as `r`
py() {
	python3 -c "import json,sys
r=json.load(open(sys.argv[1]))
$1" "$2"
}
