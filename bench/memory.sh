#!/usr/bin/env bash
# Heap of tx-check on a large corpus: the CLI (all rules, TX014 too) runs once with the JVM's default heap and once
# with -Xmx1g, one after the other; the two JSON reports must hold exactly the same findings.
#   bench/memory.sh [CORPUS_DIR] [SMALL_HEAP]
# CORPUS_DIR defaults to bench/corpus (see bench/run.sh); SMALL_HEAP to 1g. Prints, for each run, its exit code, wall
# time and peak RSS (from /usr/bin/time -v), then whether the findings are identical. Exits 1 when they differ or a
# run failed. Reports and logs stay in bench/target/memory/. Not part of CI.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
corpus=${1:-$here/corpus}
small=${2:-1g}
out="$here/target/memory"
mkdir -p "$out"
[ -d "$corpus" ] || { echo "no corpus at $corpus (bench/run.sh fetches one)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (GNU time, package 'time')" >&2; exit 2; }

# Build the CLI of this checkout once, so that the launcher does not build inside a measured run.
(cd "$root" && mvn -q -B -ntp -DskipTests -Dspotless.check.skip=true -Dinvoker.skip=true -pl cli -am install)

run() { # name, JVM options
  local name=$1 opts=$2 code=0
  TX_CHECK_JAVA_OPTS="$opts -Dtxcheck.treeStatistics=true" /usr/bin/time -v -o "$out/$name.time" \
    "$root/tx-check" --format json --output "$out/$name.json" --fail-on never --enable TX014 -q "$corpus" \
    >"$out/$name.out" 2>"$out/$name.err" || code=$?
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/$name.time")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/$name.time")
  printf '%-10s exit %s   wall %8s   peak RSS %6d MB   %s\n' "$name" "$code" "$wall" $((rss / 1024)) \
    "$(grep -h 'trees parsed' "$out/$name.err" | sed 's/^tx-check: //' || true)"
  [ "$code" -eq 0 ] || { tail -3 "$out/$name.err" >&2; return 1; }
}

status=0
run unbounded "" || status=1
run "xmx$small" "-Xmx$small" || status=1
[ "$status" -eq 0 ] || exit 1

python3 - "$out/unbounded.json" "$out/xmx$small.json" <<'PY'
import json, sys
a, b = (json.load(open(p))["findings"] for p in sys.argv[1:3])
same = a == b
print(f"findings: {len(a)} unbounded, {len(b)} with the small heap; identical: {'yes' if same else 'NO'}")
if not same:
    ka = {f["fingerprint"]: f for f in a}
    kb = {f["fingerprint"]: f for f in b}
    for k in sorted(ka.keys() - kb.keys())[:10]:
        print("  only unbounded:", ka[k]["file"], ka[k]["line"], ka[k]["ruleId"])
    for k in sorted(kb.keys() - ka.keys())[:10]:
        print("  only small heap:", kb[k]["file"], kb[k]["line"], kb[k]["ruleId"])
    sys.exit(1)
PY
