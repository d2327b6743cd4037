#!/usr/bin/env python3
"""Side-by-side baseline for colour quantization: scikit-learn's KMeans on a picture's RGB pixels.

Fits KMeans(n_clusters=K, n_init=1, algorithm="lloyd", random_state=SEED) on all pixels (float, 0..255) of the
picture, predicts every pixel, and prints one JSON line with the seconds (fit + predict), iterations and MSE.
Needs numpy, Pillow and scikit-learn (Debian: apt-get install python3-sklearn python3-pil).

usage: sklearn_quantize.py IMAGE [--k 64] [--seed 42]
"""
import argparse
import json
import time

import numpy as np
from PIL import Image
from sklearn.cluster import KMeans


def main():
    p = argparse.ArgumentParser()
    p.add_argument("image")
    p.add_argument("--k", type=int, default=64)
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    pixels = np.asarray(Image.open(a.image).convert("RGB"), dtype=np.float64).reshape(-1, 3)
    start = time.perf_counter()
    km = KMeans(n_clusters=a.k, n_init=1, algorithm="lloyd", random_state=a.seed).fit(pixels)
    labels = km.predict(pixels)
    seconds = time.perf_counter() - start
    mse = float(((pixels - km.cluster_centers_[labels]) ** 2).mean())
    print(json.dumps({"image": a.image, "pixels": int(len(pixels)), "k": a.k, "seconds": seconds,
                      "iterations": int(km.n_iter_), "mse": mse,
                      "sklearn_version": __import__("sklearn").__version__}))


if __name__ == "__main__":
    main()
