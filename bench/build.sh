#!/bin/sh
# Build time and peak memory of `hutong build` on a corpus folder made of
# ../shared: the UN Parallel Corpus devset (six UNv1.0.devset.LANG, 4,000
# lines, with its .ids), the three SDG tables and the seed resolution.
#   bench/build.sh [HUTONG] [SHARED_DIR]       (target: <= 30 s, <= 1 GB)
# The output stays in $OUT (default /tmp/hutong-bench-build) for
# bench/lookup.sh.  A second, unchanged build is timed too (incremental).
# CPU time is printed beside wall time: on a shared machine wall time
# includes waiting for the processor.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
hutong=${1:-$here/hutong}
shared=${2:-$here/../shared}
out=${OUT:-/tmp/hutong-bench-build}
[ -x "$hutong" ] || { echo "build.sh: build hutong first ($hutong)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "build.sh: needs /usr/bin/time (GNU time)" >&2; exit 2; }
[ -d "$shared/corpora/unpc-devset" ] || { echo "build.sh: $shared/corpora is absent" >&2; exit 2; }
corpus=$out.corpus
rm -rf "$corpus" "$out" && mkdir -p "$corpus/unpc" "$corpus/sdg"
for f in "$shared"/corpora/unpc-devset/UNv1.0.devset.*; do ln -s "$f" "$corpus/unpc/"; done
for f in "$shared"/corpora/sdg/*.tsv; do ln -s "$f" "$corpus/sdg/"; done
cp "$here/corpora/A_RES_76_295.zh.txt" "$corpus/"
measure() { # LABEL: run the build, print wall, CPU and peak memory
	/usr/bin/time -v "$hutong" build "$corpus" --out "$out" ${JOBS:+--jobs $JOBS} >"$out.summary" 2>"$out.time" ||
		{ cat "$out.time" >&2; exit 1; }
	awk -v label="$1" '
		/Elapsed \(wall clock\)/ { n = split($NF, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
		/Maximum resident set size/ { kb = $NF }
		/User time/ { user = $NF }
		/System time/ { sys = $NF }
		END { printf "%-28s %6.2f s wall (%5.2f s CPU) %7.1f MB peak\n", label, s, user + sys, kb / 1024 }' "$out.time"
}
measure "build (devset+SDG+seed)"
sed 's/^/  /' "$out.summary"
measure "rebuild, nothing changed"
