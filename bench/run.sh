#!/usr/bin/env bash
# Throughput of tx-check against a JavaParser parse-only pass and PMD 7, on the same files, in one invocation.
#   bench/run.sh [--threads N] [--rounds N] [--each] [DIR...]
# Without DIR, the development corpus of ../shared/corpus/dev.tsv is fetched to bench/corpus (Maven Central source
# jars). Several DIRs are one corpus: tx-check analyses them as one project, or with --each each DIR as a project of
# its own (the artifacts of bench/corpus/*, say), one after the other in the same JVM. Every measurement is a fresh JVM (a
# one-shot run, as users have it); the modes alternate ROUNDS times (default 3) and medians are compared. PMD comes
# from Maven Central through bench/pmd/pom.xml. Not part of CI.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
threads=$(nproc)
rounds=3
check=check
dirs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --each) check=check-each; shift ;;
    -*) echo "usage: bench/run.sh [--threads N] [--rounds N] [--each] [DIR...]" >&2; exit 2 ;;
    *) dirs+=("$1"); shift ;;
  esac
done
if [ ${#dirs[@]} -eq 0 ]; then
  dirs=("$here/corpus")
  fetch="$root/../shared/corpus/fetch.sh"
  if [ -z "$(ls -A "$here/corpus" 2>/dev/null)" ]; then
    [ -x "$fetch" ] || { echo "no corpus at $here/corpus and no $fetch to download it" >&2; exit 2; }
    bash "$fetch" dev "$here/corpus"
  fi
fi

cp_file=$(mktemp)
# In one reactor build, so that the classpath names this checkout's checker-core, not an installed copy.
(cd "$root" && mvn -q -B -ntp -Pbench -pl bench -am package dependency:build-classpath -DskipTests \
  -Dspotless.check.skip=true -Dinvoker.skip=true -Dmdep.outputFile="$cp_file")
classpath="$here/target/classes:$(cat "$cp_file")"
mvn -q -B -ntp -f "$here/pmd/pom.xml" compile dependency:build-classpath -Dmdep.outputFile="$cp_file"
pmd_classpath="$here/pmd/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"

java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java
jvm=("$java_cmd" -Xmx12g -XX:+UseParallelGC)
results=$(mktemp)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq 1 "$rounds"); do
  for mode in "$check" parse pmd; do
    if [ "$mode" = pmd ]; then
      "${jvm[@]}" -cp "$pmd_classpath" dev.txcheck.bench.pmd.PmdRun "$threads" "${dirs[@]}"
    else
      "${jvm[@]}" -cp "$classpath" dev.txcheck.bench.Benchmark "$mode" "$threads" "${dirs[@]}"
    fi | tee -a "$results"
  done
  # The slot of issue 14's incremental cache: a warm re-run of tx-check on the unchanged files goes here.
done

python3 - "$results" "$threads" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)" "${dirs[@]}" <<'PY'
import statistics, sys
results, threads, load_before, load_after, dirs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
rows = [line.rstrip("\n").split("\t") for line in open(results) if line.strip()]
for r in rows:
    r[0] = "check" if r[0] == "check-each" else r[0]
def median(mode, col):
    return statistics.median(float(r[col]) for r in rows if r[0] == mode)
files, lines = int(rows[0][1]), int(rows[0][2])
rounds = sum(1 for r in rows if r[0] == "check")
print(f"\ncorpus: {' '.join(dirs)}")
print(f"{files} files, {lines} lines; threads: {threads}; median of {rounds} fresh JVMs each;"
      f" load average {load_before} before, {load_after} after")
print(f"{'':40}{'seconds':>9}{'files/s':>10}{'lines/s':>12}{'peak heap MB':>14}")
seconds = {m: median(m, 3) for m in ("check", "parse", "pmd")}
names = [("tx-check cold, all rules", "check"), ("tx-check warm re-run with cache", None),
         ("JavaParser parse-only", "parse"), ("PMD 7 (3 rules)", "pmd")]
for name, mode in names:
    if mode is None:
        print(f"{name:40}{'n/a (no cache yet)':>45}")
        continue
    s = seconds[mode]
    print(f"{name:40}{s:9.1f}{files/s:10.0f}{lines/s:12.0f}{median(mode, 4):14.0f}")
check = [r for r in rows if r[0] == "check"][0]
print(f"tx-check parsed {check[7]} files ({100*int(check[7])/files:.1f} %), {check[8]} lines"
      f" ({100*int(check[8])/lines:.1f} %); {check[5]} findings")
print(f"throughput ratio tx-check / parse-only: {seconds['parse'] / seconds['check']:.2f}  (target >= 2)")
print(f"throughput ratio tx-check / PMD 7:      {seconds['pmd'] / seconds['check']:.2f}  (target >= 5)")
print(f"warm re-run with cache:                 n/a (no cache yet)  (target <= 1.5 s on hibernate-core + quartz)")
PY
rm -f "$results"
