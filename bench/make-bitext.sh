#!/bin/sh
# Write zh<TAB>X unit-pair TSVs (X = en fr es ru ar) from the shared SDG
# tables and the UNPC devset into OUTDIR:
#   OUTDIR/sdg-unpc.zh-X.tsv   SDG goals, targets, indicators + the 4,000 devset lines
#   OUTDIR/unpc.zh-X.tsv       the devset alone (6-way parallel)
# The data stays in ../shared: OUTDIR should be a temporary folder.
# usage: bench/make-bitext.sh SHARED_DIR OUTDIR
set -eu
shared=${1:?usage: make-bitext.sh SHARED_DIR OUTDIR}
out=${2:?usage: make-bitext.sh SHARED_DIR OUTDIR}
sdg=$shared/corpora/sdg
unpc=$shared/corpora/unpc-devset
for f in "$sdg/global_goals.6lang.tsv" "$unpc/UNv1.0.devset.zh"; do
	[ -r "$f" ] || { echo "make-bitext.sh: $f is missing" >&2; exit 4; }
done
mkdir -p "$out"
col() { # column number of language $1 in the SDG header
	case $1 in zh) echo 2 ;; en) echo 3 ;; fr) echo 4 ;; es) echo 5 ;; ru) echo 6 ;; ar) echo 7 ;; esac
}
for x in en fr es ru ar; do
	c=$(col "$x")
	# SDG rows: skip the header and rows where a side is empty; tabs inside
	# cells cannot occur (TSV), carriage returns are dropped.
	for f in "$sdg"/*.6lang.tsv; do
		awk -F '\t' -v c="$c" 'NR > 1 && $2 != "" && $c != "" { gsub(/\r/, ""); print $2 "\t" $c }' "$f"
	done >"$out/sdg.zh-$x.tsv"
	paste "$unpc/UNv1.0.devset.zh" "$unpc/UNv1.0.devset.$x" |
		awk -F '\t' 'NF == 2 && $1 != "" && $2 != ""' >"$out/unpc.zh-$x.tsv"
	cat "$out/sdg.zh-$x.tsv" "$out/unpc.zh-$x.tsv" >"$out/sdg-unpc.zh-$x.tsv"
done
