# Sourced by the headless-browser checks: finds Chromium (or skips the
# check, exit 0, when there is none), makes the output directory and a
# throw-away profile, and sets the flags every run uses.
#
#   NAME=browser-test; . .ci/browser-lib.sh   # then $browser, $out, "${flags[@]}"

browser=""
for b in chromium chromium-browser google-chrome; do
  if command -v "$b" >/dev/null 2>&1; then browser=$b; break; fi
done
if [ -z "$browser" ]; then
  echo "$NAME: SKIP: no chromium on PATH (apt-get install chromium)"
  exit 0
fi

out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

flags=(--headless --no-sandbox --disable-gpu --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --hide-scrollbars --user-data-dir="$profile" --enable-logging=stderr --v=0)
