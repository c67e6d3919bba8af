"""Classify logs with threatmap on Spark workers, one shard of the source
addresses per task, then merge the shards into the single-run result.

    spark-submit threatmap_shards.py THREATMAP OUT_DIR SHARDS LOG...

Every task reads all of LOG... (a path every worker sees: a shared file
system or a mounted bucket) and keeps the addresses of its own shard, so
the per-address windows are exact; `threatmap merge` then joins the actors
into exactly what one run over everything writes. SPARK_MASTER picks the
cluster (default local[*]).
"""

import os
import subprocess
import sys

from pyspark.sql import SparkSession


def classify_shards(shards, n, out, threatmap, logs):
    """Runs threatmap classify for each shard of the partition."""
    for k in shards:
        run = subprocess.run(
            [threatmap, "classify", "-q", "--shard", f"{k}/{n}",
             "--actors", os.path.join(out, f"actors-{k}.parquet"),
             "-o", os.path.join(out, f"events-{k}.parquet"), *logs])
        if run.returncode not in (0, 2):  # 2: some input not read to the end
            raise RuntimeError(f"threatmap classify --shard {k}/{n}: exit {run.returncode}")
        yield k


def main():
    threatmap, out, n, logs = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
    os.makedirs(out, exist_ok=True)
    spark = (SparkSession.builder.master(os.environ.get("SPARK_MASTER", "local[*]"))
             .appName("threatmap").getOrCreate())
    done = (spark.sparkContext.parallelize(range(n), n)
            .mapPartitions(lambda ks: classify_shards(ks, n, out, threatmap, logs))
            .collect())
    spark.stop()
    for name in ("actors", "events"):
        parts = [os.path.join(out, f"{name}-{k}.parquet") for k in sorted(done)]
        subprocess.run([threatmap, "merge", "-q", "-o", os.path.join(out, f"{name}.parquet"), *parts], check=True)


if __name__ == "__main__":
    main()
