#!/usr/bin/env bash
# The short GPU check of the CUDA backend (run on a GPU machine from the repository root, with
# data/mnist/train-images-idx3-ubyte present). Prints what the machine offers a JVM + ND4J CUDA build, then
# the PyTorch reference for the k-means step. Each part is bounded so the whole stays within a few minutes.
set -u
echo "== machine"; nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv
echo "== java"; (command -v java && java -version) 2>&1 | head -3 || echo "no java on PATH"; ls /usr/lib/jvm 2>&1 | head
echo "== CUDA runtime libraries an ND4J 11.6 build links (libcudart.so.11.0, libcublas.so.11, libcusolver.so.11)"
ldconfig -p | grep -E "libcudart|libcublas\.|libcusolver\.|libcudnn\." | head -20
find / -xdev \( -name 'libcudart.so*' -o -name 'libcublas.so*' \) 2>/dev/null | grep -v proc | head -20
echo "== torch reference: one Lloyd iteration, all non-blank 5x5 MNIST patches"
timeout 240 python3 src/bench/gpu/torch_lloyd.py data/mnist/train-images-idx3-ubyte 1000 10000
