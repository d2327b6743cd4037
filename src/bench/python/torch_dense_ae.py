#!/usr/bin/env python3
"""Side-by-side baseline for `trainer bench vae --dense 500,500,2000`: N2D's dense autoencoder in PyTorch.

784-500-500-2000-10 (ReLU; linear latent), the decoder mirrored to a linear 784 output, squared error summed over
the pixels and averaged over the batch, Adam 1e-3 — the shapes and loss of latentlab's `model.type: dense`,
`variational: false`, `loss: mse`. Times training steps on real MNIST digits after a warm-up with
torch.set_num_threads(THREADS). Prints one JSON line.
Needs PyTorch (Debian: apt-get install python3-torch) and numpy.

usage: torch_dense_ae.py [--batch 256] [--steps 50] [--warmup 5] [--threads 2] [--layers 500,500,2000]
                         [--latent 10] [--digits 0,1,...,9] [--data data/mnist]
"""
import argparse
import json
import statistics
import time

import numpy as np
import torch
from torch import nn

from torch_vae import digits   # the same idx reading: MNIST training images in [0, 1]


def autoencoder(layers, latent, pixels=784):
    widths = [pixels] + layers
    enc, dec = [], []
    for i in range(len(layers)):
        enc += [nn.Linear(widths[i], widths[i + 1]), nn.ReLU()]
    enc.append(nn.Linear(widths[-1], latent))
    back = [latent] + layers[::-1]
    for i in range(len(layers)):
        dec += [nn.Linear(back[i], back[i + 1]), nn.ReLU()]
    dec.append(nn.Linear(back[-1], pixels))
    return nn.Sequential(*enc), nn.Sequential(*dec)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--steps", type=int, default=50)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--layers", default="500,500,2000")
    p.add_argument("--latent", type=int, default=10)
    p.add_argument("--digits", default="0,1,2,3,4,5,6,7,8,9")
    p.add_argument("--data", default="data/mnist")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(42)
    x = torch.from_numpy(digits(a.data, [int(d) for d in a.digits.split(",")]).reshape(-1, 784))
    enc, dec = autoencoder([int(w) for w in a.layers.split(",")], a.latent)
    opt = torch.optim.Adam(list(enc.parameters()) + list(dec.parameters()), lr=1e-3)
    times = []
    rng = np.random.default_rng(42)
    for i in range(a.warmup + a.steps):
        batch = x[rng.choice(len(x), a.batch, replace=False)]
        start = time.perf_counter()
        opt.zero_grad()
        loss = ((dec(enc(batch)) - batch) ** 2).sum(dim=1).mean()
        loss.backward()
        opt.step()
        if i >= a.warmup:
            times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(json.dumps({"model": "dense [" + a.layers.replace(",", ", ") + "]", "batch": a.batch,
                      "timed_steps": a.steps, "median_step_seconds": median,
                      "mean_step_seconds": statistics.mean(times), "min_step_seconds": min(times),
                      "median_seconds_per_image": median / a.batch, "threads": a.threads,
                      "torch_version": torch.__version__}))


if __name__ == "__main__":
    main()
