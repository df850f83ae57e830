#!/bin/sh
# Sentence splitting throughput on the UNPC devset: every line of each
# language split REPEAT times (default 20); prints MB/s and sentences/s, and
# the peak memory of the run (from /usr/bin/time -v when present).
# Usage: bench/sentences.sh [BUILDDIR] [REPEAT]   (run from the source tree)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src}
repeat=${2:-20}
devset="$src/../shared/corpora/unpc-devset"
[ -d "$devset" ] || { echo "bench/sentences.sh: $devset is absent" >&2; exit 77; }
make -C "$build" -s bench/bench-sentences >/dev/null
prog="$build/bench/bench-sentences"
for lang in zh en fr es ru ar; do
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -v "$prog" "$lang" "$devset/UNv1.0.devset.$lang" "$repeat" 2>"${TMPDIR:-/tmp}/bench-sentences.$$" 
		grep 'Maximum resident' "${TMPDIR:-/tmp}/bench-sentences.$$" | sed 's/^[[:space:]]*/    /'
		rm -f "${TMPDIR:-/tmp}/bench-sentences.$$"
	else
		"$prog" "$lang" "$devset/UNv1.0.devset.$lang" "$repeat"
	fi
done
