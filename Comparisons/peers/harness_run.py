#!/usr/bin/env python3
"""One harness run of the adding configuration in PyTorch or JAX (issue 18).

Does what `lamina compare Comparisons/peers/harness-adding.json --jobs 1`
does for its one run, so that the seconds per run compare:

  * data: the adding problem (Le et al. 2015 form, as Lamina's AddingTask):
    T = 100 steps of two channels, values U[0, 1] and a marker that is 1 at
    one step of each half; target the sum of the two marked values.
    7,500 training examples, 1,875 validation and 1,875 test;
  * model: one LSTM layer of 32 units, zero initial state, a dense readout
    of the last hidden state, squared error;
  * training: 20 epochs of 150 batches of 50 in a shuffled order (3,000
    steps), Adam lr 3e-3 (the default study's), the gradient's total norm N
    read back every step (the harness stops a run whose loss or N is not
    finite) and the gradients rescaled by min(N, 1) / (N + 1e-7);
  * evaluation: after every epoch the validation split, at the end the test
    split, in batches of 256, summed squared error without gradients.

Lamina's run also carries an all-ones mask through its layer; the peers do
not (a mask of ones changes nothing). The data and the initial weights are
drawn here, not Lamina's: only the time is compared.

    python harness_run.py --framework torch            # prints one JSON line
    taskset -c 0 python harness_run.py --framework jax

Threads: 1 (set before the libraries load), as `lamina compare --jobs 1`.
"""
import argparse
import json
import os
import sys
import time

from jax_adam import adam_train_step

TRAIN, VALIDATION, TEST = 7500, 1875, 1875
LENGTH, INPUTS, UNITS, BATCH, EPOCHS, EVAL_BATCH = 100, 2, 32, 50, 20, 256
LR, BETA1, BETA2, EPS, CLIP, CLIP_EPSILON = 3e-3, 0.9, 0.999, 1e-8, 1.0, 1e-7


def one_thread():
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"
    os.environ["JAX_PLATFORMS"] = "cpu"
    os.environ["XLA_FLAGS"] = "--xla_cpu_multi_thread_eigen=false"


def adding_split(rng, count):
    """(inputs (count, T, 2), targets (count, 1)) of the adding problem, float32."""
    import numpy as np
    values = rng.uniform(0, 1, (count, LENGTH))
    half = LENGTH // 2
    first = rng.integers(0, half, count)
    second = rng.integers(half, LENGTH, count)
    markers = np.zeros((count, LENGTH))
    markers[np.arange(count), first] = 1
    markers[np.arange(count), second] = 1
    inputs = np.stack([values, markers], axis=2).astype(np.float32)
    targets = (values[np.arange(count), first] + values[np.arange(count), second])[:, None].astype(np.float32)
    return inputs, targets


def batches(count, size):
    return [(start, min(start + size, count)) for start in range(0, count, size)]


def run_torch(data, seed):
    import torch
    from torch import nn
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    (xtr, ytr), (xva, yva), (xte, yte) = [(torch.from_numpy(x), torch.from_numpy(y)) for x, y in data]
    rnn, readout = nn.LSTM(INPUTS, UNITS, batch_first=True), nn.Linear(UNITS, 1)
    params = list(rnn.parameters()) + list(readout.parameters())
    optimizer = torch.optim.Adam(params, lr=LR, betas=(BETA1, BETA2), eps=EPS)

    def predict(x):
        sequence, _ = rnn(x)
        return readout(sequence[:, -1])

    def evaluate(x, y):
        total = 0.0
        with torch.inference_mode():
            for a, b in batches(len(x), EVAL_BATCH):
                total += float(((predict(x[a:b]) - y[a:b]) ** 2).sum())
        return total / len(x)

    generator = torch.Generator().manual_seed(seed)
    evaluation_s, history = 0.0, []
    for _ in range(EPOCHS):
        order = torch.randperm(len(xtr), generator=generator)
        for a, b in batches(len(xtr), BATCH):
            index = order[a:b]
            optimizer.zero_grad(set_to_none=True)
            loss = torch.mean((predict(xtr[index]) - ytr[index]) ** 2)
            loss.backward()
            norm = torch.sqrt(sum((p.grad * p.grad).sum() for p in params))
            scale = torch.clamp(norm, max=CLIP) / (norm + CLIP_EPSILON)
            for p in params:
                p.grad.mul_(scale)
            optimizer.step()
            float(loss), float(norm)  # read back every step, as the harness does
        start = time.perf_counter()
        history.append(evaluate(xva, yva))
        evaluation_s += time.perf_counter() - start
    start = time.perf_counter()
    test = evaluate(xte, yte)
    evaluation_s += time.perf_counter() - start
    return test, history, evaluation_s, f"torch {torch.__version__} eager, nn.LSTM"


def run_jax(data, seed):
    import jax
    import jax.numpy as jnp
    import numpy as np
    (xtr, ytr), (xva, yva), (xte, yte) = data
    key = jax.random.PRNGKey(seed)
    k1, k2, k3 = jax.random.split(key, 3)
    bound = 1 / np.sqrt(UNITS)
    H = UNITS
    params = {"W": jax.random.uniform(k1, (INPUTS, 4 * H), jnp.float32, -bound, bound),
              "U": jax.random.uniform(k2, (H, 4 * H), jnp.float32, -bound, bound),
              "b": jnp.zeros(4 * H, jnp.float32),
              "V": jax.random.uniform(k3, (H, 1), jnp.float32, -bound, bound),
              "c": jnp.zeros(1, jnp.float32)}

    def predict(p, x):
        B = x.shape[0]

        def body(state, xt):
            h, c = state
            a = xt @ p["W"] + p["b"] + h @ p["U"]
            i, f = jax.nn.sigmoid(a[:, :H]), jax.nn.sigmoid(a[:, H:2 * H])
            g, o = jnp.tanh(a[:, 2 * H:3 * H]), jax.nn.sigmoid(a[:, 3 * H:])
            c = f * c + i * g
            return (o * jnp.tanh(c), c), None

        zeros = jnp.zeros((B, H), jnp.float32)
        (h, _), _ = jax.lax.scan(body, (zeros, zeros), jnp.swapaxes(x, 0, 1))
        return h @ p["V"] + p["c"]

    def loss_fn(p, x, y):
        return jnp.mean((predict(p, x) - y) ** 2)

    train_step = adam_train_step(loss_fn, LR, BETA1, BETA2, EPS, clip=CLIP, clip_epsilon=CLIP_EPSILON)
    step = jax.jit(train_step, donate_argnums=(0, 1, 2))
    squared_error = jax.jit(lambda p, x, y: jnp.sum((predict(p, x) - y) ** 2))

    def evaluate(p, x, y):
        return sum(float(squared_error(p, x[a:b], y[a:b])) for a, b in batches(len(x), EVAL_BATCH)) / len(x)

    state = [params, {k: jnp.zeros_like(a) for k, a in params.items()},
             {k: jnp.zeros_like(a) for k, a in params.items()}, jnp.zeros((), jnp.int32)]
    rng = np.random.default_rng(seed)
    evaluation_s, history = 0.0, []
    for _ in range(EPOCHS):
        order = rng.permutation(len(xtr))
        for a, b in batches(len(xtr), BATCH):
            index = order[a:b]
            *state, loss, norm = step(*state, xtr[index], ytr[index])
            float(loss), float(norm)  # read back every step, as the harness does
        start = time.perf_counter()
        history.append(evaluate(state[0], xva, yva))
        evaluation_s += time.perf_counter() - start
    start = time.perf_counter()
    test = evaluate(state[0], xte, yte)
    evaluation_s += time.perf_counter() - start
    return test, history, evaluation_s, f"jax {jax.__version__} jit + lax.scan"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--framework", required=True, choices=("torch", "jax"))
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    one_thread()
    import_start = time.perf_counter()
    if args.framework == "torch":
        import torch  # noqa: F401
    else:
        import jax
        jax.numpy.zeros(1).block_until_ready()  # backend start-up is not run time
    import_s = time.perf_counter() - import_start

    import numpy as np
    start = time.perf_counter()
    rng = np.random.default_rng(args.seed)
    data = [adding_split(rng, n) for n in (TRAIN, VALIDATION, TEST)]
    run = run_torch if args.framework == "torch" else run_jax
    test, history, evaluation_s, desc = run(data, args.seed)
    seconds = time.perf_counter() - start
    print(json.dumps({"framework": args.framework, "run_s": seconds, "evaluation_s": evaluation_s, "import_s": import_s,
                      "steps": EPOCHS * (TRAIN // BATCH), "test_mse": test, "validation_mse": history,
                      "affinity": sorted(os.sched_getaffinity(0)), "desc": desc}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
