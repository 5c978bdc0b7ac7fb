"""Reference numbers for Lamina's pooling and highway layers, computed with PyTorch.

Writes small float64 .npz files (numpy.savez) to Tests/LaminaTests/Fixtures/layers/:

- pooling.npz: x (batch 2, time 7, features 3); max_pool1d and avg_pool1d
  (count_include_pad True and False) with kernel 3, stride 2, padding 1 along
  time; a mask of lengths 7 and 4; global max and mean over time, unmasked and
  masked (padded steps left out); windowed max and mean under a mask
  (`masked_*`, the masks `mask` and `mask_holes`): only real steps are pooled,
  a window with no real step gives 0, and `masked_*_out_mask` is 1 for a window
  with a real step.
- highway.npz: x (4, 3), W_H, b_H, W_T, b_T and y = T*H + (1 - T)*x with
  H = relu(x W_H + b_H), T = sigmoid(x W_T + b_T) (Srivastava et al. 2015).

PyTorch pools the last axis of (batch, channels, time), so x is transposed
to (batch, features, time) and back. Run from the repository root with the
environment of Comparisons/real (torch and numpy):

    $HOME/.venvs/lamina-real/bin/python Comparisons/reference-layers/make_pooling_highway_fixtures.py
"""
import os
import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "LaminaTests", "Fixtures", "layers")
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(20261203)

x = rng.standard_normal((2, 7, 3))
t = torch.tensor(x).transpose(1, 2)  # (batch, features, time)
pool = {
    "x": x,
    "max_k3_s2_p1": F.max_pool1d(t, 3, stride=2, padding=1).transpose(1, 2).numpy(),
    "avg_inc_k3_s2_p1": F.avg_pool1d(t, 3, stride=2, padding=1, count_include_pad=True).transpose(1, 2).numpy(),
    "avg_exc_k3_s2_p1": F.avg_pool1d(t, 3, stride=2, padding=1, count_include_pad=False).transpose(1, 2).numpy(),
    "max_k2": F.max_pool1d(t, 2).transpose(1, 2).numpy(),
}
lengths = [7, 4]
mask = np.zeros((2, 7))
for b, n in enumerate(lengths):
    mask[b, :n] = 1
m = torch.tensor(mask).unsqueeze(2)  # (batch, time, 1)
xt = torch.tensor(x)
pool["mask"] = mask
pool["global_max"] = xt.max(dim=1).values.numpy()
pool["global_mean"] = xt.mean(dim=1).numpy()
pool["global_max_masked"] = torch.where(m > 0, xt, torch.tensor(-np.inf, dtype=torch.float64)).max(dim=1).values.numpy()
pool["global_mean_masked"] = ((xt * m).sum(dim=1) / m.sum(dim=1)).numpy()


def masked_pooling(mask_array, k, s, p):
    """Max and mean over the real steps of each window, and the output mask, with PyTorch's pooling."""
    mt = torch.tensor(mask_array).unsqueeze(1)  # (batch, 1, time)
    floor = torch.where(mt > 0, t, torch.tensor(-np.inf, dtype=torch.float64))
    top = F.max_pool1d(floor, k, stride=s, padding=p)  # -inf for a window without a real step
    top = torch.where(torch.isinf(top), torch.zeros_like(top), top)
    sums = F.avg_pool1d(t * mt, k, stride=s, padding=p, count_include_pad=True) * k
    counts = F.avg_pool1d(mt, k, stride=s, padding=p, count_include_pad=True) * k  # real steps per window
    mean = sums / counts.clamp(min=1)
    return top.transpose(1, 2).numpy(), mean.transpose(1, 2).numpy(), (counts[:, 0, :] > 0.5).double().numpy()


pool["mask_holes"] = np.array([[1, 1, 0, 0, 0, 0, 1], [0, 1, 1, 1, 0, 0, 0]], dtype=np.float64)
for mask_name in ("mask", "mask_holes"):
    for k, s, p in ((3, 2, 1), (2, 1, 0)):
        key = f"k{k}_s{s}_p{p}_{mask_name}"
        pool[f"masked_max_{key}"], pool[f"masked_mean_{key}"], pool[f"masked_{key}_out_mask"] = masked_pooling(pool[mask_name], k, s, p)
np.savez(os.path.join(OUT, "pooling.npz"), **pool)

hx = torch.tensor(rng.standard_normal((4, 3)))
W_H, W_T = (torch.tensor(rng.standard_normal((3, 3)) * 0.7) for _ in range(2))
b_H, b_T = torch.tensor(rng.standard_normal(3) * 0.1), torch.full((3,), -1.0, dtype=torch.float64)
H = torch.relu(hx @ W_H + b_H)
T = torch.sigmoid(hx @ W_T + b_T)
np.savez(os.path.join(OUT, "highway.npz"), x=hx.numpy(), W_H=W_H.numpy(), b_H=b_H.numpy(), W_T=W_T.numpy(), b_T=b_T.numpy(),
         y=(T * H + (1 - T) * hx).numpy())
print("wrote", OUT)
