#!/usr/bin/env bash
# Parser-choice benchmark: JavaParser version x parser configuration, single-threaded, -Xmx8g,
# one fresh JVM per (version, configuration) so that every round 1 is really cold.
#   bench/parser-choice/run.sh [CORPUS_DIR] [ROUNDS] [VERSIONS] [CONFIGS]
# Defaults: /work/corpus, 3 (1 cold + 2 warm), "3.27.1 3.28.2", "a b c raw".
# Every corpus subdirectory is one artifact. Results go to $OUT (default bench/parser-choice/results,
# not committed). Each timed JVM holds /tmp/parser-choice-bench.lock, so two timed runs never share
# the two cores.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpus=${1:-/work/corpus}
rounds=${2:-3}
versions=${3:-3.27.1 3.28.2}
configs=${4:-a b c raw}
out=${OUT:-$here/results}
lock=/tmp/parser-choice-bench.lock
mkdir -p "$out"
dirs=$(find "$corpus" -mindepth 1 -maxdepth 1 -type d ! -name '.*' | sort)

classpath() { # version -> classpath of the compiled bench + that javaparser-core (from Central)
  mvn -q -B -f "$here/pom.xml" -Djp.version="$1" compile dependency:build-classpath \
    -Dmdep.outputFile="$here/target/jp-$1/classpath.txt" >&2
  echo "$here/target/jp-$1/classes:$(cat "$here/target/jp-$1/classpath.txt")"
}
stamp() { echo "== $*  $(date -u +%FT%TZ)  load $(cut -d' ' -f1-3 /proc/loadavg)"; }

declare -A cps
for v in $versions; do
  cps[$v]=$(classpath "$v")
  java -cp "${cps[$v]}" dev.txcheck.bench.parserchoice.ParserChoice selftest > "$out/selftest-$v.txt"
done
# Versions alternate inside each configuration, so that a drift in the machine's load hits both.
for c in $configs; do
  for v in $versions; do
    stamp "$v $c" | tee "$out/parse-$v-$c.txt"
    flock "$lock" java -Xmx8g -cp "${cps[$v]}" dev.txcheck.bench.parserchoice.ParserChoice parse \
      --config "$c" --rounds "$rounds" --failures "$out/failures-$v-$c.tsv" $dirs \
      | tee -a "$out/parse-$v-$c.txt"
  done
done

# Untimed checks: ranges of c and raw against JavaParser's defaults, the prefilter, and the parse
# time of only the files the prefilter lets through (configuration c of the first version).
v1=${versions%% *}
cp=${cps[$v1]}
for v in $versions; do
  for c in c raw; do
    flock "$lock" java -Xmx8g -cp "${cps[$v]}" dev.txcheck.bench.parserchoice.ParserChoice ranges --config "$c" $dirs \
      > "$out/ranges-$v-$c.txt"
  done
done
stamp prefilter | tee "$out/prefilter.txt"
flock "$lock" java -Xmx8g -cp "$cp" dev.txcheck.bench.parserchoice.ParserChoice prefilter \
  --rounds 5 $dirs | tee -a "$out/prefilter.txt"
stamp "$v1 c prefilter-matching" | tee "$out/parse-$v1-c-matching.txt"
flock "$lock" java -Xmx8g -cp "$cp" dev.txcheck.bench.parserchoice.ParserChoice parse \
  --config c --rounds "$rounds" --only-matching $dirs | tee -a "$out/parse-$v1-c-matching.txt"

echo
printf '%-8s %-4s %-8s %7s %7s %12s %8s %8s %12s %8s %s\n' version conf level "cold s" "warm s" "warm lines/s" \
  "cold cpu" "warm cpu" "lines/cpu-s" failures files
grep -h '^RESULT' "$out"/parse-*.txt | awk -F'\t' '{
  for (i = 5; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
  printf "%-8s %-4s %-8s %7s %7s %12s %8s %8s %12s %8s %s\n", $2, $3, $4, v["cold_s"], v["warm_median_s"],
    v["warm_lines_per_s"], v["cold_cpu_s"], v["warm_cpu_s"], v["warm_lines_per_cpu_s"], v["failures"], v["files"]}'
grep -h '^RANGES' "$out"/ranges-*.txt
grep -h '^PREFILTER_TIME\|^TOTAL' "$out/prefilter.txt"
