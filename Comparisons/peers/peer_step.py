#!/usr/bin/env python3
"""One peer measurement of the side-by-side benchmark (issue 7).

Times one training step -- forward, backward, Adam -- of the network that
`LaminaBenchmarks train` times (Sources/LaminaBenchmarks/TrainingStepBenchmarks.swift),
written in PyTorch (eager), JAX (jit of the whole step, lax.scan) or PyTensor
(scan, grad, function with the Adam updates), and prints one JSON line.

    python peer_step.py --framework torch --workload lstm_medium --threads 1

Run it in a fresh process for every (framework, workload, threads): the thread
settings below are read when the libraries load, and the compile caches are
private to the process so that compile times are cold. `side_by_side.py` does
that, and pins 1-thread runs to one CPU with `taskset -c 1`.

The network, identical in every framework and in Lamina:
  * input x (B, T, D) batch-major, target y (B, 1), both N(0, 1) float32;
  * one recurrent layer with zero initial state and stacked weights
    W (D, G*H), U (H, G*H), b (G*H):
      LSTM (G = 4, gates i, f, g, o):  a = x_t W + b + h U,
           c' = sig(f) c + sig(i) tanh(g),  h' = sig(o) tanh(c')
      GRU (G = 3, gates r, z, n; the PyTorch/cuDNN form):
           xg = x_t W + b, hg = h U, r = sig(xr + hr), z = sig(xz + hz),
           n = tanh(xn + r hn),  h' = (1 - z) n + z h
      tanh RNN (G = 1):  h' = tanh(x_t W + b + h U)
  * readout of the last hidden state: p = h_T V + c, V (H, 1), c (1);
  * loss mean((p - y)^2);
  * W, U, V ~ uniform(-1/sqrt(H), 1/sqrt(H)), b and c zero;
  * Adam lr 1e-3, betas 0.9 / 0.999, eps 1e-8, PyTorch's form
    (bias-corrected moments: p -= lr * mhat / (sqrt(vhat) + eps)), which is
    Lamina's `epsilonForm: .biasCorrected`.
The forward-only workload computes the loss without gradients or updates.
The adding workload (the harness's configuration) clips the gradients to a
total norm of 1 first (CLIP_NORM below) and reads the norm back every step.
All peers draw the same weights and data from one NumPy generator, so their
first losses agree; Lamina draws its own.

FLOPs count the GEMMs only, as the Swift benchmark does:
  forward = 2 (B T) D G H + T 2 B H G H + 2 B H, training = 3 x forward.
"""
import argparse
import atexit
import json
import os
import resource
import shutil
import signal
import sys
import tempfile
import time

from jax_adam import adam_train_step

WORKLOADS = {
    # id: (cell, batch, steps, inputs, units, forward_only)
    "lstm_small": ("lstm", 32, 50, 16, 64, False),
    "lstm_medium": ("lstm", 64, 100, 128, 256, False),
    "lstm_large": ("lstm", 64, 100, 512, 512, False),
    "gru_medium": ("gru", 64, 100, 128, 256, False),
    "rnn_medium": ("rnn", 64, 100, 128, 256, False),
    "lstm_medium_infer": ("lstm", 64, 100, 128, 256, True),
    # the harness's adding configuration (issue 18), with the gradient's total norm clipped
    "adding": ("lstm", 50, 100, 2, 32, False),
}
# Workloads whose gradients are rescaled to a total norm of at most this before
# Adam, Lasagne's total_norm_constraint: g * min(N, c) / (N + 1e-7), N = sqrt(sum g^2)
# (as `lamina compare` trains; the step then also returns N).
CLIP_NORM = {"adding": 1.0}
CLIP_EPSILON = 1e-7
GATES = {"lstm": 4, "gru": 3, "rnn": 1}
FRAMEWORKS = ("torch", "jax", "jax_hoisted", "pytensor", "pytensor_numba")
LR, BETA1, BETA2, EPS = 1e-3, 0.9, 0.999, 1e-8


def gflop_per_step(workload):
    cell, B, T, D, H, forward_only = WORKLOADS[workload]
    G = GATES[cell]
    forward = 2.0 * B * T * D * G * H + T * 2.0 * B * H * G * H + 2.0 * B * H
    return (forward if forward_only else 3 * forward) / 1e9


def configure_threads(framework, threads, cache_dir):
    """Environment read by the libraries when they load: call before importing them."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                "NUMBA_NUM_THREADS", "VECLIB_MAXIMUM_THREADS"):
        os.environ[var] = str(threads)
    os.environ["JAX_PLATFORMS"] = "cpu"
    os.environ.pop("XLA_FLAGS", None)
    if threads == 1:
        # XLA:CPU runs its Eigen matrix products on an intra-op pool as wide as
        # the machine unless told not to. (There is no XLA_FLAGS flag to size
        # that pool; with 2 threads on this 2-core machine the default is 2.)
        os.environ["XLA_FLAGS"] = "--xla_cpu_multi_thread_eigen=false"
    flags = [f"base_compiledir={os.path.join(cache_dir, 'pytensor')}", "floatX=float32"]
    if framework == "pytensor":
        # C VM linker (Theano's), BLAS calls into the system OpenBLAS that Lamina
        # links too; PyTensor's own BLAS detection finds no BLAS on Debian without it.
        flags += ["linker=cvm", "blas__ldflags=-lopenblas"]
    os.environ["PYTENSOR_FLAGS"] = ",".join(flags)
    os.environ["NUMBA_CACHE_DIR"] = os.path.join(cache_dir, "numba")
    os.environ["TORCHINDUCTOR_CACHE_DIR"] = os.path.join(cache_dir, "inductor")
    os.environ["TRITON_CACHE_DIR"] = os.path.join(cache_dir, "triton")


def shared_values(workload):
    """Weights and data, the same for every peer."""
    import numpy as np
    cell, B, T, D, H, _ = WORKLOADS[workload]
    G = GATES[cell]
    rng = np.random.default_rng(7)
    bound = 1 / np.sqrt(H)
    uniform = lambda *shape: rng.uniform(-bound, bound, shape).astype(np.float32)
    params = {"W": uniform(D, G * H), "U": uniform(H, G * H), "b": np.zeros(G * H, np.float32),
              "V": uniform(H, 1), "c": np.zeros(1, np.float32)}
    x = rng.standard_normal((B, T, D), dtype=np.float32)
    y = rng.standard_normal((B, 1), dtype=np.float32)
    return params, x, y


# --------------------------------------------------------------------------- PyTorch (eager)

def build_torch(workload, threads):
    import torch
    from torch import nn
    torch.set_num_threads(threads)
    try:
        torch.set_num_interop_threads(threads)
    except RuntimeError:  # already set by an earlier parallel call
        pass
    cell, B, T, D, H, forward_only = WORKLOADS[workload]
    values, xv, yv = shared_values(workload)
    layer_type = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}[cell]
    rnn = layer_type(D, H, num_layers=1, batch_first=True)
    readout = nn.Linear(H, 1)
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(torch.from_numpy(values["W"].T.copy()))
        rnn.weight_hh_l0.copy_(torch.from_numpy(values["U"].T.copy()))
        rnn.bias_ih_l0.copy_(torch.from_numpy(values["b"]))
        # torch's cells add a second bias inside h U (b_hh); the model has none,
        # so it stays zero and out of the optimizer. The GRU's b_hn sits inside
        # r * (h U_n + b_hn), where zero makes it the model's n as well.
        rnn.bias_hh_l0.zero_()
        readout.weight.copy_(torch.from_numpy(values["V"].T.copy()))
        readout.bias.copy_(torch.from_numpy(values["c"]))
    rnn.bias_hh_l0.requires_grad_(False)
    params = [rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0, readout.weight, readout.bias]
    x, y = torch.from_numpy(xv), torch.from_numpy(yv)

    def loss_of(x, y):
        sequence, _ = rnn(x)
        return torch.mean((readout(sequence[:, -1]) - y) ** 2)

    if forward_only:
        def step():
            with torch.inference_mode():
                return float(loss_of(x, y))
    else:
        optimizer = torch.optim.Adam(params, lr=LR, betas=(BETA1, BETA2), eps=EPS)

        clip = CLIP_NORM.get(workload)

        def step():
            optimizer.zero_grad(set_to_none=True)
            loss = loss_of(x, y)
            loss.backward()
            if clip:
                norm = torch.sqrt(sum((p.grad * p.grad).sum() for p in params))
                scale = torch.clamp(norm, max=clip) / (norm + CLIP_EPSILON)
                for p in params:
                    p.grad.mul_(scale)
                float(norm)  # the harness reads the norm every step
            optimizer.step()
            return float(loss.detach())
    desc = (f"torch {torch.__version__} eager, nn.{layer_type.__name__}, "
            f"oneDNN {'on' if torch.backends.mkldnn.is_available() and torch.backends.mkldnn.enabled else 'off'}, "
            f"{torch.get_num_threads()} intra-op threads")
    return step, desc


# --------------------------------------------------------------------------- JAX

def cell_step(cell, H, np_like, sigmoid):
    """The recurrence for one time step, over gate pre-activations a_x = x_t W + b."""
    tanh = np_like.tanh
    if cell == "lstm":
        def step(state, ax, U):
            h, c = state
            a = ax + h @ U
            i, f = sigmoid(a[:, :H]), sigmoid(a[:, H:2 * H])
            g, o = tanh(a[:, 2 * H:3 * H]), sigmoid(a[:, 3 * H:])
            c = f * c + i * g
            return (o * tanh(c), c)
    elif cell == "gru":
        def step(state, ax, U):
            (h,) = state
            hg = h @ U
            r = sigmoid(ax[:, :H] + hg[:, :H])
            z = sigmoid(ax[:, H:2 * H] + hg[:, H:2 * H])
            n = tanh(ax[:, 2 * H:] + r * hg[:, 2 * H:])
            return ((1 - z) * n + z * h,)
    else:
        def step(state, ax, U):
            (h,) = state
            return (tanh(ax + h @ U),)
    return step


def build_jax(workload, threads, hoist):
    import jax
    import jax.numpy as jnp
    cell, B, T, D, H, forward_only = WORKLOADS[workload]
    values, xv, yv = shared_values(workload)
    params = {k: jnp.asarray(v) for k, v in values.items()}
    x, y = jnp.asarray(xv), jnp.asarray(yv)
    recur = cell_step(cell, H, jnp, jax.nn.sigmoid)
    zeros = jnp.zeros((B, H), jnp.float32)
    init = (zeros, zeros) if cell == "lstm" else (zeros,)

    def loss_fn(p, x, y):
        xs = jnp.swapaxes(x, 0, 1)  # time-major
        if hoist:   # one input GEMM for all steps before the loop
            xs = (xs.reshape(T * B, D) @ p["W"] + p["b"]).reshape(T, B, -1)
            body = lambda s, ax: (recur(s, ax, p["U"]), None)
        else:       # the input GEMM inside the loop body (faster on XLA:CPU)
            body = lambda s, xt: (recur(s, xt @ p["W"] + p["b"], p["U"]), None)
        final, _ = jax.lax.scan(body, init, xs)
        h = final[0]
        return jnp.mean((h @ p["V"] + p["c"] - y) ** 2)

    desc = f"jax {jax.__version__} jit + lax.scan, input GEMM {'hoisted' if hoist else 'in the loop'}"
    if forward_only:
        forward = jax.jit(loss_fn)

        def step():
            return float(forward(params, x, y).block_until_ready())
        return step, desc

    clip = CLIP_NORM.get(workload)

    train_step = adam_train_step(loss_fn, LR, BETA1, BETA2, EPS, clip=clip, clip_epsilon=CLIP_EPSILON)
    compiled = jax.jit(train_step, donate_argnums=(0, 1, 2))
    state = [params, {k: jnp.zeros_like(a) for k, a in params.items()},
             {k: jnp.zeros_like(a) for k, a in params.items()}, jnp.zeros((), jnp.int32)]

    def step():
        *new_state, loss, norm = compiled(*state, x, y)
        state[:] = new_state
        jax.block_until_ready(state)
        if clip:
            float(norm)  # the harness reads the norm every step
        return float(loss)
    return step, desc


# --------------------------------------------------------------------------- PyTensor

def build_pytensor(workload, threads):
    import numpy as np
    import pytensor
    import pytensor.tensor as pt
    cell, B, T, D, H, forward_only = WORKLOADS[workload]
    values, xv, yv = shared_values(workload)
    shared = {k: pytensor.shared(v, name=k) for k, v in values.items()}
    W, U, b, V, c = (shared[k] for k in ("W", "U", "b", "V", "c"))
    X, Y = pt.tensor3("x", dtype="float32"), pt.matrix("y", dtype="float32")
    # Time-major, input GEMM for all steps before the loop (Lasagne's precompute_input).
    ax = (pt.dot(X.dimshuffle(1, 0, 2).reshape((T * B, D)), W) + b).reshape((T, B, GATES[cell] * H))
    recur = cell_step(cell, H, pt, pt.sigmoid)
    zeros = pt.zeros((B, H), dtype="float32")
    init = [zeros, zeros] if cell == "lstm" else [zeros]

    def body(ax_t, *rest):
        states, U_ = rest[:-1], rest[-1]
        new = recur(tuple(states), ax_t, U_)
        return list(new) if len(new) > 1 else new[0]

    outputs = pytensor.scan(body, sequences=[ax], outputs_info=init, non_sequences=[U],
                            strict=True, return_updates=False)
    h_all = outputs[0] if cell == "lstm" else outputs
    loss = pt.mean((pt.dot(h_all[-1], V) + c - Y) ** 2)
    linker = pytensor.config.linker
    desc = f"pytensor {pytensor.__version__} scan, linker {linker}" + (
        f", blas__ldflags={pytensor.config.blas__ldflags}" if linker != "numba" else "")
    if forward_only:
        fn = pytensor.function([X, Y], loss)
    else:
        params = [W, U, b, V, c]
        grads = pytensor.grad(loss, params)
        f32 = np.float32
        clip = CLIP_NORM.get(workload)
        if clip:
            norm = pt.sqrt(sum(pt.sum(g * g) for g in grads))
            scale = pt.minimum(norm, f32(clip)) / (norm + f32(CLIP_EPSILON))
            grads = [(g * scale).astype("float32") for g in grads]
        t = pytensor.shared(f32(0), name="t")
        t1 = t + f32(1)
        c1, c2 = f32(1) - f32(BETA1) ** t1, f32(1) - f32(BETA2) ** t1
        updates = [(t, t1)]
        for p, g in zip(params, grads):
            m = pytensor.shared(np.zeros_like(p.get_value()), name="m_" + p.name)
            v = pytensor.shared(np.zeros_like(p.get_value()), name="v_" + p.name)
            m1 = f32(BETA1) * m + f32(1 - BETA1) * g
            v1 = f32(BETA2) * v + f32(1 - BETA2) * g * g
            new_p = p - f32(LR) * (m1 / c1) / (pt.sqrt(v1 / c2) + f32(EPS))
            updates += [(m, m1.astype("float32")), (v, v1.astype("float32")), (p, new_p.astype("float32"))]
        fn = pytensor.function([X, Y], loss, updates=updates)

    def step():
        return float(fn(xv, yv))
    return step, desc


# --------------------------------------------------------------------------- timing

def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def measure(framework, workload, threads):
    """The protocol of `LaminaBenchmarks train`: setup = build + compile + first
    step; two warm-up steps; then at least 20 timed steps, up to 30 while the
    timed steps have taken less than 30 s; median and min."""
    import_start = time.perf_counter()
    if framework == "torch":
        import torch  # noqa: F401
    elif framework.startswith("jax"):
        import jax
        jax.numpy.zeros(1).block_until_ready()  # backend initialisation is not compile time
    else:
        import pytensor  # noqa: F401
    import_s = time.perf_counter() - import_start
    base_rss = peak_rss_mb()

    start = time.perf_counter()
    if framework == "torch":
        step, desc = build_torch(workload, threads)
    elif framework in ("jax", "jax_hoisted"):
        step, desc = build_jax(workload, threads, hoist=framework == "jax_hoisted")
    else:
        step, desc = build_pytensor(workload, threads)
    first_loss = step()
    setup = time.perf_counter() - start

    step()
    step()
    samples = []
    budget_start = time.perf_counter()
    last_loss = first_loss
    while len(samples) < 20 or (len(samples) < 30 and time.perf_counter() - budget_start < 30):
        t = time.perf_counter()
        last_loss = step()
        samples.append(time.perf_counter() - t)
    ordered = sorted(samples)
    median, best = ordered[len(ordered) // 2], ordered[0]  # the upper median, as the Swift side takes it
    cell, B, T, D, H, forward_only = WORKLOADS[workload]
    gflop = gflop_per_step(workload)
    return {
        "framework": framework, "workload": workload, "threads": threads,
        "batch": B, "steps": T, "inputs": D, "units": H, "forward_only": forward_only,
        "setup_s": setup, "compile_s": max(0.0, setup - median), "import_s": import_s,
        "median_ms": median * 1e3, "min_ms": best * 1e3, "n_steps": len(samples),
        "gflop_per_step": gflop, "gflops": gflop / median,
        "first_loss": first_loss, "last_loss": last_loss,
        "base_rss_mb": base_rss, "peak_rss_mb": peak_rss_mb(),
        "desc": desc, "affinity": sorted(os.sched_getaffinity(0)),
        "times_ms": [round(s * 1e3, 3) for s in samples],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--framework", required=True, choices=FRAMEWORKS,
                        help="pytensor = C VM linker with the system OpenBLAS; "
                             "pytensor_numba = PyTensor 3's default numba linker; "
                             "jax_hoisted = input GEMM before the scan")
    parser.add_argument("--workload", required=True, choices=sorted(WORKLOADS))
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    cache_dir = tempfile.mkdtemp(prefix="lamina-peers-")
    # Registered before the frameworks load, so it runs after their own exit
    # handlers (PyTensor's still reads its cache directory then).
    atexit.register(shutil.rmtree, cache_dir, ignore_errors=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # exit handlers run on a timeout's kill too
    configure_threads(args.framework, args.threads, cache_dir)
    record = measure(args.framework, args.workload, args.threads)
    print(json.dumps(record, sort_keys=True), flush=True)


if __name__ == "__main__":
    sys.exit(main())
