#!/usr/bin/env bash
# Shows that the prefilter drops no finding: the full analysis (every rule) of each project of the corpora, with
# and without the prefilter, findings compared; prints the files and lines parsed both ways.
#   bench/prefilter.sh [PROJECT]...
# CORPUS (default bench/triage/corpus, as for the triage ledger) holds dev/<artifact> and apps/<owner>+<name>;
# without PROJECT names every folder there is compared. Each project runs in its own JVM, bounded by LIMIT seconds
# (default 900): without the prefilter every file is parsed and checked, which can take far longer than a normal
# run. Exit 0 when the findings of every compared project are identical, 1 otherwise. Not part of CI.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
corpus=${CORPUS:-$here/triage/corpus}
limit=${LIMIT:-900}
threads=${THREADS:-$(nproc)}

projects=()
for set in dev apps; do
  for dir in "$corpus/$set"/*/; do
    name=$(basename "$dir")
    if [ $# -eq 0 ] || printf '%s\n' "$@" | grep -qx "$name"; then
      projects+=("${dir%/}")
    fi
  done
done
[ ${#projects[@]} -gt 0 ] || { echo "no projects under $corpus/dev or $corpus/apps" >&2; exit 2; }

cp_file=$(mktemp)
(cd "$root" && mvn -q -B -Pbench -pl bench -am package dependency:build-classpath -DskipTests \
  -Dspotless.check.skip=true -Dinvoker.skip=true -Dmdep.outputFile="$cp_file")
classpath="$root/bench/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"

java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java
rows=$(mktemp)
status=0
printf '%-28s %6s %7s %9s %10s %7s %7s %9s %9s\n' project files parsed lines parsed "on s" "off s" findings differ
for project in "${projects[@]}"; do
  code=0
  timeout "$limit" "$java_cmd" -Xmx8g -XX:+UseParallelGC -cp "$classpath" \
    dev.txcheck.bench.prefilter.PrefilterCheck "$project" "$threads" | tee -a "$rows" || code=$?
  if [ "$code" -eq 124 ]; then
    echo "$(basename "$project"): NOT COMPARED, a run took longer than $limit s"
    status=1
  elif [ "$code" -ne 0 ]; then
    status=1
  fi
done
awk '!/^ / { f += $2; p += $3; l += $4; pl += $5; n += $8; d += $9 }
  END {
    printf "%-28s %6d %7d %9d %10d %7s %7s %9d %9d\n", "all compared", f, p, l, pl, "", "", n, d
    if (f > 0) printf "parsed with the prefilter: %.1f %% of the files, %.1f %% of the lines\n", 100 * p / f, 100 * pl / l
  }' "$rows"
rm -f "$rows"
[ "$status" -eq 0 ] && echo "findings: identical with and without the prefilter" || echo "findings: NOT shown identical"
exit "$status"
