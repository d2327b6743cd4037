#!/usr/bin/env python3
"""Side by side: latentlab's Gaussian mixture (`trainer.jar bench gmm`) and scikit-learn's GaussianMixture on the
same data, with the same options (full covariances, init kmeans, tol 1e-3, max_iter 100, reg_covar 1e-6).

Cases: the shipped quick vae_148 latents sample (src/test/resources/latents/vae_148_latents.npz, train_mu,
K = 3, n_init 1 and 3) and 1,000,000 x 2 blobs (K = 3, n_init 1). For each case it prints one line per side: best
mean log-likelihood on the data (score) and the fastest of REPEATS fits, then whether ours meets the targets
(log-lik >= sklearn's - 1e-4, seconds <= sklearn's). Ours runs one untimed warm-up fit first (the JIT);
scikit-learn's first fit is timed like the others.

Run from the repository root after `mvn -B -q package -DskipTests` (scikit-learn from Debian:
`apt-get install -y python3-sklearn`; unset OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE for the Python command):
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 src/bench/python/gmm_parity.py
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
from sklearn.datasets import make_blobs
from sklearn.mixture import GaussianMixture

LATENTS = "src/test/resources/latents/vae_148_latents.npz"


def sklearn_fit(x, k, n_init, init, seed, repeats):
    best_seconds, gm = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        gm = GaussianMixture(n_components=k, covariance_type="full", tol=1e-3, reg_covar=1e-6, max_iter=100,
                             n_init=n_init, init_params=init, random_state=seed).fit(x)
        best_seconds = min(best_seconds, time.perf_counter() - start)
    return {"mean_log_likelihood": float(gm.score(x)), "lower_bound": float(gm.lower_bound_),
            "n_iter": int(gm.n_iter_), "seconds": best_seconds}


def ours_fit(jar, npz, key, k, n_init, init, seed, repeats, java_opts):
    env = {key_: v for key_, v in os.environ.items()}
    cmd = ["java", *java_opts, "-jar", jar, "bench", "gmm", "--npz", npz, "--key", key, "--k", str(k),
           "--n-init", str(n_init), "--init", init, "--seed", str(seed), "--repeats", str(repeats)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    return json.loads([line for line in out.splitlines() if line.startswith("{")][-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jar", default="target/trainer.jar")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--blobs", type=int, default=1_000_000, help="rows of the blobs case")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--java-opts", default="-Xmx4g -Dorg.bytedeco.javacpp.maxbytes=2G "
                                           "-Dorg.bytedeco.javacpp.maxphysicalbytes=6G")
    args = ap.parse_args()
    java_opts = args.java_opts.split()

    with tempfile.TemporaryDirectory() as tmp:
        blobs_npz = os.path.join(tmp, "blobs.npz")
        x_blobs, _ = make_blobs(n_samples=args.blobs, n_features=2, centers=3, random_state=0)
        np.savez(blobs_npz, x=x_blobs)
        latents = np.load(LATENTS)["train_mu"]
        cases = [("quick latents", LATENTS, "train_mu", latents, 3, 1),
                 ("quick latents", LATENTS, "train_mu", latents, 3, 3),
                 ("blobs", blobs_npz, "x", x_blobs, 3, 1)]
        ok = True
        print(f"{'case':<14} {'n':>9} {'K':>2} {'n_init':>6} {'side':<9} {'log-lik':>11} {'n_iter':>6} {'seconds':>8}")
        for name, npz, key, x, k, n_init in cases:
            theirs = sklearn_fit(x, k, n_init, "kmeans", args.seed, args.repeats)
            ours = ours_fit(args.jar, npz, key, k, n_init, "kmeans", args.seed, args.repeats, java_opts)
            for side, r in (("sklearn", theirs), ("latentlab", ours)):
                print(f"{name:<14} {len(x):>9} {k:>2} {n_init:>6} {side:<9} {r['mean_log_likelihood']:>11.6f} "
                      f"{r['n_iter']:>6} {r['seconds']:>8.3f}")
            ll_ok = ours["mean_log_likelihood"] >= theirs["mean_log_likelihood"] - 1e-4
            time_ok = ours["seconds"] <= theirs["seconds"]
            ok &= ll_ok and time_ok
            print(f"{'':<14} log-lik {'ok' if ll_ok else 'BELOW'} (diff {ours['mean_log_likelihood'] - theirs['mean_log_likelihood']:+.2e}), "
                  f"time ratio ours/sklearn {ours['seconds'] / theirs['seconds']:.2f}")
        print("parity: " + ("met" if ok else "NOT met"))
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
