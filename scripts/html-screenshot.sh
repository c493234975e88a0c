#!/usr/bin/env bash
# Renders tx-check's HTML report in headless Chromium: a screenshot to look at, and a check that the page's script ran
# and its rule filter works. Run on demand (not in CI); needs Debian's chromium (apt-get install chromium).
#   scripts/html-screenshot.sh [OUT_DIR]       default OUT_DIR: target/html-screenshot
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$(mkdir -p "${1:-$here/target/html-screenshot}" && cd "${1:-$here/target/html-screenshot}" && pwd)
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "html-screenshot: chromium not found; install it with: apt-get install chromium" >&2
  exit 2
fi

# A report over the examples plus a hostile file whose code tries to break out of the page.
src="$out/src"
rm -rf "$src" && mkdir -p "$src" && cp "$here"/examples/*.java "$src/"
cat > "$src/Hostile.java" <<'JAVA'
import java.sql.Connection;
import java.sql.SQLException;

/** </script><script>document.title = 'injected'</script> <img src=x onerror="document.title='injected'"> */
class Hostile {
  void save(Connection conn) throws SQLException {
    conn.setAutoCommit(false); // </pre><b>not bold</b> <!-- & "quotes" 'too' -->
    conn.createStatement().executeUpdate("insert into t values ('</script>')");
    conn.commit();
  }
}
JAVA
(cd "$out" && "$here/tx-check" --format html --output "$out/report.html" --fail-on never src >/dev/null)

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --hide-scrollbars)
run_chromium() {
  local profile
  profile=$(mktemp -d)
  "$chromium" "${flags[@]}" --user-data-dir="$profile" "$@" 2>/dev/null
  rm -rf "$profile"
}

run_chromium --window-size=1280,2400 --screenshot="$out/report.png" "file://$out/report.html" >/dev/null
run_chromium --dump-dom "file://$out/report.html" > "$out/all.dom"
run_chromium --dump-dom "file://$out/report.html#rule=TX002" > "$out/tx002.dom"

fail() { echo "html-screenshot: FAILED: $*" >&2; exit 1; }
articles() { grep -o '<article class="finding"[^>]*>' "$1" | wc -l; }
visible() { grep -o '<article class="finding"[^>]*>' "$1" | grep -vc 'hidden=' || true; }
total=$(articles "$out/all.dom")
[ "$total" -ge 4 ] || fail "expected at least 4 findings in the page, found $total"
[ "$(visible "$out/all.dom")" -eq "$total" ] || fail "some findings are hidden with every rule shown"
grep -q '<fieldset id="filter">' "$out/all.dom" || fail "the script did not show the rule filter"
grep -q '<title>tx-check report</title>' "$out/all.dom" || fail "the page title changed: injected code ran"
only=$(visible "$out/tx002.dom")
tx002=$(grep -o '<article class="finding"[^>]*data-rule="TX002"' "$out/all.dom" | wc -l)
[ "$only" -eq "$tx002" ] && [ "$only" -lt "$total" ] || fail "#rule=TX002 shows $only findings, expected $tx002"
echo "html-screenshot: ok: $total findings, #rule=TX002 shows $only; screenshot $out/report.png"
