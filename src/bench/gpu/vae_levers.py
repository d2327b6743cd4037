# Lever screening for issue 11 on a GPU: a PyTorch replica of latentlab's conv VAE (same layers, loss, Adam,
# 80/20 split), then GMM(K = classes) on the latents, raw and after UMAP(3, 20 nn, min_dist .05). Hungarian acc.
import json, sys, time, numpy as np, torch, torch.nn as nn, torch.nn.functional as F
from scipy.optimize import linear_sum_assignment
from sklearn.mixture import GaussianMixture
from sklearn.metrics import normalized_mutual_info_score as nmi
import umap

def idx(path, off): return np.fromfile(path, dtype=np.uint8, offset=off)
Xtr = idx('data/mnist/train-images-idx3-ubyte', 16).reshape(-1, 1, 28, 28); ytr = idx('data/mnist/train-labels-idx1-ubyte', 8)
Xte = idx('data/mnist/t10k-images-idx3-ubyte', 16).reshape(-1, 1, 28, 28); yte = idx('data/mnist/t10k-labels-idx1-ubyte', 8)

class VAE(nn.Module):
    def __init__(s, ch, st, dense, lat, drop):
        super().__init__()
        s.enc = nn.ModuleList(); c = 1; h = 28
        for o, k in zip(ch, st): s.enc.append(nn.Conv2d(c, o, 3, k, 1)); c = o; h = (h + 2 - 3) // k + 1
        s.c, s.h, s.drop = c, h, drop
        s.fc = nn.Linear(c * h * h, dense); s.mu = nn.Linear(dense, lat); s.lv = nn.Linear(dense, lat)
        s.dfc = nn.Linear(lat, c * h * h); s.dec = nn.ModuleList()
        chs = [1] + list(ch)
        for i in range(len(ch) - 1, -1, -1):
            s.dec.append(nn.ConvTranspose2d(chs[i + 1], chs[i], 3, st[i], 1, output_padding=st[i] - 1))
    def encode(s, x):
        for l in s.enc: x = F.dropout2d(F.relu(l(x)), s.drop, s.training)
        x = F.dropout(F.relu(s.fc(x.flatten(1))), s.drop, s.training)
        return s.mu(x), s.lv(x).clamp(-10, 10)
    def forward(s, x):
        mu, lv = s.encode(x); z = mu + torch.exp(.5 * lv) * torch.randn_like(mu)
        d = F.relu(s.dfc(z)).view(-1, s.c, s.h, s.h)
        for i, l in enumerate(s.dec):
            d = l(d)
            if i < len(s.dec) - 1: d = F.relu(d)
        return d, mu, lv

def hung(y, c):
    labs = np.unique(y); M = np.array([[np.sum((c == k) & (y == l)) for l in labs] for k in range(c.max() + 1)])
    r, cc = linear_sum_assignment(-M); return M[r, cc].sum() / len(y)

def run(tag, digits, limit, lat, beta, epochs, bs, seed, ch=(32, 64, 128, 128, 256), st=(1, 2, 1, 2, 1), dense=512, lr=1e-3, drop=.2, umap_on=True):
    t0 = time.time(); torch.manual_seed(seed); rng = np.random.default_rng(seed)
    m = np.isin(ytr, digits); X, y = Xtr[m], ytr[m]
    if limit: X, y = X[:limit], y[:limit]
    p = rng.permutation(len(X)); nv = int(round(.2 * len(X))); vi, ti = p[:nv], p[nv:]
    mt = np.isin(yte, digits)
    dev = 'cuda'; T = lambda a: torch.from_numpy(a).float().div(255).to(dev)
    Xt, Xv, Xs = T(X[ti]), T(X[vi]), T(Xte[mt])
    net = VAE(ch, st, dense, lat, drop).to(dev); opt = torch.optim.Adam(net.parameters(), lr)
    for e in range(epochs):
        net.train(); perm = torch.randperm(len(Xt), device=dev)
        for b in range(0, len(Xt), bs):
            xb = Xt[perm[b:b + bs]]; lo, mu, lv = net(xb)
            loss = (F.binary_cross_entropy_with_logits(lo, xb, reduction='none').sum((1, 2, 3)) + beta * .5 * (lv.exp() + mu * mu - lv - 1).sum(1)).mean()
            opt.zero_grad(); loss.backward(); opt.step()
    net.eval()
    with torch.no_grad():
        enc = lambda A: torch.cat([net.encode(A[i:i + 4096])[0] for i in range(0, len(A), 4096)]).cpu().numpy()
        Zt, Zv, Zs = enc(Xt), enc(Xv), enc(Xs)
    K = len(digits); out = dict(tag=tag, seed=seed, lat=lat, beta=beta, epochs=epochs, bs=bs, train=len(ti), loss=float(loss))
    g = GaussianMixture(K, n_init=3, random_state=seed).fit(Zt)
    out['raw_val'] = hung(y[vi], g.predict(Zv)); out['raw_test'] = hung(yte[mt], g.predict(Zs))
    if umap_on:
        u = umap.UMAP(n_components=max(3, K), n_neighbors=20, min_dist=.05, random_state=seed).fit(Zt)
        Et = u.embedding_; Ev, Es = u.transform(Zv), u.transform(Zs)
        g = GaussianMixture(K, n_init=3, random_state=seed).fit(Et)
        out['umap_val'] = hung(y[vi], g.predict(Ev)); out['umap_test'] = hung(yte[mt], g.predict(Es)); out['umap_nmi_test'] = nmi(yte[mt], g.predict(Es))
    out['s'] = round(time.time() - t0, 1); print(json.dumps(out), flush=True)

plan = sys.argv[1]
d148 = [1, 4, 8]
if plan == 'quick':
    for cfg in [dict(lat=2, beta=.5, epochs=6, bs=128), dict(lat=10, beta=.5, epochs=6, bs=128), dict(lat=10, beta=.5, epochs=6, bs=32),
                dict(lat=10, beta=.5, epochs=12, bs=64), dict(lat=2, beta=.5, epochs=12, bs=32), dict(lat=10, beta=1, epochs=6, bs=32)]:
        for s in [1, 2, 3]: run('quick', d148, 3000, seed=s, **cfg)
if plan == 'full':
    for cfg in [dict(lat=10, beta=.5, epochs=20, bs=128), dict(lat=2, beta=.5, epochs=20, bs=128)]:
        for s in [1, 2, 3]: run('full148', d148, None, seed=s, **cfg)
if plan == 'digits':
    for s in [1]: run('digits', list(range(10)), None, lat=10, beta=.5, epochs=10, bs=128, seed=s)
if plan == 'epochs':    # how many epochs the full configs need (vae_digits, 10-D UMAP; vae_148 at 10 epochs, 3 seeds)
    run('digits', list(range(10)), None, lat=10, beta=.5, epochs=10, bs=128, seed=1)
    for s in [1, 2, 3]: run('full148', d148, None, lat=10, beta=.5, epochs=10, bs=128, seed=s)
    run('digits', list(range(10)), None, lat=10, beta=.5, epochs=10, bs=64, seed=1)
    for s in [2, 3]: run('full148', d148, None, lat=10, beta=.5, epochs=20, bs=128, seed=s)
if plan == 'batch32':   # batch 32 (cheaper per image on the CPU than 128) with half the epochs
    for s in [1, 2, 3]: run('full148', d148, None, lat=10, beta=.5, epochs=5, bs=32, seed=s)
    run('digits', list(range(10)), None, lat=10, beta=.5, epochs=5, bs=32, seed=1)

