#!/bin/bash
# Sweep wall times (issue 23, item 2), one run after another, from the -Pspark jar:
#   p1, p2    configs/sweep_beta_quick.yaml with search.parallel 1 and 2 on this machine
#   local4    the same with four β values, sequential, each candidate on 1 thread as on the cluster below (the
#             reference objectives: a VAE's float sums, so its losses, depend on the thread count)
#   cluster4  those four candidates on a standalone master + 2 workers (1 core, 2 GiB each) on 127.0.0.1,
#             started from the jars of lib/ as the tests do, search.executor spark, search.parallel 2
# Usage (from the repository root, after mvn -B -q -Pspark package -DskipTests and data fetch mnist):
#   src/bench/sweep_parallel_cluster.sh [JAR_DIR (default target; copy target/trainer.jar and target/lib there
#   first to rebuild meanwhile)] [OUT (default /tmp/sweep-bench)]
# Prints one line per run (exit code, wall seconds, load) into OUT/times.txt; each sweep folder is under OUT.
set -u
JARS=${1:-target}
OUT=${2:-/tmp/sweep-bench}
J=$JARS/trainer.jar
mkdir -p "$OUT"
four='parameters={"model.beta": {values: [0.25, 0.5, 1.0, 4.0]}}'
run() { # name, trainer arguments...
  local name=$1; shift
  echo "== $name: java -jar $J $* ($(date +%T), load $(cut -d' ' -f1-3 /proc/loadavg))" >> "$OUT/times.txt"
  local t0; t0=$(date +%s.%N)
  java -jar "$J" "$@" > "$OUT/$name.log" 2>&1
  local rc=$?
  echo "$name rc=$rc wall=$(echo "$(date +%s.%N) - $t0" | bc) s (load after $(cut -d' ' -f1-3 /proc/loadavg))" \
      >> "$OUT/times.txt"
}
run p1 sweep --config configs/sweep_beta_quick.yaml --set search.parallel=1 --set output.runs_dir="$OUT/p1"
run p2 sweep --config configs/sweep_beta_quick.yaml --set search.parallel=2 --set output.runs_dir="$OUT/p2"
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 JAVA_TOOL_OPTIONS=-XX:ActiveProcessorCount=1 \
    run local4 sweep --config configs/sweep_beta_quick.yaml --set "$four" --set output.runs_dir="$OUT/local4"

C=$OUT/cluster
mkdir -p "$C/jars" "$C/w0" "$C/w1"
ln -sf "$(realpath "$JARS")"/lib/*.jar "$C/jars/"
OPENS=""
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  OPENS="$OPENS --add-opens=java.base/$p=ALL-UNNAMED"
done
export SPARK_HOME=$C SPARK_SCALA_VERSION=2.12
# shellcheck disable=SC2086
java -Xmx256m -cp "$C/jars/*" $OPENS org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 17077 \
    --webui-port 18080 > "$C/master.log" 2>&1 &
MASTER=$!
sleep 8
WORKERS=()
for w in 0 1; do
  # shellcheck disable=SC2086
  java -Xmx256m -cp "$C/jars/*" $OPENS org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 \
      --memory 2g --work-dir "$C/w$w" spark://127.0.0.1:17077 > "$C/w$w.log" 2>&1 &
  WORKERS+=($!)
done
sleep 15
run cluster4 sweep --config configs/sweep_beta_quick.yaml --set "$four" --set search.executor=spark \
    --set search.parallel=2 --set spark.master=spark://127.0.0.1:17077 --set spark.executor_memory=2g \
    --set 'spark.conf={spark.driver.host: 127.0.0.1, spark.driver.bindAddress: 127.0.0.1}' \
    --set output.runs_dir="$(realpath "$OUT")/cluster4"
for p in "${WORKERS[@]}" $MASTER; do
  pkill -P "$p" 2>/dev/null   # the worker's executors
  kill "$p"
done
echo finished >> "$OUT/times.txt"
