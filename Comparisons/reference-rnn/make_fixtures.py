"""Reference numbers for Lamina's recurrent layers, computed with PyTorch.

Writes small .npz files (numpy.savez, float32) to Tests/LaminaTests/Fixtures/recurrent/:
weights in PyTorch's layout, inputs, masks, initial states, outputs, final
states, and the gradients of the fixed cost  sum(output * cost_weights)
with respect to the weights, the input and the initial states.

- Unmasked cases run nn.LSTM / nn.GRU / nn.RNN (batch_first=True).
- PyTorch has no mask, so masked cases run nn.LSTMCell / nn.GRUCell /
  nn.RNNCell step by step and carry every state unchanged on padded steps
  (mask 0), going forwards or backwards; outputs stay aligned with the input.
- The bidirectional case runs nn.LSTM(bidirectional=True), whose output is
  the forward and backward hidden states joined along the last axis.

Setup (one time), then run from the repository root:

    python3 -m venv $HOME/.venvs/lamina-fixtures
    $HOME/.venvs/lamina-fixtures/bin/python -m pip install torch==2.15.0 numpy
    $HOME/.venvs/lamina-fixtures/bin/python Comparisons/reference-rnn/make_fixtures.py
"""
import os
import numpy as np
import torch

BATCH, STEPS, FEATURES, UNITS = 3, 5, 3, 4
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "LaminaTests", "Fixtures", "recurrent")


def tensors(module):
    return {name: p for name, p in module.named_parameters()}


def mask_for(lengths):
    m = np.zeros((BATCH, STEPS), dtype=np.float32)
    for b, n in enumerate(lengths):
        m[b, :n] = 1
    return m


def run_cell(cell, x, mask, states, backwards):
    """Steps `cell` over x (B, T, F); where mask[:, t] is 0 the states are kept."""
    outputs = [None] * STEPS
    order = range(STEPS - 1, -1, -1) if backwards else range(STEPS)
    for t in order:
        m = mask[:, t].unsqueeze(1)
        new = cell(x[:, t], states if len(states) > 1 else states[0])
        new = new if isinstance(new, tuple) else (new,)
        states = tuple(torch.where(m > 0, n, s) for n, s in zip(new, states))
        outputs[t] = states[0]
    return torch.stack(outputs, dim=1), states


def save(name, arrays):
    path = os.path.join(OUT, name + ".npz")
    np.savez(path, **{k: np.ascontiguousarray(v.detach().numpy() if torch.is_tensor(v) else v, dtype=np.float32)
                      for k, v in arrays.items()})
    print("wrote", os.path.relpath(path), ", ".join(sorted(arrays)))


def case(kind, seed, masked=False, backwards=False):
    torch.manual_seed(seed)
    module = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}[kind](FEATURES, UNITS, batch_first=True)
    x = torch.randn(BATCH, STEPS, FEATURES, requires_grad=True)
    h0 = (0.5 * torch.randn(BATCH, UNITS)).requires_grad_()
    c0 = (0.5 * torch.randn(BATCH, UNITS)).requires_grad_()
    cost_weights = torch.randn(BATCH, STEPS, UNITS)
    mask = mask_for([5, 3, 1] if not backwards else [4, 5, 2])
    params = tensors(module)
    if masked:
        cell = {"lstm": torch.nn.LSTMCell, "gru": torch.nn.GRUCell, "rnn": torch.nn.RNNCell}[kind](FEATURES, UNITS)
        with torch.no_grad():
            for name in ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]:
                getattr(cell, name).copy_(params[name + "_l0"])
        params = {k + "_l0": v for k, v in tensors(cell).items()}
        states = (h0, c0) if kind == "lstm" else (h0,)
        output, final = run_cell(cell, x, torch.from_numpy(mask), states, backwards)
        h_n = final[0]
        c_n = final[1] if kind == "lstm" else None
    else:
        if kind == "lstm":
            output, (h_n, c_n) = module(x, (h0.unsqueeze(0), c0.unsqueeze(0)))
        else:
            output, h_n = module(x, h0.unsqueeze(0))
            c_n = None
        h_n = h_n[0]
        c_n = c_n[0] if c_n is not None else None
    cost = (output * cost_weights).sum()
    wrt = [params["weight_ih_l0"], params["weight_hh_l0"], params["bias_ih_l0"], params["bias_hh_l0"], x, h0]
    wrt += [c0] if kind == "lstm" else []
    grads = torch.autograd.grad(cost, wrt)
    arrays = dict(x=x, h0=h0, cost_weights=cost_weights, output=output, h_n=h_n,
                  weight_ih=params["weight_ih_l0"], weight_hh=params["weight_hh_l0"],
                  bias_ih=params["bias_ih_l0"], bias_hh=params["bias_hh_l0"],
                  grad_weight_ih=grads[0], grad_weight_hh=grads[1], grad_bias_ih=grads[2], grad_bias_hh=grads[3],
                  grad_x=grads[4], grad_h0=grads[5])
    if kind == "lstm":
        arrays.update(c0=c0, c_n=c_n, grad_c0=grads[6])
    if masked:
        arrays["mask"] = mask
    save(kind + ("_masked" if masked else "") + ("_backwards" if backwards else ""), arrays)


def bidirectional(seed):
    torch.manual_seed(seed)
    module = torch.nn.LSTM(FEATURES, UNITS, batch_first=True, bidirectional=True)
    x = torch.randn(BATCH, STEPS, FEATURES, requires_grad=True)
    cost_weights = torch.randn(BATCH, STEPS, 2 * UNITS)
    output, _ = module(x)
    cost = (output * cost_weights).sum()
    params = tensors(module)
    names = [n for n in params]
    grads = torch.autograd.grad(cost, [params[n] for n in names] + [x])
    arrays = dict(x=x, cost_weights=cost_weights, output=output, grad_x=grads[-1])
    for n, g in zip(names, grads):
        arrays[n] = params[n]
        arrays["grad_" + n] = g
    save("lstm_bidirectional", arrays)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    torch.set_default_dtype(torch.float32)
    for k, (kind, seed) in enumerate([("lstm", 1), ("gru", 2), ("rnn", 3)]):
        case(kind, seed)
        case(kind, seed + 10, masked=True)
        case(kind, seed + 20, masked=True, backwards=True)
    bidirectional(7)
