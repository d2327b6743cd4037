"""Reference: one exact Lloyd iteration of k-means on every non-blank 5x5 MNIST training patch, on a GPU with
PyTorch (float32, TF32 off, so that the assignment is as exact as latentlab's). Prints one JSON line per K.

What it answers: how fast the k-means step of the patch dictionary runs on a data-centre GPU, as a yardstick for
ND4J's CUDA backend (`-Pcuda`), which cannot be carried to the GPU machines of this workplace (see the
performance docs). Usage: python3 torch_lloyd.py data/mnist/train-images-idx3-ubyte 1000 10000
"""
import json
import sys
import time

import numpy as np
import torch


def patches(path):
    raw = np.fromfile(path, dtype=np.uint8, offset=16).reshape(-1, 28, 28)
    t = torch.from_numpy(raw).cuda().float().div_(255)
    p = t.unfold(1, 5, 1).unfold(2, 5, 1).reshape(-1, 25)
    return p[p.amax(1) > 0].contiguous()


def lloyd_iteration(x, c, chunk=1 << 20):
    k = c.shape[0]
    cc = (c * c).sum(1)
    sums = torch.zeros_like(c)
    counts = torch.zeros(k, device=x.device, dtype=torch.float64)
    inertia = torch.zeros((), device=x.device, dtype=torch.float64)
    for s in range(0, x.shape[0], chunk):
        xb = x[s:s + chunk]
        d = torch.addmm(cc, xb, c.t(), beta=1, alpha=-2)   # |c|^2 - 2 x.c
        best, label = d.min(1)
        inertia += (best + (xb * xb).sum(1)).double().sum()
        sums.index_add_(0, label, xb)
        counts += torch.bincount(label, minlength=k).double()
    nonempty = counts > 0
    c = c.clone()
    c[nonempty] = sums[nonempty] / counts[nonempty, None].float()
    return c, inertia.item() / x.shape[0]


def main():
    torch.backends.cuda.matmul.allow_tf32 = False
    x = patches(sys.argv[1])
    n = x.shape[0]
    for k in [int(a) for a in sys.argv[2:]]:
        g = torch.Generator(device="cuda").manual_seed(0)
        c = x[torch.randperm(n, device="cuda", generator=g)[:k]].clone()
        c, _ = lloyd_iteration(x, c)          # warm-up (kernels, allocator)
        torch.cuda.synchronize()
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            c, mse = lloyd_iteration(x, c)
            torch.cuda.synchronize()
            times.append(time.perf_counter() - t0)
        print(json.dumps({"bench": "torch_lloyd_gpu", "device": torch.cuda.get_device_name(), "patches": n, "k": k,
                          "seconds_per_iteration": min(times), "all_seconds": times, "mse": mse,
                          "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    main()
