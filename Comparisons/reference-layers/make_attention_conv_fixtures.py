"""Reference numbers for Lamina's attention and 1-D convolution layers.

Writes small float64 .npz files (numpy.savez) to Tests/LaminaTests/Fixtures/layers/:
inputs, masks, weights, outputs, attention weights, and the gradients of the
fixed cost  sum(output * cost_weights)  with respect to the weights and inputs.

- sdpa_*: torch.nn.functional.scaled_dot_product_attention on (batch, heads,
  steps, features) with a boolean key-padding mask (True = attend), or is_causal.
- mha_*: torch.nn.MultiheadAttention(batch_first=True, float64), the per-head
  weights from need_weights=True, average_attn_weights=False;
  key_padding_mask is True for a padded key (the opposite of Lamina's mask).
- additive*: Bahdanau's additive attention written out in NumPy (values only;
  Lamina checks its gradients by finite differences).
- conv_*: torch.nn.Conv1d on (batch, channels, steps), stored transposed to
  Lamina's (batch, steps, channels); causal padding is F.pad(x, (span, 0)).

Every key-padding mask keeps the first key of each sequence, so no row is
fully masked (PyTorch gives NaN there; Lamina gives zero weights).

Run from the repository root, in an environment with torch 2.15 and numpy
(Comparisons/reference-rnn/setup.sh makes one):

    python Comparisons/reference-layers/make_attention_conv_fixtures.py
"""
import os
import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "LaminaTests", "Fixtures", "layers")


def save(name, arrays):
    path = os.path.join(OUT, name + ".npz")
    np.savez(path, **{k: np.ascontiguousarray(v.detach().numpy() if torch.is_tensor(v) else v, dtype=np.float64)
                      for k, v in arrays.items()})
    print("wrote", os.path.relpath(path), ", ".join(sorted(arrays)))


def lengths_mask(lengths, steps):
    m = np.zeros((len(lengths), steps))
    for b, n in enumerate(lengths):
        m[b, :n] = 1
    return m


def sdpa(name, seed, causal):
    torch.manual_seed(seed)
    B, H, TQ, TK, D, DV = 2, 2, 3, 4, 3, 2
    tk = TQ if causal else TK
    q = torch.randn(B, H, TQ, D, requires_grad=True)
    k = torch.randn(B, H, tk, D, requires_grad=True)
    v = torch.randn(B, H, tk, DV, requires_grad=True)
    mask = lengths_mask([tk, 2], tk)
    attend = torch.from_numpy(mask).bool()[:, None, None, :]
    out = F.scaled_dot_product_attention(q, k, v, attn_mask=None if causal else attend, is_causal=causal)
    cw = torch.randn(out.shape)
    gq, gk, gv = torch.autograd.grad((out * cw).sum(), [q, k, v])
    save(name, dict(q=q, k=k, v=v, mask=mask, output=out, cost_weights=cw, grad_q=gq, grad_k=gk, grad_v=gv))


def mha(name, seed, self_attention):
    torch.manual_seed(seed)
    B, E, H, TQ = 2, 4, 2, 3
    TK, KD, VD = (TQ, E, E) if self_attention else (4, 3, 5)
    module = torch.nn.MultiheadAttention(E, H, batch_first=True, kdim=KD, vdim=VD)
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(0.5 * torch.randn(p.shape))
    query = torch.randn(B, TQ, E, requires_grad=True)
    if self_attention:
        key = value = query
    else:
        key = torch.randn(B, TK, KD, requires_grad=True)
        value = torch.randn(B, TK, VD, requires_grad=True)
    mask = lengths_mask([TK, 2], TK)
    causal = torch.triu(torch.ones(TQ, TK, dtype=torch.bool), diagonal=1) if self_attention else None
    out, weights = module(query, key, value, key_padding_mask=torch.from_numpy(mask == 0), attn_mask=causal,
                          need_weights=True, average_attn_weights=False)
    cw = torch.randn(out.shape)
    params = dict(module.named_parameters())
    inputs = [query] if self_attention else [query, key, value]
    grads = torch.autograd.grad((out * cw).sum(), list(params.values()) + inputs)
    arrays = dict(query=query, mask=mask, output=out, weights=weights, cost_weights=cw)
    if not self_attention:
        arrays.update(key=key, value=value)
    arrays.update({k: v for k, v in params.items()})
    arrays.update({"grad_" + k: g for k, g in zip(params, grads)})
    arrays.update({"grad_" + n: g for n, g in zip(["query", "key", "value"], grads[len(params):])})
    save(name, arrays)


def additive(name, seed, masked):
    rng = np.random.default_rng(seed)
    B, TQ, TK, DQ, DK, DV, U = 2, 3, 4, 3, 2, 3, 5
    q, k, v = rng.normal(size=(B, TQ, DQ)), rng.normal(size=(B, TK, DK)), rng.normal(size=(B, TK, DV))
    Wq, Wk, b, va = rng.normal(size=(DQ, U)), rng.normal(size=(DK, U)), rng.normal(size=U), rng.normal(size=U)
    mask = lengths_mask([TK, 2] if masked else [TK, TK], TK)
    # e[b, i, j] = va . tanh(q[b, i] Wq + k[b, j] Wk + b)
    e = np.einsum("u,biju->bij", va, np.tanh((q @ Wq)[:, :, None, :] + (k @ Wk)[:, None, :, :] + b))
    e = np.where(mask[:, None, :] > 0, e, -np.inf)
    a = np.exp(e - e.max(axis=2, keepdims=True))
    a /= a.sum(axis=2, keepdims=True)
    save(name, dict(query=q, key=k, value=v, W_query=Wq, W_key=Wk, b=b, v=va, mask=mask, weights=a, output=a @ v))


def conv(name, seed, filter_size, stride, dilation, padding):
    torch.manual_seed(seed)
    B, C, T, NF = 2, 3, 7, 4
    span = dilation * (filter_size - 1)
    module = torch.nn.Conv1d(C, NF, filter_size, stride=stride, dilation=dilation,
                             padding=0 if padding == "causal" else padding)
    x = torch.randn(B, T, C, requires_grad=True)
    xt = x.transpose(1, 2)
    out = module(F.pad(xt, (span, 0)) if padding == "causal" else xt).transpose(1, 2)
    cw = torch.randn(out.shape)
    gw, gb, gx = torch.autograd.grad((out * cw).sum(), [module.weight, module.bias, x])
    save(name, dict(x=x, weight=module.weight, bias=module.bias, output=out, cost_weights=cw,
                    grad_weight=gw, grad_bias=gb, grad_x=gx))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    sdpa("sdpa_masked", 1, causal=False)
    sdpa("sdpa_causal", 2, causal=True)
    mha("mha_self_causal", 3, self_attention=True)
    mha("mha_cross", 4, self_attention=False)
    additive("additive", 5, masked=False)
    additive("additive_masked", 6, masked=True)
    conv("conv_dilated_padded", 7, filter_size=3, stride=1, dilation=2, padding=2)
    conv("conv_strided_valid", 8, filter_size=2, stride=2, dilation=1, padding="valid")
    conv("conv_same_even_span", 9, filter_size=2, stride=1, dilation=3, padding="same")
    conv("conv_causal_dilated", 10, filter_size=3, stride=1, dilation=2, padding="causal")
