#!/usr/bin/env bash
# Issue 24's speed target: a dense-model training step's seconds per image beside PyTorch's, same layers
# (784-500-500-2000-10 mirrored, MSE, Adam, batch 256), 2 threads, one run. Runs latentlab, PyTorch, latentlab
# again (the machines are shared: the ratio uses the faster latentlab median) and prints one JSON line.
# Needs target/trainer.jar (mvn package), MNIST in data/mnist, and PyTorch (apt-get install python3-torch: Debian's
# /usr/bin/python3 has it, a pyenv python3 first on PATH does not; PYTHON=… to use another).
# usage: src/bench/dense_step_vs_torch.sh [batch] [steps]
set -euo pipefail
cd "$(dirname "$0")/../.."
batch=${1:-256}
steps=${2:-200}
py=${PYTHON:-/usr/bin/python3}
ours() {
  java -jar target/trainer.jar bench vae --dense 500,500,2000 --digits 0,1,2,3,4,5,6,7,8,9 --batch "$batch" \
    --steps "$steps" --warmup 5 --dir data/mnist 2>/dev/null | tail -1
}
a=$(ours)
# the Python baseline only: OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are set on these machines for old OpenBLAS builds
t=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$py" src/bench/python/torch_dense_ae.py --batch "$batch" \
  --steps "$steps" --threads 2 --data data/mnist)
b=$(ours)
"$py" - "$a" "$t" "$b" <<'PY'
import json, sys
a, t, b = (json.loads(s) for s in sys.argv[1:])
ours = min(a["median_seconds_per_image"], b["median_seconds_per_image"])
print(json.dumps({"batch": t["batch"], "latentlab_seconds_per_image": [a["median_seconds_per_image"],
                  b["median_seconds_per_image"]], "torch_seconds_per_image": t["median_seconds_per_image"],
                  "ratio_latentlab_to_torch": ours / t["median_seconds_per_image"], "torch": t["torch_version"]}))
PY
