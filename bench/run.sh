#!/usr/bin/env bash
# Throughput of tx-check (all rules) against JavaParser parse-only on the same files, in the same run.
#   bench/run.sh [CORPUS_DIR] [THREADS] [ROUNDS]
# CORPUS_DIR defaults to bench/corpus, fetched with ../shared/corpus/fetch.sh (Maven Central source jars) when
# missing. Every measurement is a fresh JVM (a one-shot run, as users have it); the two modes alternate ROUNDS times
# (default 2) and the median of each is compared. Not part of CI.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
corpus=${1:-$here/corpus}
threads=${2:-$(nproc)}
rounds=${3:-2}
fetch="$root/../shared/corpus/fetch.sh"

if [ ! -d "$corpus" ] || [ -z "$(ls -A "$corpus" 2>/dev/null)" ]; then
  [ -x "$fetch" ] || { echo "no corpus at $corpus and no $fetch to download it" >&2; exit 2; }
  bash "$fetch" dev "$corpus"
fi

cp_file=$(mktemp)
# In one reactor build, so that the classpath names this checkout's checker-core, not an installed copy.
(cd "$root" && mvn -q -B -Pbench -pl bench -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$cp_file")
classpath="$here/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"

java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java
results=$(mktemp)
for round in $(seq 1 "$rounds"); do
  for mode in parse check; do
    "$java_cmd" -Xmx12g -XX:+UseParallelGC -cp "$classpath" dev.txcheck.bench.Benchmark "$mode" "$threads" "$corpus" \
      | tee -a "$results"
  done
done

python3 - "$results" "$threads" <<'PY'
import statistics, sys
rows = [line.split("\t") for line in open(sys.argv[1]) if line.strip()]
def median(mode, col):
    return statistics.median(float(r[col]) for r in rows if r[0] == mode)
files, lines = int(rows[0][1]), int(rows[0][2])
parse_s, check_s = median("parse", 3), median("check", 3)
print(f"\ncorpus: {files} files, {lines} lines; threads: {sys.argv[2]}; median of {len(rows)//2} fresh JVMs each")
print(f"{'':28}{'seconds':>9}{'files/s':>10}{'lines/s':>12}{'peak heap MB':>14}")
for name, mode, s in [("JavaParser parse-only", "parse", parse_s), ("tx-check, all rules", "check", check_s)]:
    print(f"{name:28}{s:9.1f}{files/s:10.0f}{lines/s:12.0f}{median(mode, 4):14.0f}")
print(f"throughput ratio tx-check / parse-only: {parse_s / check_s:.2f}")
PY
rm -f "$results"
