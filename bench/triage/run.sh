#!/usr/bin/env bash
# The triage ledger: runs tx-check with every rule over the developers' corpora and compares each finding with
# bench/triage/ledger.tsv (see README.md next to this script).
#   bench/triage/run.sh [--project NAME]... [--drop-vanished]
# CORPUS (default bench/triage/corpus) receives dev/<artifact> (../shared/corpus/dev.tsv, from Maven Central) and
# apps/<owner>+<name> (../shared/corpus/apps-dev.tsv at their pinned commits, from the git snapshots under MIRROR,
# default /work/.mirror). Exit 0 when every finding is judged and every rule with 5 or more findings is at least
# 90 % TRUE-or-DEFENSIBLE; 1 otherwise; 2 on usage errors. Not part of CI.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared="$root/../shared/corpus"
corpus=${CORPUS:-$here/corpus}
mirror=${MIRROR:-/work/.mirror}
out="$here/target"

mkdir -p "$corpus"
bash "$shared/fetch.sh" dev "$corpus/dev" >/dev/null
if ! MIRROR="$mirror" bash "$shared/unpack-apps.sh" "$corpus/apps" >/dev/null; then
  echo "warning: some applications of apps-dev.tsv are missing (get them with the search tool's fetch," \
    "then set MIRROR); their findings are not compared" >&2
fi

cp_file=$(mktemp)
(cd "$root" && mvn -q -B -Pbench -pl bench -am package dependency:build-classpath -DskipTests \
  -Dspotless.check.skip=true -Dinvoker.skip=true -Dmdep.outputFile="$cp_file")
classpath="$root/bench/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"

java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java
exec "$java_cmd" -Xmx8g -XX:+UseParallelGC -cp "$classpath" dev.txcheck.bench.triage.Triage \
  "$corpus" "$here/ledger.tsv" "$out" "$@"
