#!/usr/bin/env python3
"""Trains one run of a Lamina study in the real PyTorch or Keras 3, with the
library's own defaults, on data exported by `lamina export-task`, and writes
the run record as one JSON line in the format of Lamina's results files.

    python train_real.py --library torch --study Comparisons/studies/real-adding.json \
        --data adding-3.npz --seed 3 [--task adding] [--append results/real-adding-real.jsonl]

The model is the study's: an LSTM of `model.units` units and a dense readout of
the last hidden state (per step for the copy task), built with the library's
defaults (PyTorch: nn.LSTM(input, units, batch_first=True) + nn.Linear; Keras 3:
keras.layers.LSTM(units) + keras.layers.Dense). The optimizer is the library's
Adam with its own defaults except the study's learning rate, with global-norm
clipping at the study's clip norm when it is nonzero. Training follows the
exported batch order; the validation split is scored after every epoch and the
test split at the end, as Lamina's trainRun does: metric summed over examples
(or real steps) in batches of 256, divided by their number. A non-finite loss
or a gradient norm above 1e6 stops the run (diverged, test metric NaN).

Runs on one thread. The weights are drawn from the library's own generator
seeded with the run seed: the same data and batch order as Lamina's run of that
seed, but not the same initial weights.
"""
import argparse
import json
import math
import os
import sys
import time

# One thread, set before any library loads its thread pools.
for variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ[variable] = "1"
os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") +
                           " --xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1").strip()
os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np

#: The Lamina profile that each real library stands beside.
PROFILES = {"torch": "pytorch", "keras": "keras3"}
#: Per task: (output kind, classes, metric name, higher is better, success threshold).
TASKS = {
    "adding": ("regression", 1, "mse", False, 0.05),
    "copy": ("perStep", 10, "cross-entropy", False, None),
}
#: The largest gradient norm before a run counts as diverged (as in Lamina's trainRun).
DIVERGENCE_NORM = 1e6
#: Evaluation batch size (as in Lamina's evaluate).
EVALUATION_BATCH = 256
#: Gate order of the recurrent matrix in both libraries: i, f, g (cell), o.
GATES = ("input", "forget", "cell", "output")


class InputError(Exception):
    """Bad input, with a one-line message for the user."""


def load_study(path, task):
    """The study's settings that a run needs, checked; `task` may be None when the study has one."""
    try:
        with open(path) as f:
            study = json.load(f)
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: cannot read the study ({error})")
    tasks = study.get("tasks", [])
    if task is None:
        if len(tasks) != 1:
            raise InputError(f"{path}: the study has tasks {', '.join(tasks)}; choose one with --task")
        task = tasks[0]
    if task not in tasks:
        raise InputError(f"{path}: task '{task}' is not in the study (tasks: {', '.join(tasks)})")
    if task not in TASKS:
        raise InputError(f"{path}: task '{task}' has no real-library script (supported: {', '.join(TASKS)})")
    model, optimizer, budget = study.get("model", {}), study.get("optimizer", {}), study.get("budget", {})
    if model.get("cell", "lstm") != "lstm":
        raise InputError(f"{path}: field model.cell is '{model['cell']}'; the real-library script builds LSTMs only")
    if optimizer.get("name", "adam") != "adam":
        raise InputError(f"{path}: field optimizer.name is '{optimizer['name']}'; the real-library script trains with Adam only")
    return {
        "name": study["name"], "task": task, "units": int(model.get("units", 32)),
        "learningRate": float(optimizer.get("learningRate", 0.001)), "clipNorm": float(optimizer.get("clipNorm", 0)),
        "epochs": int(budget.get("epochs", 5)), "batchSize": int(budget.get("batchSize", 32)),
    }


def load_data(path, settings, seed):
    """The exported arrays, checked against the study's budget and the seed."""
    try:
        archive = np.load(path)
        data = {key: archive[key] for key in archive.files}
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: cannot read the exported task ({error}); write it with lamina export-task")
    order = data.get("batch_order")
    if order is None or order.shape[0] != settings["epochs"] or int(data["batch_size"][0]) != settings["batchSize"]:
        raise InputError(f"{path}: exported for another budget (batch order {None if order is None else order.shape}, "
                         f"expected {settings['epochs']} epochs at batch size {settings['batchSize']}); export it again")
    if int(data["seed"][0]) != seed:
        raise InputError(f"{path}: exported for seed {int(data['seed'][0])}, not {seed}")
    for split in ("train", "validation", "test"):
        if not np.all(data[f"{split}_mask"] == 1):
            raise InputError(f"{path}: the {split} split has padded steps; the real-library script needs unpadded sequences")
    return data


def require(module):
    """Imports `module`, or raises InputError naming the setup command when this Python lacks it."""
    import importlib
    try:
        return importlib.import_module(module)
    except ImportError:
        raise InputError(f"{module} is not installed for {sys.executable}; create the venv with "
                         f"bash Comparisons/real/setup.sh and run ~/.venvs/lamina-real/bin/python (or $VENV/bin/python)")


class TorchRun:
    """PyTorch: nn.LSTM + nn.Linear with PyTorch's defaults, torch.optim.Adam."""

    def __init__(self, seed, features, units, outputs, per_step, settings, kind):
        import torch
        torch.set_num_threads(1)
        torch.manual_seed(seed)
        self.torch, self.per_step = torch, per_step
        self.lstm = torch.nn.LSTM(features, units, batch_first=True)
        self.readout = torch.nn.Linear(units, outputs)
        self.parameters = list(self.lstm.parameters()) + list(self.readout.parameters())
        self.optimizer = torch.optim.Adam(self.parameters, lr=settings["learningRate"])
        self.clip = settings["clipNorm"]
        self.implementation = f"torch {torch.__version__.split('+')[0]}"

    def recurrent_matrix(self):
        """The (units, 4·units) recurrent matrix, gate blocks in columns (transposed from PyTorch's weight_hh_l0)."""
        return self.lstm.weight_hh_l0.detach().numpy().astype(np.float64).T

    def _forward(self, x):
        states, _ = self.lstm(x)
        return self.readout(states if self.per_step else states[:, -1, :])

    def _losses(self, prediction, targets, kind):
        """Per example (regression, classification) or per step (per-step) losses."""
        functional = self.torch.nn.functional
        if kind == "regression":
            return ((prediction - targets) ** 2).mean(dim=-1)
        return functional.cross_entropy(prediction.reshape(-1, prediction.shape[-1]), targets.reshape(-1).long(),
                                        reduction="none")

    def train_step(self, x, targets, kind):
        """One optimizer step; returns (loss, global gradient norm before clipping)."""
        torch = self.torch
        x, targets = torch.from_numpy(x), torch.from_numpy(targets)
        self.optimizer.zero_grad()
        loss = self._losses(self._forward(x), targets, kind).mean()
        loss.backward()
        norm = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(p.grad) for p in self.parameters]))
        if self.clip > 0:
            torch.nn.utils.clip_grad_norm_(self.parameters, self.clip)
        self.optimizer.step()
        return float(loss.detach()), float(norm)

    def metric_values(self, x, targets, kind):
        """The metric per example (or per step) of a batch, without training."""
        torch = self.torch
        with torch.no_grad():
            prediction = self._forward(torch.from_numpy(x))
            if kind == "classification":
                return (prediction.argmax(dim=-1).numpy() == targets).astype(np.float64)
            return self._losses(prediction, torch.from_numpy(targets), kind).numpy().astype(np.float64)


class KerasRun:
    """Keras 3 on JAX: keras.layers.LSTM + keras.layers.Dense with Keras's defaults, keras.optimizers.Adam."""

    def __init__(self, seed, features, units, outputs, per_step, settings, kind):
        import jax
        import keras
        keras.utils.set_random_seed(seed)
        self.jax, self.keras, self.per_step = jax, keras, per_step
        inputs = keras.Input(shape=(None, features))
        states = keras.layers.LSTM(units, return_sequences=per_step)(inputs)
        activation = None if kind == "regression" else "softmax"
        self.model = keras.Model(inputs, keras.layers.Dense(outputs, activation=activation)(states))
        self.lstm = self.model.layers[1]
        clip = settings["clipNorm"]
        self.optimizer = keras.optimizers.Adam(learning_rate=settings["learningRate"],
                                               global_clipnorm=clip if clip > 0 else None)
        self.optimizer.build(self.model.trainable_variables)
        self.state = ([v.value for v in self.model.trainable_variables],
                      [v.value for v in self.model.non_trainable_variables],
                      [v.value for v in self.optimizer.variables])
        self.implementation = f"keras {keras.__version__} (jax {jax.__version__})"
        self._steps = {}
        self._predict = jax.jit(lambda trainable, non_trainable, x:
                                self.model.stateless_call(trainable, non_trainable, x, training=False)[0])

    def recurrent_matrix(self):
        """The (units, 4·units) recurrent kernel, gate blocks in columns."""
        return np.asarray(self.keras.ops.convert_to_numpy(self.lstm.cell.recurrent_kernel), dtype=np.float64)

    def _losses(self, prediction, targets, kind):
        ops, losses = self.keras.ops, self.keras.losses
        if kind == "regression":
            return ops.mean(ops.square(prediction - targets), axis=-1)
        return losses.sparse_categorical_crossentropy(targets, prediction)

    def _step(self, kind):
        if kind not in self._steps:
            jax, keras = self.jax, self.keras

            def loss_of(trainable, non_trainable, x, targets):
                prediction, non_trainable = self.model.stateless_call(trainable, non_trainable, x, training=True)
                return keras.ops.mean(self._losses(prediction, targets, kind)), non_trainable

            gradient = jax.value_and_grad(loss_of, has_aux=True)

            def step(state, x, targets):
                trainable, non_trainable, optimizer_variables = state
                (loss, non_trainable), grads = gradient(trainable, non_trainable, x, targets)
                norm = jax.numpy.sqrt(sum(jax.numpy.sum(jax.numpy.square(g)) for g in grads))
                trainable, optimizer_variables = self.optimizer.stateless_apply(optimizer_variables, grads, trainable)
                return loss, norm, (trainable, non_trainable, optimizer_variables)

            self._steps[kind] = jax.jit(step)
        return self._steps[kind]

    def train_step(self, x, targets, kind):
        loss, norm, self.state = self._step(kind)(self.state, x, targets)
        return float(loss), float(norm)

    def metric_values(self, x, targets, kind):
        prediction = self._predict(self.state[0], self.state[1], x)
        if kind == "classification":
            return (np.asarray(prediction).argmax(axis=-1) == targets).astype(np.float64)
        return np.asarray(self._losses(prediction, targets, kind), dtype=np.float64)


def spectral_radii(recurrent):
    """Per gate, the largest eigenvalue modulus of the (units, units) block of the recurrent matrix."""
    units = recurrent.shape[0]
    return {gate: float(np.max(np.abs(np.linalg.eigvals(recurrent[:, k * units:(k + 1) * units]))))
            for k, gate in enumerate(GATES)}


def evaluate(run, data, split, kind):
    """The metric over a split: summed in batches of 256, divided by the examples (or steps)."""
    inputs, targets = data[f"{split}_inputs"], data[f"{split}_targets"]
    total, weight = 0.0, 0
    for first in range(0, len(inputs), EVALUATION_BATCH):
        values = run.metric_values(inputs[first:first + EVALUATION_BATCH], targets[first:first + EVALUATION_BATCH], kind)
        total += float(np.sum(values))
        weight += values.size
    return total / weight if weight > 0 else math.nan


def train(library, settings, data, seed, study_name):
    """Trains one run and returns its record as a dict."""
    start = time.time()
    kind, classes, metric, higher_is_better, threshold = TASKS[settings["task"]]
    _, _, features = data["train_inputs"].shape
    per_step = kind == "perStep"
    run = (TorchRun if library == "torch" else KerasRun)(seed, features, settings["units"],
                                                         classes, per_step, settings, kind)
    radii = spectral_radii(run.recurrent_matrix())
    inputs, targets = data["train_inputs"], data["train_targets"]
    batch_size = settings["batchSize"]
    epochs, diverged = [], False
    for epoch, order in enumerate(data["batch_order"]):
        loss_sum, norm_sum, count = 0.0, 0.0, 0
        for first in range(0, len(order), batch_size):
            rows = order[first:first + batch_size]
            loss, norm = run.train_step(inputs[rows], targets[rows], kind)
            if not math.isfinite(loss) or not math.isfinite(norm) or norm > DIVERGENCE_NORM:
                diverged = True
                epochs.append({"epoch": epoch + 1, "trainingLoss": loss if math.isfinite(loss) else math.nan,
                               "validationMetric": math.nan, "gradientNorm": norm})
                break
            loss_sum, norm_sum, count = loss_sum + loss, norm_sum + norm, count + 1
        if diverged:
            break
        epochs.append({"epoch": epoch + 1, "trainingLoss": loss_sum / max(1, count),
                       "validationMetric": evaluate(run, data, "validation", kind),
                       "gradientNorm": norm_sum / max(1, count)})
    test = math.nan if diverged else evaluate(run, data, "test", kind)
    record = {
        "study": study_name, "task": settings["task"], "profile": PROFILES[library], "seed": seed,
        "epochs": epochs, "testMetric": test if math.isfinite(test) else math.nan, "metric": metric,
        "higherIsBetter": higher_is_better, "wallSeconds": time.time() - start,
        "diverged": diverged or not math.isfinite(test), "spectralRadius": radii,
        "implementation": run.implementation,
    }
    if threshold is not None:
        record["successThreshold"] = threshold
    return record


def encode(record):
    """One line as Lamina's RecordCoding writes it: sorted keys, compact, non-finite numbers as strings."""
    def finite(value):
        if isinstance(value, float) and not math.isfinite(value):
            return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
        if isinstance(value, dict):
            return {key: finite(item) for key, item in value.items()}
        if isinstance(value, list):
            return [finite(item) for item in value]
        return value
    return json.dumps(finite(record), sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def append_line(path, line):
    """Appends one line under an exclusive lock in one write, then fsyncs (as Lamina's ResultsFile does)."""
    import fcntl
    folder = os.path.dirname(path)
    if folder:
        os.makedirs(folder, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        payload = (line + "\n").encode()
        size = os.lseek(fd, 0, os.SEEK_END)
        if size > 0 and os.pread(fd, 1, size - 1) != b"\n":
            payload = b"\n" + payload
        if os.write(fd, payload) != len(payload):
            raise OSError(f"{path}: short write")
        os.fsync(fd)
    finally:
        os.close(fd)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--library", choices=sorted(PROFILES), required=True)
    parser.add_argument("--study", required=True, help="the study file (JSON)")
    parser.add_argument("--data", required=True, help="the .npz written by lamina export-task for this task and seed")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--task", help="the task; may be left out when the study has one")
    parser.add_argument("--append", help="append the record to this results file (JSON Lines) as well as printing it")
    arguments = parser.parse_args(argv)
    try:
        settings = load_study(arguments.study, arguments.task)
        data = load_data(arguments.data, settings, arguments.seed)
        for module in ("torch",) if arguments.library == "torch" else ("jax", "keras"):
            require(module)
    except InputError as error:
        print(f"train_real.py: {error}", file=sys.stderr)
        return 2
    line = encode(train(arguments.library, settings, data, arguments.seed, settings["name"]))
    if arguments.append:
        append_line(arguments.append, line)
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
