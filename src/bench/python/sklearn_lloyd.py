#!/usr/bin/env python3
"""Side-by-side baseline for `trainer bench kmeans`: scikit-learn's Lloyd iteration on the same patches.

Cuts every 5x5 window of the first DIGITS MNIST training digits, drops blank ones (float32, 0..255 scale, the
same rows trainer.jar clusters), and times scikit-learn KMeans(algorithm="lloyd") with max_iter=1 and
max_iter=1+ITERS from the same random init; the difference divided by ITERS is the seconds per Lloyd iteration
(wall clock, and CPU seconds of the process: on a shared machine the CPU seconds are the steadier figure).
Prints one JSON line. Needs numpy and scikit-learn (Debian: apt-get install python3-sklearn).

usage: sklearn_lloyd.py [--digits 60000] [--k 1000] [--iters 2] [--data data/mnist]
"""
import argparse
import json
import os
import time

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from sklearn.cluster import KMeans


def patches(data_dir, digits):
    with open(os.path.join(data_dir, "train-images-idx3-ubyte"), "rb") as f:
        raw = np.frombuffer(f.read(), dtype=np.uint8, offset=16)
    images = raw.reshape(-1, 28, 28)[:digits]
    windows = sliding_window_view(images, (5, 5), axis=(1, 2)).reshape(-1, 25)
    return windows[windows.any(axis=1)].astype(np.float32)


def timed_fit(x, k, max_iter, init):
    km = KMeans(n_clusters=k, init=init, n_init=1, max_iter=max_iter, tol=0.0, algorithm="lloyd")
    start, cpu = time.perf_counter(), time.process_time()
    km.fit(x)
    return time.perf_counter() - start, time.process_time() - cpu, km.n_iter_


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--digits", type=int, default=60000)
    p.add_argument("--k", type=int, default=1000)
    p.add_argument("--iters", type=int, default=2)
    p.add_argument("--data", default="data/mnist")
    a = p.parse_args()
    x = patches(a.data, a.digits)
    rng = np.random.default_rng(42)
    init = x[rng.choice(len(x), a.k, replace=False)]
    t1, c1, n1 = timed_fit(x, a.k, 1, init)
    tn, cn, nn = timed_fit(x, a.k, 1 + a.iters, init)
    print(json.dumps({"n": int(len(x)), "k": a.k, "d": 25, "sklearn_seconds_per_iteration": (tn - t1) / max(1, nn - n1),
                      "sklearn_cpu_seconds_per_iteration": (cn - c1) / max(1, nn - n1),
                      "iterations_timed": int(nn - n1), "threads": os.cpu_count(),
                      "sklearn_version": __import__("sklearn").__version__}))


if __name__ == "__main__":
    main()
