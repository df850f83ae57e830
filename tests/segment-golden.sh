#!/bin/sh
# Golden test of `hutong segment`: the seed resolution and fixtures shaped
# like it in English, French, Spanish, Russian and Arabic must give exactly
# the paragraphs of tests/golden/*.paras.jsonl (id, kind, label, text,
# notes; links and dropped pieces in the last object).  Sentences and the
# language fields are compared elsewhere: they depend on the splitter and
# the language identification, not on the paragraph rebuilder.
# A_RES_76_295.zh.jsonl and res.en.jsonl are the whole output, sentences and
# language included.  Regenerate after a deliberate change (and read the diff)
# with: HUTONG=./hutong tests/segment-golden.sh --update
set -u
: "${HUTONG:=./hutong}" "${HT_SRCDIR:=.}"
golden="$HT_SRCDIR/tests/golden"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

# Strip what the golden files do not fix: sentences, language.
paras_only() {
	sed -e 's/,"sentences":\[.*\]}$/}/' \
	    -e 's/^{"document":"[^"]*","lang":"[^"]*","lang_source":"[^"]*",/{/'
}

fail=0
check() { # NAME INPUT [OPTIONS...]
	name=$1 input=$2
	shift 2
	if ! (cd "$HT_SRCDIR" && "$HUTONG" segment "$@" "$input") >"$tmp/out.jsonl" 2>"$tmp/err"; then
		echo "FAIL: $name: hutong segment exited $?: $(cat "$tmp/err")"
		fail=1
		return
	fi
	paras_only <"$tmp/out.jsonl" >"$tmp/$name.paras.jsonl"
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$tmp/$name.paras.jsonl" "$golden/$name.paras.jsonl"
		return
	fi
	if ! diff -u "$golden/$name.paras.jsonl" "$tmp/$name.paras.jsonl"; then
		echo "FAIL: $name: paragraphs differ from $golden/$name.paras.jsonl"
		fail=1
	else
		echo "ok: $name"
	fi
}

# The whole output, sentences and language included (the seed's file name
# gives zh, the fixtures' names their language).
check_full() { # NAME INPUT [OPTIONS...]
	name=$1 input=$2
	shift 2
	(cd "$HT_SRCDIR" && "$HUTONG" segment "$@" "$input") >"$tmp/$name.jsonl" 2>"$tmp/err" ||
		{ echo "FAIL: $name: $(cat "$tmp/err")"; fail=1; return; }
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$tmp/$name.jsonl" "$golden/$name.jsonl"
	elif ! diff -u "$golden/$name.jsonl" "$tmp/$name.jsonl"; then
		echo "FAIL: $name: output differs from $golden/$name.jsonl"
		fail=1
	else
		echo "ok: $name (sentences and language)"
	fi
}

[ "${1:-}" = --update ] && UPDATE=1

check A_RES_76_295.zh corpora/A_RES_76_295.zh.txt
for l in en fr es ru ar; do
	check "res.$l" "tests/golden/res.$l.txt" --input pdftext
done
# the same through stdin, with auto-detection of the input mode
check A_RES_76_295.zh - <"$HT_SRCDIR/corpora/A_RES_76_295.zh.txt"
check_full A_RES_76_295.zh corpora/A_RES_76_295.zh.txt
check_full res.en tests/golden/res.en.txt
exit $fail
