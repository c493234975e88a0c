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

# Our own additions (apps-extra.tsv): only their Java files, as the snapshots may lack large files.
while IFS=$'\t' read -r repo commit _; do
  [[ -z $repo || $repo == \#* ]] && continue
  git_dir=$mirror/${repo/\//+}/repo; dest=$corpus/apps/${repo/\//+}
  if ! git -C "$git_dir" cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "warning: $repo at $commit is missing (get github:$repo with the search tool's fetch)" >&2
    continue
  fi
  if [[ ! -f $dest/.commit || $(cat "$dest/.commit") != "$commit" ]]; then
    rm -rf "$dest" && mkdir -p "$dest"
    git -C "$git_dir" ls-tree -r -z --name-only "$commit" | grep -z '\.java$' \
      | xargs -0 git -C "$git_dir" archive "$commit" -- | tar -x -i -C "$dest" # xargs may run several archives
    echo "$commit" >"$dest/.commit"
  fi
done <"$here/apps-extra.tsv"
cp_file=$(mktemp)
(cd "$root" && mvn -q -B -Pbench -pl bench -am package dependency:build-classpath -DskipTests \
  -Dspotless.check.skip=true -Dinvoker.skip=true -Dmdep.outputFile="$cp_file")
classpath="$root/bench/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"

java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java
exec "$java_cmd" -Xmx8g -XX:+UseParallelGC -cp "$classpath" dev.txcheck.bench.triage.Triage \
  "$corpus" "$here/ledger.tsv" "$out" "$@"
