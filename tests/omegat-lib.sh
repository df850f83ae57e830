# Shared by the OmegaT acceptance tests (sourced, not run): find OmegaT, make a
# small project, run OmegaT headless in console mode (see ../shared/OMEGAT.md).
# OmegaT exits 0 even when it fails to load a file, so callers read its log.

omegat_jar=${OMEGAT_JAR:-/usr/share/omegat/OmegaT.jar}
groovy_jar=${GROOVY_JAR:-/usr/share/java/groovy-all.jar}

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

command -v java >/dev/null 2>&1 || skip "java is not installed (apt-get install omegat)"
[ -r "$omegat_jar" ] || skip "OmegaT is not installed (apt-get install omegat)"
: "${HT_SRCDIR:?HT_SRCDIR must be set (make check sets it)}"
: "${HUTONG:?HUTONG must be set (make check sets it)}"
shared=$HT_SRCDIR/../shared
[ -d "$shared/corpora" ] || skip "../shared is absent"
convert=$(dirname "$HUTONG")/tests/tm-convert
[ -x "$convert" ] || fail "$convert is not built"

work=$(mktemp -d "${TMPDIR:-/tmp}/ht-omegat-XXXXXX")
trap 'rm -rf "$work"' EXIT

# make_project DIR: an empty zh-CN -> en-US project (tokenizers as OMEGAT.md).
make_project() {
	mkdir -p "$1/source" "$1/target" "$1/tm/auto" "$1/glossary" "$1/omegat" "$1/dictionary"
	cat >"$1/omegat.project" <<'PROJ'
<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat><project version="1.0">
  <source_dir>__DEFAULT__</source_dir><target_dir>__DEFAULT__</target_dir><tm_dir>__DEFAULT__</tm_dir>
  <glossary_dir>__DEFAULT__</glossary_dir><glossary_file>__DEFAULT__</glossary_file><dictionary_dir>__DEFAULT__</dictionary_dir>
  <source_lang>zh-CN</source_lang><target_lang>en-US</target_lang>
  <source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>
  <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
  <sentence_seg>true</sentence_seg><support_default_translations>true</support_default_translations>
  <remove_tags>false</remove_tags>
</project></omegat>
PROJ
}

# run_omegat PROJECT LOG [SCRIPT.groovy]: console-translate with a fresh
# configuration folder (no user preferences), headless.
run_omegat() {
	cfg=$work/cfg-$$
	rm -rf "$cfg" && mkdir -p "$cfg"
	limit=
	# The log is read as UTF-8 whatever the locale: without these the JVM
	# writes it in the locale's charset (ASCII in a bare environment).
	utf8="-Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8"
	command -v timeout >/dev/null 2>&1 && limit="timeout 600"
	if [ -n "${3:-}" ]; then
		[ -r "$groovy_jar" ] || skip "groovy is not installed ($groovy_jar)"
		$limit java -Djava.awt.headless=true $utf8 -cp "$omegat_jar:$groovy_jar" org.omegat.Main \
			--mode=console-translate --config-dir="$cfg" --disable-project-locking --no-team \
			--script="$3" "$1" >"$2" 2>&1
	else
		$limit java -Djava.awt.headless=true $utf8 -jar "$omegat_jar" --mode=console-translate \
			--config-dir="$cfg" --disable-project-locking --no-team "$1" >"$2" 2>&1
	fi || fail "OmegaT exited with status $? (log: $(tail -5 "$2"))"
}

# sdg_titles: "zh<TAB>en" of the 17 SDG goal titles, in goal order.
sdg_titles() {
	awk -F'\t' '$1 ~ /^[0-9]+-title$/ { print $2 "\t" $3 }' "$shared/corpora/sdg/global_goals.6lang.tsv"
}
