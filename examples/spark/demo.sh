#!/bin/sh
# Runs the Spark recipe in Spark local mode on the sample logs and checks
# that the merged actors are the single run's, byte for byte. Skips when
# pyspark or Java is missing.
set -eu
GO=${GO:-go}
if ! command -v java >/dev/null 2>&1 || ! python3 -c 'import pyspark' >/dev/null 2>&1; then
	echo "spark-demo: skipped: needs Java and pyspark (pip install pyspark)"
	exit 0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
$GO build -o "$out/threatmap" ./cmd/threatmap
logs="testdata/sample/access.log testdata/sample/auth.log testdata/sample/mail.log"
# The sample's own rules, through a wrapper, as a worker would be set up.
printf '#!/bin/sh\nexec %s "$@" --tz UTC --rules %s\n' "$out/threatmap" "$PWD/testdata/sample/site.yaml" >"$out/tm"
chmod +x "$out/tm"
python3 examples/spark/threatmap_shards.py "$out/tm" "$out/shards" 4 $logs 2>"$out/spark.log" ||
	{ cat "$out/spark.log" >&2; exit 1; }
"$out/tm" classify -q --actors "$out/single.csv" -o /dev/null $logs
"$out/threatmap" merge -q -o "$out/merged.csv" "$out/shards/actors.parquet"
cmp "$out/single.csv" "$out/merged.csv"
echo "spark-demo: 4 shards on Spark merge into the single run's $(($(wc -l <"$out/single.csv") - 1)) actors, byte for byte"
