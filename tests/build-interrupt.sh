#!/bin/sh
# A build stopped by Ctrl-C (SIGINT) or killed (SIGKILL) in the middle leaves
# the previous outputs and store exactly as they were; the next build cleans
# up after the killed one and completes.
set -u
. "$HT_SRCDIR/tests/build-lib.sh"
make_corpus "$work/corpus" 4000
for l in es ru ar; do # the whole devset in six languages: a run of some seconds
	cp "$shared/corpora/unpc-devset/UNv1.0.devset.$l" "$work/corpus/unpc/devset.$l"
done
out=$work/out
"$HUTONG" build "$work/corpus" --out "$out" >"$work/s1" 2>&1 || fail "first build: $(cat "$work/s1")"
fingerprint "$out" >"$work/before"

# wait_run PID: until the run has its staging folder (it is working), then a little more
wait_run() {
	i=0
	while ! ls -d "$out"/.hutong-tmp-* >/dev/null 2>&1; do
		kill -0 "$1" 2>/dev/null || return 1
		i=$((i + 1))
		[ $i -lt 500 ] || return 1
		sleep 0.01
	done
	sleep "${2:-0.3}"
}

interrupted() { # SIGNAL: change the input, start a build, stop it
	sed -i "1s/.*/changed for $1/" "$work/corpus/unpc/devset.fr"
	"$HUTONG" build "$work/corpus" --out "$out" >"$work/run.out" 2>"$work/run.err" &
	pid=$!
	wait_run $pid || fail "the build ended before it could be stopped ($1): $(cat "$work/run.err")"
	kill -"$1" $pid
	wait $pid
	rc=$?
	fingerprint "$out" >"$work/after"
	cmp -s "$work/before" "$work/after" ||
		fail "after $1 the outputs changed: $(diff "$work/before" "$work/after" | head -5)"
}

interrupted INT
[ $rc -eq 4 ] || fail "an interrupted build exited $rc, not 4"
grep -q "interrupted; the previous outputs are as they were" "$work/run.err" || fail "message: $(cat "$work/run.err")"
ls -d "$out"/.hutong-tmp-* >/dev/null 2>&1 && fail "an interrupted build left its staging folder"

interrupted KILL
[ $rc -eq 137 ] || fail "a killed build exited $rc"
ls -d "$out"/.hutong-tmp-* >/dev/null 2>&1 || echo "(the killed build had no staging folder left)"
"$HUTONG" lookup --db "$out/hutong.db" --format json --from fr "changed for" >"$work/q.json"
py "assert r['total'] == 0, r['total']" "$work/q.json" || fail "the store has text of the killed run"

"$HUTONG" build "$work/corpus" --out "$out" >"$work/s3" 2>&1 || fail "build after the kill: $(cat "$work/s3")"
grep -q "(1 built, 3 kept unchanged, 0 removed)" "$work/s3" || fail "build after the kill: $(head -1 "$work/s3")"
ls -d "$out"/.hutong-tmp-* >/dev/null 2>&1 && fail "the killed build's staging folder is still there"
grep -q "changed for KILL" "$out/tmx/devset.tmx" || fail "the next build did not write the change"
echo "SIGINT: exit 4, outputs unchanged; SIGKILL: outputs unchanged, the next build completes"
