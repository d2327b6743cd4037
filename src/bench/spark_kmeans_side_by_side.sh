#!/usr/bin/env bash
# Issue 23, item 1: the patch dictionary's Lloyd on Spark at native speed, measured side by side on a QUIET machine
# (nothing else running: every figure is wall seconds on the same cores).
#
#   mvn -B -q -Pspark package -DskipTests          # the -Pspark jar, once
#   src/bench/spark_kmeans_side_by_side.sh [STEP ...]
#
# STEP (default: all of them, in this order; about 2-3 hours on 2 cores, most of it Spark ML's block solver):
#   local    all 20,074,704 patches on 2 cores, K = 1,000 and K = 10,000: the nd4j engine (bench kmeans), Spark
#            native and Spark ML's block solver on local[2] (bench spark-kmeans --solver native|mllib)
#   mse      from the same seed (so the same k-means++ centroids), all patches, K = 1,000, 10 Lloyd iterations:
#            the kmeans_patches pipeline with kmeans.engine nd4j and with spark (native); train MSE of both
#   scaling  a standalone cluster on 127.0.0.1 (master + workers started here from target/lib, as the tests do):
#            1 worker x 1 core, then 2 workers x 1 core, Spark native at K = 1,000 and K = 10,000 (SCALING_KS), the
#            patches in PARTITIONS partitions (default 4)
#   larger   the 63,788,536-patch set (all digits + 2 shifted/rotated copies) with a 2 GiB heap, K = 256: native
#            and Spark ML (performance.md's larger-than-heap run; the nd4j engine refuses this set)
#
# Every JSON line goes to $OUT/<name>.json, each command's log to $OUT/<name>.log; the last step prints a table.
# OUT defaults to runs/bench-spark-kmeans-<stamp>; set OUT=... to choose. Spark's spill goes to SPARK_LOCAL_DIR
# (default /tmp: the larger step spills about 10-15 GB there). DIGITS=300 (default 60000, all) makes a smoke test.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=target/trainer.jar
[[ -f $JAR ]] || { echo "no $JAR: build it with mvn -B -q -Pspark package -DskipTests" >&2; exit 2; }
OUT=${OUT:-runs/bench-spark-kmeans-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
LOCAL_DIR=${SPARK_LOCAL_DIR:-/tmp}
DIGITS=${DIGITS:-60000}
STEPS=("$@")
[[ ${#STEPS[@]} -gt 0 ]] || STEPS=(local mse scaling larger)
LOOPBACK=(--conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1)

# run NAME COMMAND...: the command's last JSON line into $OUT/NAME.json, everything else into $OUT/NAME.log
run() {
  local name=$1; shift
  echo "== $name: $*" | tee -a "$OUT/commands.txt"
  "$@" > "$OUT/$name.out" 2> "$OUT/$name.log"
  grep '^{' "$OUT/$name.out" | tail -1 > "$OUT/$name.json"
  cat "$OUT/$name.json"
}

step_local() {
  for k in 1000 10000; do
    run "nd4j_k$k" java -Xmx12g -jar $JAR bench kmeans --digits $DIGITS --k $k --repeats 1 --lloyd-iterations 3
    run "native_local2_k$k" java -Xmx12g -jar $JAR bench spark-kmeans --solver native --digits $DIGITS --k $k \
        --iterations 4 --master 'local[2]' --conf spark.local.dir="$LOCAL_DIR"
    run "mllib_local2_k$k" java -Xmx12g -jar $JAR bench spark-kmeans --solver mllib --digits $DIGITS --k $k \
        --iterations $([[ $k == 1000 ]] && echo 4 || echo 2) --master 'local[2]' --conf spark.local.dir="$LOCAL_DIR"
  done
}

step_mse() {
  local common=(--config kmeans_quick --set data.train_limit=$([[ $DIGITS == 60000 ]] && echo null || echo $DIGITS) --set data.test_limit=1000 --set 'kmeans.k=[1000]'
                --set kmeans.max_iter=10 --set 'report.atlas_k=[]' --set output.runs_dir="$OUT/runs"
                --set output.models_dir="$OUT/models")
  echo "== mse: nd4j then spark native, all patches, K = 1000, 10 iterations, seed 42" | tee -a "$OUT/commands.txt"
  java -Xmx12g -jar $JAR "${common[@]}" --set name=mse_nd4j > "$OUT/mse_nd4j.log" 2>&1
  java -Xmx12g -jar $JAR "${common[@]}" --set name=mse_native --set kmeans.engine=spark \
      --set 'spark.master=local[2]' --set "spark.conf={spark.local.dir: $LOCAL_DIR}" > "$OUT/mse_native.log" 2>&1
  python3 - "$OUT/runs" <<'PY'
import glob, json, sys
def result(name):
    run = sorted(glob.glob(f"{sys.argv[1]}/*-{name}"))[-1]
    return json.load(open(f"{run}/summary.json"))["results"][0]
a, b = result("mse_nd4j"), result("mse_native")
print(json.dumps({"k": a["k"], "iterations": [a["iterations"], b["iterations"]],
                  "train_mse_nd4j": a["train_mse"], "train_mse_native": b["train_mse"],
                  "relative_difference": abs(b["train_mse"] - a["train_mse"]) / a["train_mse"],
                  "seconds_per_iteration": [a["seconds_per_iteration"], b["seconds_per_iteration"]]}))
PY
}

# A standalone cluster from the jars of target/lib (the "Spark installation" of its workers), on 127.0.0.1.
CLUSTER_PIDS=()
stop_cluster() {
  for pid in "${CLUSTER_PIDS[@]}"; do
    pkill -TERM -P "$pid" 2>/dev/null || true   # the worker's executors (children of this worker only)
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${CLUSTER_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  CLUSTER_PIDS=()
}
trap stop_cluster EXIT

start_cluster() {  # start_cluster WORKERS
  local home="$OUT/spark-home" opens=()
  mkdir -p "$home/jars"
  ln -sf "$PWD"/target/lib/*.jar "$home/jars/"
  for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
           java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
    opens+=(--add-opens=java.base/$p=ALL-UNNAMED)
  done
  SPARK_HOME=$home SPARK_SCALA_VERSION=2.12 java -Xmx512m -cp "$home/jars/*" "${opens[@]}" \
      org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 7077 --webui-port 8080 > "$OUT/master.log" 2>&1 &
  CLUSTER_PIDS+=($!)
  sleep 5
  for ((w = 0; w < $1; w++)); do
    mkdir -p "$OUT/worker$w"
    SPARK_HOME=$home SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_DIRS=$LOCAL_DIR java -Xmx512m -cp "$home/jars/*" "${opens[@]}" \
        org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 9g --work-dir "$OUT/worker$w" \
        spark://127.0.0.1:7077 > "$OUT/worker$w.log" 2>&1 &
    CLUSTER_PIDS+=($!)
  done
  for _ in $(seq 120); do
    [[ $(curl -s http://127.0.0.1:8080/json/ | python3 -c 'import json,sys; print(json.load(sys.stdin)["aliveworkers"])' 2>/dev/null) == "$1" ]] && return 0
    sleep 1
  done
  echo "the cluster did not get $1 workers; see $OUT/master.log" >&2
  exit 1
}

step_scaling() {
  for workers in 1 2; do
    start_cluster $workers
    for k in ${SCALING_KS:-1000 10000}; do
      # the same partitions in both runs (PARTITIONS, default 4): the same work split, one or two executors of one
      # core each (8 GiB heap)
      run "native_cluster${workers}x1_k${k}_p${PARTITIONS:-4}" java -Xmx4g -Dspark.executor.memory=8g -jar $JAR \
          bench spark-kmeans --solver native --digits $DIGITS --k $k --iterations 4 --master spark://127.0.0.1:7077 \
          --partitions ${PARTITIONS:-4} \
          "${LOOPBACK[@]}"
    done
    stop_cluster
  done
}

step_larger() {
  for solver in native mllib; do
    run "${solver}_larger_than_heap" java -Xmx2g -Dorg.bytedeco.javacpp.maxbytes=2G -jar $JAR bench spark-kmeans \
        --solver $solver --digits $DIGITS --copies 2 --k 256 --iterations 3 --master 'local[2]' \
        --conf spark.local.dir="$LOCAL_DIR"
  done
}

for s in "${STEPS[@]}"; do
  case $s in
    local|mse|scaling|larger) "step_$s" ;;
    *) echo "unknown step $s: expected local, mse, scaling or larger" >&2; exit 2 ;;
  esac
done

# The table: seconds per iteration of each run, and native's ratio to the nd4j engine / its cluster scaling.
python3 - "$OUT" <<'PY'
import glob, json, os, sys
out = sys.argv[1]
def line(name):
    p = f"{out}/{name}.json"
    return json.load(open(p)) if os.path.exists(p) and os.path.getsize(p) else None
def per_iteration(j):
    return j["lloyd_per_iteration"]["wall"] if "lloyd_per_iteration" in j else j["seconds_per_iteration"]
print(f"{'run':32} {'patches':>11} {'K':>6} {'s/iter':>9} {'peak MB':>8}")
for p in sorted(glob.glob(f"{out}/*.json")):
    name = os.path.basename(p)[:-5]
    j = line(name)
    if j and ("seconds_per_iteration" in j or "lloyd_per_iteration" in j):
        print(f"{name:32} {j.get('patches', j.get('n')):>11} {j['k']:>6} {per_iteration(j):>9.3f} {j['peak_rss_mb']:>8}")
for k in (1000, 10000):
    nd4j, native = line(f"nd4j_k{k}"), line(f"native_local2_k{k}")
    if nd4j and native:
        print(f"K = {k}: native / nd4j seconds per iteration = {per_iteration(native) / per_iteration(nd4j):.2f} (target <= 1.5)")
    for p in sorted(glob.glob(f"{out}/native_cluster1x1_k{k}_p*.json")):
        parts = p.rsplit("_p", 1)[1][:-5]
        one, two = line(f"native_cluster1x1_k{k}_p{parts}"), line(f"native_cluster2x1_k{k}_p{parts}")
        if one and two:
            print(f"K = {k}, {parts} partitions: 1 worker / 2 workers seconds per iteration = "
                  f"{per_iteration(one) / per_iteration(two):.2f} (target >= 1.7)")
PY
