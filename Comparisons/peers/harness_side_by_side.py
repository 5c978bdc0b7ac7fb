#!/usr/bin/env python3
"""Seconds per harness run of the adding configuration, Lamina against PyTorch and JAX (issue 18).

Alternates, for each repeat, one run of every entry (the order rotating from
repeat to repeat), each a fresh process pinned to one CPU with `taskset`:

  * lamina: `lamina compare Comparisons/peers/harness-adding.json --jobs 1`
    (one run; the process's wall time, and the record's wallSeconds);
  * torch, jax: `harness_run.py` (the same steps and evaluations; its run
    time without the library's import).

Prints one JSON line per measurement and a table of medians with the ratio
peer / Lamina (above 1: Lamina is faster). Several Lamina binaries can be
compared (old and new code) with --lamina NAME=PATH, repeated, and one binary
under several settings with --lamina-env NAME:VARIABLE=VALUE (for example
Lamina's kernels kept at AVX2 on a processor with AVX-512).

    python3 Comparisons/peers/harness_side_by_side.py --lamina new=.build/release/lamina \\
        --lamina old=/tmp/lamina-old --repeats 3 --out results/harness.jsonl
    python3 Comparisons/peers/harness_side_by_side.py --lamina wide=.build/release/lamina \\
        --lamina avx2=.build/release/lamina --lamina-env avx2:LAMINA_VECTOR_WIDTH=8 --peers torch
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
STUDY = os.path.join(HERE, "harness-adding.json")


def wrapped(command, args):
    """The command pinned to one CPU, in a session of its own with the given autogroup
    niceness (as side_by_side.py: on a shared machine, CPU time is shared between
    sessions first), when --autogroup-nice is set."""
    command = ["taskset", "-c", str(args.cpu)] + command
    if args.autogroup_nice is not None:
        command = ["setsid", "--wait", "sh", "-c", f'echo {args.autogroup_nice} > /proc/self/autogroup && exec "$@"',
                   "sh"] + command
    return command


def run_lamina(binary, environment, args):
    with tempfile.TemporaryDirectory(prefix="lamina-harness-") as tmp:
        results = os.path.join(tmp, "run.jsonl")
        start = time.perf_counter()
        subprocess.run(wrapped([binary, "compare", STUDY, "--jobs", "1", "--results", results], args),
                       cwd=tmp, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=dict({k: v for k, v in os.environ.items() if k != "LAMINA_VECTOR_WIDTH"}, **environment))
        wall = time.perf_counter() - start
        record = json.loads(open(results).readline())
        return {"run_s": wall, "record_wall_s": record["wallSeconds"], "test_mse": record["testMetric"]}


def run_peer(framework, python, args):
    out = subprocess.run(wrapped([python, os.path.join(HERE, "harness_run.py"), "--framework", framework], args),
                         check=True, capture_output=True, text=True, env=dict(os.environ, PYTHONWARNINGS="ignore"))
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lamina", action="append", default=[], metavar="NAME=PATH",
                        help="a lamina binary to time (default lamina=.build/release/lamina)")
    parser.add_argument("--lamina-env", action="append", default=[], metavar="NAME:VARIABLE=VALUE",
                        help="an environment variable set for the lamina entry NAME only")
    parser.add_argument("--peers", default="torch,jax", help="comma-separated, of: torch, jax (empty for none)")
    parser.add_argument("--venv", default=os.environ.get("VENV", os.path.expanduser("~/.venvs/lamina-peers")),
                        help="the venv with torch and jax (setup.sh)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cpu", type=int, default=0)
    parser.add_argument("--autogroup-nice", type=int, help="run each measurement in a new session of this autogroup niceness")
    parser.add_argument("--out", help="JSON lines of every measurement")
    args = parser.parse_args()
    laminas = [spec.split("=", 1) for spec in (args.lamina or ["lamina=.build/release/lamina"])]
    environments = {name: {} for name, _ in laminas}
    for spec in args.lamina_env:
        name, _, setting = spec.partition(":")
        variable, equals, value = setting.partition("=")
        if name not in environments or not variable or not equals:
            parser.error(f"--lamina-env {spec}: expected NAME:VARIABLE=VALUE with NAME one of the --lamina entries")
        environments[name][variable] = value
    entries = [(name, lambda p=os.path.abspath(path), e=environments[name]: run_lamina(p, e, args)) for name, path in laminas]
    python = os.path.join(args.venv, "bin", "python")
    entries += [(peer, lambda f=peer: run_peer(f, python, args)) for peer in args.peers.split(",") if peer]
    records = []
    for repeat in range(args.repeats):
        shift = repeat % len(entries)
        for name, measure in entries[shift:] + entries[:shift]:
            record = dict(measure(), entry=name, repeat=repeat, environment=environments.get(name))
            records.append(record)
            print(json.dumps(record), flush=True)
            if args.out:
                with open(args.out, "a") as f:
                    f.write(json.dumps(record) + "\n")
    medians = {name: statistics.median(r["run_s"] for r in records if r["entry"] == name) for name, _ in entries}
    reference = laminas[0][0]
    print(f"\n| entry | median s per run (of {args.repeats}) | / {reference} |")
    print("|---|---:|---:|")
    for name, _ in entries:
        print(f"| {name} | {medians[name]:.1f} | {medians[name] / medians[reference]:.2f} |")


if __name__ == "__main__":
    sys.exit(main())
