#!/usr/bin/env bash
# Throughput of tx-check against a JavaParser parse-only pass and PMD 7, on the same files, in one invocation, and
# tx-check's re-runs with the incremental cache.
#   bench/run.sh [--threads N] [--rounds N] [--each] [--change FILE] [DIR...]
# Without DIR, the development corpus of ../shared/corpus/dev.tsv is fetched to bench/corpus (Maven Central source
# jars). Several DIRs are one corpus: tx-check analyses them as one project, or with --each each DIR as a project of
# its own (the artifacts of bench/corpus/*, say), one after the other in the same JVM. Every measurement is a fresh JVM (a
# one-shot run, as users have it); the modes alternate ROUNDS times (default 3) and medians are compared. PMD comes
# from Maven Central through bench/pmd/pom.xml. The cached runs work on a copy of the DIRs made once (they change a file
# of it): a cold run that writes the cache, a warm re-run on the unchanged files, a run after a comment line is appended
# to one file, and one after an empty statement is added to a method of it (--change FILE, relative to the first DIR;
# by default the first file there, in path order, that calls commit()). Not part of CI.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
threads=$(nproc)
rounds=3
check=check
change=
dirs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --each) check=check-each; shift ;;
    --change) change=$2; shift 2 ;;
    -*) echo "usage: bench/run.sh [--threads N] [--rounds N] [--each] [--change FILE] [DIR...]" >&2; exit 2 ;;
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

# The incremental cache's runs work on a copy, one project as for "check" (--each: the DIRs still one project).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
copies=()
for i in "${!dirs[@]}"; do
  copies+=("$work/$i-$(basename "${dirs[$i]}")")
  cp -r "${dirs[$i]}" "${copies[$i]}"
done
if [ -z "$change" ]; then
  changed=$(cd "${copies[0]}" && grep -rl --include='*.java' 'commit()' . | sort | head -1)
else
  changed=$change
fi
changed="${copies[0]}/${changed#./}"
[ -f "$changed" ] || { echo "no file to change: $changed" >&2; exit 2; }
cp "$changed" "$work/original.java"
cache="$work/cache.bin"
# A cached run of the copy: Benchmark's line with the wall time of the whole JVM (its start included) appended.
cached() {
  local t0 t1 line
  t0=$(date +%s.%N)
  line=$("${jvm[@]}" -Dtxcheck.bench.cache="$cache" -cp "$classpath" dev.txcheck.bench.Benchmark "$1" "$threads" \
    "${copies[@]}")
  t1=$(date +%s.%N)
  printf '%s\t%s\n' "$line" "$(awk "BEGIN { printf \"%.2f\", $t1 - $t0 }")" | tee -a "$results"
}
# The same file with an empty statement added to the body of its last method: facts unchanged, the tree not.
add_statement() {
  python3 - "$1" <<'PY'
import re, sys
path = sys.argv[1]
lines = open(path, encoding="utf-8", errors="surrogateescape").read().split("\n")
header = re.compile(r"^\s+(?:(?:public|protected|private|static|final|synchronized)\s+)*[\w<>\[\], .?]+\s+\w+\s*\([^;{}]*\)\s*(?:throws [\w., ]+)?\{\s*$")
for i in range(len(lines) - 1, -1, -1):
    if header.match(lines[i]) and "switch" not in lines[i] and "=" not in lines[i]:
        lines[i] = lines[i].rstrip() + " ;"
        break
else:
    sys.exit("no method header to add a statement to in " + path)
open(path, "w", encoding="utf-8", errors="surrogateescape").write("\n".join(lines))
PY
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq 1 "$rounds"); do
  for mode in "$check" parse pmd; do
    if [ "$mode" = pmd ]; then
      "${jvm[@]}" -cp "$pmd_classpath" dev.txcheck.bench.pmd.PmdRun "$threads" "${dirs[@]}"
    else
      "${jvm[@]}" -cp "$classpath" dev.txcheck.bench.Benchmark "$mode" "$threads" "${dirs[@]}"
    fi | tee -a "$results"
  done
  # Issue 14's incremental cache, on the copy: cold (writes the cache), warm on the unchanged files, then one file
  # changed twice: a comment line appended (no token moves), and an empty statement added to a method.
  rm -f "$cache"
  cp "$work/original.java" "$changed"
  cached cache-cold
  cached cache-warm
  echo "// a comment line appended by bench/run.sh" >> "$changed"
  cached cache-comment
  cp "$work/original.java" "$changed"
  add_statement "$changed"
  cached cache-statement
done

python3 - "$results" "$threads" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)" "${changed#"$work"/*/}" "${dirs[@]}" <<'PY'
import statistics, sys
results, threads, load_before, load_after, changed, dirs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6:]
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
print(f"{'':44}{'seconds':>9}{'wall s':>8}{'files/s':>10}{'lines/s':>12}{'peak heap MB':>14}{'checked':>9}")
seconds = {m: median(m, 3) for m in ("check", "parse", "pmd")}
names = [("tx-check cold, all rules", "check"), ("tx-check cold, writing the cache", "cache-cold"),
         ("tx-check warm re-run with cache", "cache-warm"),
         ("  after a comment line in one file", "cache-comment"),
         ("  after a statement added to one file", "cache-statement"),
         ("JavaParser parse-only", "parse"), ("PMD 7 (3 rules)", "pmd")]
for name, mode in names:
    s = median(mode, 3)
    cached = mode.startswith("cache-")
    wall = f"{median(mode, 12):8.2f}" if cached else f"{'':8}"
    checked = f"{int(median(mode, 10)):9d}" if cached else ""
    print(f"{name:44}{s:9.2f}{wall}{files/s:10.0f}{lines/s:12.0f}{median(mode, 4):14.0f}{checked}")
check = [r for r in rows if r[0] == "check"][0]
print(f"tx-check parsed {check[7]} files ({100*int(check[7])/files:.1f} %), {check[8]} lines"
      f" ({100*int(check[8])/lines:.1f} %); {check[5]} findings")
print(f"throughput ratio tx-check / parse-only: {seconds['parse'] / seconds['check']:.2f}  (target >= 2)")
print(f"throughput ratio tx-check / PMD 7:      {seconds['pmd'] / seconds['check']:.2f}  (target >= 5)")
cold = seconds["check"]
for name, mode, target in (("warm re-run with cache", "cache-warm", "<= 1.5 s on hibernate-core + quartz"),
                           ("after a comment line", "cache-comment", "<= 3 s"),
                           ("after a statement", "cache-statement", "<= 3 s")):
    wall = median(mode, 12)
    print(f"{name + ':':39} {wall:.2f} s wall, {cold / wall:.1f} times less than the cold run"
          f" (its seconds in the JVM)  (target {target})")
print(f"changed file: {changed}")
# Every cached run must find what the cold run found (the counts; the findings themselves: see bench/README.md).
states = {r[0]: r[9] for r in rows if r[0].startswith("cache-")}
print(f"cache: {states}")
findings = {r[0]: r[5] for r in rows if r[0] in ("check", "cache-cold", "cache-warm", "cache-comment")}
if len(set(findings.values())) != 1:
    print(f"FINDINGS DIFFER between the runs: {findings}")
    sys.exit(1)
PY
rm -f "$results"
