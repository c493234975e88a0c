#!/usr/bin/env bash
# Recall benchmark: runs tx-check on the version before and after real bug-fix commits of public Java
# projects (bench/recall/cases.tsv) and reports whether the buggy method is flagged before the fix and
# whether it is still flagged after it. See bench/recall/README.md.
#
#   bench/recall/run.sh [--no-build] [--only REGEX] [--verbose] [--tsv FILE] [--cases FILE]
#
# Needs git, java 17+, jq, tar, and (unless --no-build) Maven. Never touches the network: the
# repositories must already be in $MIRROR (default /work/.mirror) as OWNER+NAME/repo bare git
# directories; missing ones are listed with the way to fetch them, and their cases are skipped.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
MIRROR=${MIRROR:-/work/.mirror}
cases=$here/cases.tsv
build=1
only=
verbose=0
tsv_out=

usage() { sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --no-build) build=0 ;;
    --only) only=$2; shift ;;
    --verbose | -v) verbose=1 ;;
    --tsv) tsv_out=$2; shift ;;
    --cases) cases=$2; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

for tool in git java jq tar; do
  command -v "$tool" >/dev/null || { echo "run.sh needs $tool on the PATH" >&2; exit 2; }
done

jar=${TX_CHECK_JAR:-$root/cli/target/tx-check.jar} # TX_CHECK_JAR: a copy, so that builds meanwhile do not disturb a run
if [[ $build -eq 1 ]]; then
  echo "building the CLI jar ..." >&2
  (cd "$root" && mvn -q -B -DskipTests -Dspotless.check.skip=true -Dinvoker.skip=true -pl cli -am package) >&2
fi
[[ -f $jar ]] || { echo "no $jar; build it or run without --no-build" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/txcheck-recall.XXXXXX")
trap 'rm -rf "$work"' EXIT

# --- read the cases --------------------------------------------------------------------------------
# columns: repo, fix commit, file, method (Class.method), expected rule, description
declare -a C_REPO C_SHA C_FILE C_METHOD C_RULE
n=0
while IFS=$'\t' read -r repo sha file method rule _desc || [[ -n ${repo:-} ]]; do
  [[ -z ${repo// /} || $repo == \#* || $repo == repo ]] && continue
  if [[ -n $only ]] && ! [[ "$repo $sha $file $method $rule" =~ $only ]]; then continue; fi
  C_REPO[n]=$repo C_SHA[n]=$sha C_FILE[n]=$file C_METHOD[n]=$method C_RULE[n]=$rule
  n=$((n + 1))
done <"$cases"
[[ $n -gt 0 ]] || { echo "no cases selected from $cases" >&2; exit 2; }

# --- which repositories are missing ----------------------------------------------------------------
declare -A MISSING=()
for ((i = 0; i < n; i++)); do
  r=${C_REPO[i]}
  g=$MIRROR/${r/\//+}/repo
  if ! git -C "$g" cat-file -e "${C_SHA[i]}^{commit}" 2>/dev/null; then MISSING[$r]=1; fi
done
if [[ ${#MISSING[@]} -gt 0 ]]; then
  echo "missing from $MIRROR (or lacking the fix commit); their cases are skipped:" >&2
  for r in $(printf '%s\n' "${!MISSING[@]}" | sort); do
    echo "  $r    fetch it with the search tool: fetch github:$r  (lands in $MIRROR/${r/\//+}/repo)" >&2
  done
fi

# --- analyse one version of one repository (cached per repository and commit) ----------------------
# Exports every .java file of the commit (the whole repository's sources, so that helpers, factories
# and base classes in other modules are visible) and writes tx-check's JSON report.
analyse() { # repo commit -> path of the JSON report
  local repo=$1 commit=$2 g key out src
  g=$MIRROR/${repo/\//+}/repo
  key=${repo/\//+}.$commit
  out=$work/$key.json
  if [[ ! -f $out ]]; then
    src=$work/$key.src
    mkdir -p "$src"
    # snapshots lack files of 4 MiB and more: git archive then complains about those blobs but still
    # writes every Java source, which is all tx-check reads
    git -C "$g" archive "$commit" -- ':(glob)**/*.java' 2>/dev/null | tar -x -C "$src" 2>/dev/null || true
    local rc=0
    (cd "$src" && java -jar "$jar" --enable TX014 --format json --fail-on never . 2>"$work/$key.stderr") \
      >"$out" || rc=$?
    if [[ $rc -ne 0 && $rc -ne 3 ]] || ! jq -e '.findings' "$out" >/dev/null 2>&1; then
      echo "warning: tx-check failed (exit $rc) on $repo at $commit; its last lines:" >&2
      tail -n 5 "$work/$key.stderr" | sed 's/^/    /' >&2
      echo '{"findings":[]}' >"$out"
    fi
    rm -rf "$src"
  fi
  echo "$out"
}

# findings of the report in FILE whose enclosing method is METHOD (Class.method, any overload);
# prints "RULE<TAB>LINE<TAB>MESSAGE" lines
findings_in() { # report file method
  jq -r --arg f "$2" --arg m "$3" '
    .findings[]
    | select(.file == $f)
    | select((.enclosing | sub("\\(.*$"; "")) == $m)
    | [.ruleId, (.line | tostring), .message] | @tsv' "$1"
}

# --- run --------------------------------------------------------------------------------------------
det=0 det_any=0 after=0 total=0 skipped=0 still=
declare -A RULE_TOTAL=() RULE_DET=()
[[ -n $tsv_out ]] && printf 'id\trepo\tcommit\tmethod\texpected\tbefore_expected\tbefore_any\tafter\tbefore_rules\tafter_rules\n' >"$tsv_out"
printf '%-4s %-9s %-14s %-10s %-30s %s\n' id expected before any-rule after "repository method"
for ((i = 0; i < n; i++)); do
  id=$(printf '%02d' $((i + 1)))
  repo=${C_REPO[i]} sha=${C_SHA[i]} file=${C_FILE[i]} method=${C_METHOD[i]} rule=${C_RULE[i]}
  if [[ -n ${MISSING[$repo]:-} ]]; then
    printf '%-4s %-9s %-14s %-10s %-30s %s\n' "$id" "$rule" SKIPPED - - "$repo $method"
    skipped=$((skipped + 1))
    continue
  fi
  g=$MIRROR/${repo/\//+}/repo
  parent=$(git -C "$g" rev-parse "$sha^")
  for v in "$parent" "$sha"; do
    git -C "$g" cat-file -e "$v:$file" 2>/dev/null ||
      echo "warning: case $id: $file does not exist in $repo at ${v:0:12}" >&2
  done
  rb=$(analyse "$repo" "$parent")
  ra=$(analyse "$repo" "$sha")
  before=$(findings_in "$rb" "$file" "$method")
  afterf=$(findings_in "$ra" "$file" "$method")
  b_rules=$(cut -f1 <<<"$before" | sed '/^$/d' | sort -u | paste -sd, -)
  a_rules=$(cut -f1 <<<"$afterf" | sed '/^$/d' | sort -u | paste -sd, -)
  total=$((total + 1))
  RULE_TOTAL[$rule]=$((${RULE_TOTAL[$rule]:-0} + 1))
  if grep -q "^$rule	" <<<"$before"; then
    st=DETECTED det=$((det + 1)) RULE_DET[$rule]=$((${RULE_DET[$rule]:-0} + 1))
  else
    st=MISSED
  fi
  if [[ -n $b_rules ]]; then any="yes:$b_rules" det_any=$((det_any + 1)); else any=no; fi
  if grep -q "^$rule	" <<<"$afterf"; then
    af=STILL-FLAGGED-AFTER after=$((after + 1)) still="$still $id"
  elif [[ -n $a_rules ]]; then
    af="other:$a_rules"
  else
    af=clean
  fi
  printf '%-4s %-9s %-14s %-10s %-30s %s\n' "$id" "$rule" "$st" "$any" "$af" "$repo $method"
  if [[ $verbose -eq 1 ]]; then
    [[ -n $before ]] && sed 's/^/       before: /' <<<"$before" | cut -c1-240
    [[ -n $afterf ]] && sed 's/^/       after:  /' <<<"$afterf" | cut -c1-240
  fi
  [[ -n $tsv_out ]] && printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$repo" "$sha" "$method" "$rule" \
    "$st" "$any" "$af" "$b_rules" "$a_rules" >>"$tsv_out"
done

echo
echo "summary ($total cases run, $skipped skipped)"
printf '  detected by the expected rule : %d / %d\n' "$det" "$total"
printf '  detected by any rule          : %d / %d\n' "$det_any" "$total"
printf '  expected rule still flagged after the fix: %d / %d\n' "$after" "$total"
if [[ ${#MISSING[@]} -gt 0 ]]; then
  printf '  skipped, repository not in %s: %s (fetch github:OWNER/NAME with the search tool)\n' "$MIRROR" \
    "$(printf '%s\n' "${!MISSING[@]}" | sort | paste -sd' ' -)"
fi
[[ -n $still ]] && printf '  still flagged after the fix: %s\n' "$still"
echo "  per expected rule (detected / cases):"
for r in $(printf '%s\n' "${!RULE_TOTAL[@]}" | sort); do
  printf '    %s %d / %d\n' "$r" "${RULE_DET[$r]:-0}" "${RULE_TOTAL[$r]}"
done
