#!/usr/bin/env bash
# Render benchmark: threatmap render against the matplotlib figure of
# .ci/bench_matplotlib.py (90x45 weighted histogram, Gouraud-shaded mesh,
# Natural Earth borders, 2000x2000 PNG) on the same 1,000,000-point CSV, in
# the same run; then the fixed cost of a one-point map (default PNG,
# 800x600, SVG, PDF). Times from bash's `time` (wall, user, system).
#
#   .ci/bench-render.sh
#   BENCH_INSTALL=1 .ci/bench-render.sh   # first apt-get install python3-matplotlib
#
# Environment: GO (go), PYTHON (/usr/bin/python3, which sees Debian's
# matplotlib), BENCH_POINTS (1000000), BENCH_RUNS (3), BENCH_DIR (.bench).
set -eu -o pipefail
cd "$(dirname "$0")/.."

GO=${GO:-go}
PYTHON=${PYTHON:-/usr/bin/python3}
POINTS=${BENCH_POINTS:-1000000}
RUNS=${BENCH_RUNS:-3}
DIR=${BENCH_DIR:-.bench}
mkdir -p "$DIR" bin
say() { printf '%s\n' "$*" >&2; }

if [ "${BENCH_INSTALL:-0}" = 1 ]; then
	sudo=
	[ "$(id -u)" = 0 ] || sudo=sudo
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-matplotlib >/dev/null
fi

$GO build -o bin/threatmap ./cmd/threatmap
CSV=$DIR/points-$POINTS.csv
if [ ! -f "$CSV" ]; then
	say "bench-render: generating $CSV"
	"$PYTHON" .ci/bench_matplotlib.py gen "$POINTS" "$CSV"
fi
printf 'lat,lon\n48.8,2.3\n' >"$DIR/one.csv"
cat "$CSV" >/dev/null # a warm page cache for both

# measure NAME CMD...: runs CMD RUNS times; prints each run's wall, user and
# system seconds and leaves the best wall and its CPU in BEST and BESTCPU.
measure() {
	local name=$1 i t
	shift
	BEST= BESTCPU=
	for ((i = 1; i <= RUNS; i++)); do
		t=$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&1; } 2>&1)
		read -r wall user sys <<<"$t"
		printf '%-32s run %d  wall %6.2f s  user %6.2f s  sys %6.2f s\n' "$name" "$i" "$wall" "$user" "$sys"
		if [ -z "$BEST" ] || awk -v a="$wall" -v b="$BEST" 'BEGIN { exit !(a < b) }'; then
			BEST=$wall BESTCPU=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
		fi
	done
}

measure "matplotlib 2000x2000" "$PYTHON" .ci/bench_matplotlib.py plot "$CSV" "$DIR/matplotlib.png"
mpl=$BEST mplcpu=$BESTCPU
measure "threatmap 2000x2000" bin/threatmap render -q --size 2000x2000 -o "$DIR/threatmap.png" "$CSV"
tm=$BEST tmcpu=$BESTCPU
awk -v a="$tm" -v b="$mpl" -v c="$tmcpu" -v d="$mplcpu" 'BEGIN {
	printf "ratio threatmap / matplotlib: wall %.2f (%.2f s / %.2f s), CPU %.2f (%.2f s / %.2f s)\n", a / b, a, b, c / d, c, d }'

for out in one.png one-800.png one.svg one.pdf; do
	size=()
	[ "$out" = one-800.png ] && size=(--size 800x600)
	measure "threatmap one point $out" bin/threatmap render -q "${size[@]}" -o "$DIR/$out" "$DIR/one.csv"
done
