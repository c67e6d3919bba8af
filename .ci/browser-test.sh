#!/usr/bin/env bash
# Opens the HTML report of the sample logs in headless Chromium and checks
# that it rendered: every section heading is in the DOM Chromium built,
# every image decoded (no broken or blocked image), the interactive map is
# there with the only script and no console error, and a full-page
# screenshot is tall and not blank. Installs nothing: without Chromium it
# says so and exits 0. Not part of .ci/run.
#
#   .ci/browser-test.sh                 # screenshot kept in a temporary dir
#   OUT=/tmp/shots .ci/browser-test.sh  # keep report.html and report.png there
set -euo pipefail
cd "$(dirname "$0")/.."

NAME=browser-test
# shellcheck source=browser-lib.sh
. .ci/browser-lib.sh

go run ./cmd/threatmap report -q --tz UTC -o "$out/report.html" \
  testdata/sample/access.log testdata/sample/auth.log testdata/sample/mail.log

url="file://$(cd "$out" && pwd)/report.html"

fail=0
check() { if ! grep -q -- "$2" "$1"; then echo "browser-test: FAIL: $3"; fail=1; fi; }

# 1. The DOM as Chromium built it (after load): the section headings, the
# inline images, and nothing that would reach for the network.
timeout 60 "$browser" "${flags[@]}" --dump-dom "$url" >"$out/dom.html" 2>"$out/chromium.log" || true
for h in "Key findings" "Where attacks come from" "When" "Threat categories" \
         "Source countries" "User names tried" "Top actors" "Inputs" "Geolocation"; do
  check "$out/dom.html" "<h2>$h" "heading \"$h\" missing from the rendered DOM"
done
imgs=$(grep -o '<img src="data:image/png;base64,' "$out/dom.html" | wc -l)
if [ "$imgs" -lt 6 ]; then echo "browser-test: FAIL: $imgs inline images, want ≥ 6 (map and charts)"; fail=1; fi
if grep -q -E '<link[ >]|<script[^>]* src=|src="https?:' "$out/dom.html"; then
  echo "browser-test: FAIL: the report references a script, stylesheet or remote resource"; fail=1
fi
scripts=$(grep -o '<script' "$out/dom.html" | wc -l)
if [ "$scripts" -gt 2 ]; then echo "browser-test: FAIL: $scripts scripts, want only the interactive map's data and code"; fail=1; fi
check "$out/dom.html" 'id="tm-svg"' "the interactive map is missing"
if grep -E 'Uncaught|Content Security Policy|Refused to' "$out/chromium.log"; then
  echo "browser-test: FAIL: console errors"; fail=1
fi

# 2. A full-page screenshot: tall (the page is long) and not blank (many
# distinct colours: the map, the charts).
timeout 60 "$browser" "${flags[@]}" --window-size=1280,5200 --screenshot="$out/report.png" "$url" \
  >>"$out/chromium.log" 2>&1 || true
if [ ! -s "$out/report.png" ]; then
  echo "browser-test: FAIL: no screenshot (see $out/chromium.log)"; fail=1
else
  go run .ci/pngstat.go "$out/report.png" >"$out/pngstat.txt" || fail=1
  read -r w h colours rows <"$out/pngstat.txt"
  echo "browser-test: screenshot ${w}x${h}, $colours colours, content down to row $rows"
  if [ "$colours" -lt 1000 ]; then echo "browser-test: FAIL: screenshot looks blank ($colours colours)"; fail=1; fi
  if [ "$rows" -lt 3000 ]; then echo "browser-test: FAIL: content ends at row $rows, the report should be longer"; fail=1; fi
fi

echo "browser-test: files in $out"
if [ "$fail" -ne 0 ]; then exit 1; fi
echo "browser-test: OK"
