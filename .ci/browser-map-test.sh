#!/usr/bin/env bash
# Opens the interactive map of the sample logs in headless Chromium and
# checks that it works: no console error or Content-Security-Policy
# violation, heat under the busiest marker, the wheel and the + button
# zoom, a marker's tooltip shows its address, the time slider changes the
# density and the markers (a test script, .ci/map-selftest.js, is added to
# a copy of the page with its hash in the policy). Takes a screenshot of
# the page as it opens. Installs nothing: without Chromium it says so and
# exits 0. Not part of .ci/run.
#
#   .ci/browser-map-test.sh                 # files kept in a temporary dir
#   OUT=/tmp/shots .ci/browser-map-test.sh  # keep map.html and map.png there
set -euo pipefail
cd "$(dirname "$0")/.."

NAME=browser-map-test
# shellcheck source=browser-lib.sh
. .ci/browser-lib.sh

go run ./cmd/threatmap map -q --log-tz UTC --rules testdata/sample/site.yaml -o "$out/map.html" \
  testdata/sample/access.log testdata/sample/auth.log testdata/sample/mail.log
go run .ci/selftest.go "$out/map.html" .ci/map-selftest.js >"$out/map-test.html"

dir=$(cd "$out" && pwd)
fail=0

# 1. The self-test's verdicts, from the DOM after load.
timeout 90 "$browser" "${flags[@]}" --window-size=1280,800 --virtual-time-budget=5000 \
  --dump-dom "file://$dir/map-test.html" >"$out/dom.html" 2>"$out/chromium.log" || true
sed -n '/<pre id="tm-selftest">/,/<\/pre>/p' "$out/dom.html" | sed 's/<[^>]*>//g' | grep -v '^$' >"$out/selftest.txt" || true
sed 's/^/browser-map-test: /' "$out/selftest.txt"
if ! grep -q '^DONE' "$out/selftest.txt"; then echo "browser-map-test: FAIL: the self-test did not finish"; fail=1; fi
if grep -q '^FAIL' "$out/selftest.txt"; then fail=1; fi
if grep -E 'CONSOLE|Uncaught|Content Security Policy|Refused to' "$out/chromium.log" >"$out/console.txt"; then
  echo "browser-map-test: FAIL: console messages:"; cat "$out/console.txt"; fail=1
fi

# 2. A screenshot of the page as it opens: not blank.
timeout 90 "$browser" "${flags[@]}" --window-size=1400,900 --virtual-time-budget=3000 \
  --screenshot="$out/map.png" "file://$dir/map.html" >>"$out/chromium.log" 2>&1 || true
if [ ! -s "$out/map.png" ]; then
  echo "browser-map-test: FAIL: no screenshot (see $out/chromium.log)"; fail=1
else
  go run .ci/pngstat.go "$out/map.png" >"$out/pngstat.txt" || fail=1
  read -r w h colours rows <"$out/pngstat.txt"
  echo "browser-map-test: screenshot ${w}x${h}, $colours colours"
  if [ "$colours" -lt 500 ]; then echo "browser-map-test: FAIL: screenshot looks blank ($colours colours)"; fail=1; fi
fi

echo "browser-map-test: files in $out"
if [ "$fail" -ne 0 ]; then exit 1; fi
echo "browser-map-test: OK"
