#!/usr/bin/env python3
"""Side-by-side baseline for `trainer bench vae`: source document 004's conv VAE in PyTorch, same shapes and loss.

Times training steps (Adam 1e-3, dropout on, BCE summed over pixels + beta*KLD, mean over the batch) on real MNIST
digits 1/4/8 after a warm-up, with torch.set_num_threads(THREADS). Prints one JSON line.
Needs PyTorch (Debian: apt-get install python3-torch) and numpy.

usage: torch_vae.py [--batch 128] [--steps 20] [--warmup 3] [--threads 2] [--data data/mnist]
"""
import argparse
import json
import os
import statistics
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F


class ConvVae(nn.Module):
    def __init__(self, latent=2, drop=0.2):
        super().__init__()
        chans, strides = [1, 32, 64, 128, 128, 256], [1, 2, 1, 2, 1]
        enc = []
        for i, s in enumerate(strides):
            enc += [nn.Conv2d(chans[i], chans[i + 1], 3, s, 1), nn.ReLU(), nn.Dropout2d(drop)]
        self.enc = nn.Sequential(*enc)
        self.fc = nn.Sequential(nn.Linear(256 * 7 * 7, 512), nn.ReLU(), nn.Dropout(drop))
        self.mu = nn.Linear(512, latent)
        self.logvar = nn.Linear(512, latent)
        self.dec_fc = nn.Sequential(nn.Linear(latent, 256 * 7 * 7), nn.ReLU())
        dec = []
        for i, s in reversed(list(enumerate(strides))):
            out = chans[i] if i > 0 else 1
            dec.append(nn.ConvTranspose2d(chans[i + 1], out, 3, s, 1, output_padding=s - 1))
            if i > 0:
                dec.append(nn.ReLU())
        self.dec = nn.Sequential(*dec)

    def forward(self, x):
        h = self.fc(self.enc(x).flatten(1))
        mu, logvar = self.mu(h), self.logvar(h)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        logits = self.dec(self.dec_fc(z).view(-1, 256, 7, 7))
        return logits, mu, logvar


def loss_fn(logits, x, mu, logvar, beta=0.5):
    bce = F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(dim=(1, 2, 3))
    kld = 0.5 * (logvar.exp() + mu * mu - logvar - 1).sum(dim=1)
    return (bce + beta * kld).mean()


def digits(data_dir, keep=(1, 4, 8)):
    with open(os.path.join(data_dir, "train-images-idx3-ubyte"), "rb") as f:
        images = np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(-1, 1, 28, 28)
    with open(os.path.join(data_dir, "train-labels-idx1-ubyte"), "rb") as f:
        labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8)
    return images[np.isin(labels, keep)].astype(np.float32) / 255.0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--data", default="data/mnist")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(42)
    x = torch.from_numpy(digits(a.data))
    model = ConvVae()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train()
    times = []
    rng = np.random.default_rng(42)
    for i in range(a.warmup + a.steps):
        batch = x[rng.choice(len(x), a.batch, replace=False)]
        start = time.perf_counter()
        opt.zero_grad()
        logits, mu, logvar = model(batch)
        loss = loss_fn(logits, batch, mu, logvar)
        loss.backward()
        opt.step()
        if i >= a.warmup:
            times.append(time.perf_counter() - start)
    train_images = round(len(x) * 0.8)
    median = statistics.median(times)
    print(json.dumps({"batch": a.batch, "timed_steps": a.steps, "median_step_seconds": median,
                      "mean_step_seconds": statistics.mean(times), "min_step_seconds": min(times),
                      "train_images": train_images,
                      "epoch_seconds_estimate": median * -(-train_images // a.batch),
                      "threads": a.threads, "torch_version": torch.__version__}))


if __name__ == "__main__":
    main()
