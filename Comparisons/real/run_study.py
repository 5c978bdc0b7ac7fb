#!/usr/bin/env python3
"""The driver behind run_study.sh: for every task and seed of a study and every
profile of it that has a real library (pytorch: PyTorch, keras3: Keras 3),
exports the task's data with `lamina export-task`, trains the run with
train_real.py in a fresh process, and appends its record to the results file.
Runs already in the results file (same study, task, profile, seed, from a real
library) are skipped, so an interrupted study resumes where it stopped.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from train_real import PROFILES, TASKS  # noqa: E402  (light: numpy only at import)

LIBRARIES = {profile: library for library, profile in PROFILES.items()}


def lamina_command(explicit):
    """The command that runs lamina: --lamina, $LAMINA, a built binary, or `swift run -c release lamina`."""
    if explicit or os.environ.get("LAMINA"):
        return [explicit or os.environ["LAMINA"]]
    for build in (".build/release/lamina", ".build/debug/lamina"):
        if os.access(build, os.X_OK):
            return [build]
    return ["swift", "run", "-c", "release", "lamina"]


def done_keys(path):
    """Keys (study|task|profile|seed) of the real-library runs already in the results file."""
    keys = set()
    if not os.path.exists(path):
        return keys
    with open(path) as f:
        for line in f:
            try:
                record = json.loads(line)
            except ValueError:
                continue  # a partial last line from an interrupted append: that run is redone
            if record.get("implementation"):
                keys.add(f"{record['study']}|{record['task']}|{record['profile']}|{record['seed']}")
    return keys


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("study", help="the study file (JSON)")
    parser.add_argument("--results", help="default results/<study>-real.jsonl")
    parser.add_argument("--lamina", help="the lamina executable (default $LAMINA, .build/release/lamina, "
                                         ".build/debug/lamina, else swift run -c release lamina)")
    arguments = parser.parse_args(argv)
    try:
        with open(arguments.study) as f:
            study = json.load(f)
    except (OSError, ValueError) as error:
        print(f"run_study: {arguments.study}: cannot read the study ({error})", file=sys.stderr)
        return 2
    results = arguments.results or f"results/{study['name']}-real.jsonl"
    profiles = study["profiles"] if isinstance(study["profiles"], list) else list(LIBRARIES)
    real = [p for p in profiles if p in LIBRARIES]
    tasks = [t for t in study["tasks"] if t in TASKS]
    skipped = sorted(set(profiles) - set(real)) + sorted(set(study["tasks"]) - set(tasks))
    if skipped:
        print(f"run_study: no real library for {', '.join(skipped)}; skipped", file=sys.stderr)
    if not real or not tasks:
        print(f"run_study: {arguments.study}: nothing to run (real libraries for profiles {', '.join(LIBRARIES)}, "
              f"tasks {', '.join(TASKS)})", file=sys.stderr)
        return 2
    first = int(study.get("firstSeed", 0))
    seeds = range(first, first + int(study["seeds"]))
    lamina = lamina_command(arguments.lamina)
    done = done_keys(results)
    plan = [(t, s, p) for t in tasks for s in seeds for p in real if f"{study['name']}|{t}|{p}|{s}" not in done]
    print(f"study {study['name']}: {len(tasks) * len(seeds) * len(real)} real-library runs "
          f"({len(plan)} to do), results in {results}", file=sys.stderr)
    scratch = tempfile.mkdtemp(prefix="lamina-real-")
    failed = 0
    try:
        for index, (task, seed, profile) in enumerate(plan, 1):
            data = os.path.join(scratch, f"{task}-{seed}.npz")
            if not os.path.exists(data):
                for old in os.listdir(scratch):
                    os.remove(os.path.join(scratch, old))
                subprocess.run(lamina + ["export-task", arguments.study, "--task", task, "--seed", str(seed),
                                         "--output", data], check=True, stdout=subprocess.DEVNULL)
            start = time.time()
            run = subprocess.run([sys.executable, os.path.join(HERE, "train_real.py"), "--library", LIBRARIES[profile],
                                  "--study", arguments.study, "--task", task, "--data", data, "--seed", str(seed),
                                  "--append", results], stdout=subprocess.PIPE, text=True)
            if run.returncode != 0:
                failed += 1
                print(f"[{index}/{len(plan)}] {task}/{profile}/{seed}: failed (exit {run.returncode})", file=sys.stderr)
                continue
            record = json.loads(run.stdout.strip().splitlines()[-1])
            print(f"[{index}/{len(plan)}] {task}/{profile}/{seed}: {record['metric']} {record['testMetric']} "
                  f"in {time.time() - start:.0f} s ({record['implementation']})", file=sys.stderr)
    except subprocess.CalledProcessError as error:
        print(f"run_study: exporting the data failed: {' '.join(error.cmd)}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"done: {len(plan) - failed} run(s) now, {len(done)} already there, {failed} failed", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
