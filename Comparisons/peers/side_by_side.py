#!/usr/bin/env python3
"""Side-by-side timing of one recurrent training step in Lamina and its peers (issue 7).

Runs `LaminaBenchmarks train` (Lamina, and by default also Lamina with
OPENBLAS_CORETYPE=Haswell; on request, `lamina_avx2`, with its own kernels
kept at AVX2 by LAMINA_VECTOR_WIDTH=8) and `peer_step.py` (PyTorch eager, JAX jit +
lax.scan, PyTensor scan) on the same workloads, one fresh process per
(framework, workload, threads), and prints a Markdown table of milliseconds
per step, GFLOP/s, compile time and the ratio of each peer's time to Lamina's.

    python3 Comparisons/peers/side_by_side.py --out results/peers.jsonl
    python3 Comparisons/peers/side_by_side.py --workloads lstm_small --frameworks lamina,torch --threads 1 --out /tmp/q.jsonl
    python3 Comparisons/peers/side_by_side.py --report results/peers.jsonl     # table from a finished run
    python3 Comparisons/peers/side_by_side.py --report results/peers.jsonl results/rerun.jsonl   # rerun rows replace

Order: workloads outermost, then thread counts, then the frameworks, whose
order rotates from one (workload, threads) to the next, so that the runs of a
table row are close in time and none is always first. 1-thread runs are
pinned to one CPU with `taskset -c CPU`; 2-thread runs are not pinned.
Needs only the standard library; the peers run in the venv of setup.sh.
"""
import argparse
import datetime
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
WORKLOADS = ["lstm_small", "lstm_medium", "lstm_large", "gru_medium", "rnn_medium", "lstm_medium_infer", "adding"]
LABELS = {
    "lstm_small": "LSTM small (32, 50, 16, 64)",
    "lstm_medium": "LSTM medium (64, 100, 128, 256)",
    "lstm_large": "LSTM large (64, 100, 512, 512)",
    "gru_medium": "GRU medium",
    "rnn_medium": "tanh RNN medium",
    "lstm_medium_infer": "LSTM medium, forward only",
    "adding": "adding step (50, 100, 2, 32), clip 1",
}
# Lamina run with a changed environment: the variant's name and what it sets.
VARIANTS = {"lamina_haswell": {"OPENBLAS_CORETYPE": "Haswell"}, "lamina_avx2": {"LAMINA_VECTOR_WIDTH": "8"}}
LAMINAS = ["lamina", *VARIANTS]
PEERS = ["torch", "jax", "jax_hoisted", "pytensor", "pytensor_numba"]
DEFAULT_FRAMEWORKS = ["lamina", "lamina_haswell", "torch", "jax", "pytensor"]
NAMES = {"lamina": "Lamina", "lamina_haswell": "Lamina Haswell", "lamina_avx2": "Lamina AVX2", "torch": "PyTorch", "jax": "JAX",
         "jax_hoisted": "JAX hoisted", "pytensor": "PyTensor", "pytensor_numba": "PyTensor numba"}


def default_lamina_binary():
    """The most recently built release LaminaBenchmarks (a stale build in another
    scratch folder must not be timed in place of the current one)."""
    paths = [os.path.join(REPO, scratch, "release", "LaminaBenchmarks") for scratch in (".build-peers", ".build")]
    built = [p for p in paths if os.path.exists(p)]
    return max(built, key=os.path.getmtime) if built else paths[1]


def write_atomically(path, records):
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    temporary = os.path.join(directory, f".{os.path.basename(path)}.{os.getpid()}.tmp")
    with open(temporary, "w") as f:
        for record in records:
            f.write(json.dumps(record, sort_keys=True) + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, path)


def git(*args):
    try:
        return subprocess.run(["git", "-C", REPO, *args], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def vector_instructions():
    """The widest vector instructions the processor has, of those Lamina's kernels use."""
    try:
        with open("/proc/cpuinfo") as f:
            flags = next((line.split(":", 1)[1].split() for line in f if line.startswith("flags")), [])
    except OSError:
        return None
    if "avx512f" in flags:
        return "AVX-512F"
    return "AVX2 + FMA, no AVX-512" if "avx2" in flags and "fma" in flags else "no AVX2"


def command_for(framework, workload, threads, args):
    """The command line and environment of one measurement."""
    env = dict(os.environ)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"):
        env[var] = str(threads)
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("LAMINA_VECTOR_WIDTH", None)  # only the lamina_avx2 variant sets it
    if framework in LAMINAS:
        env.update(LAMINA_WORKLOAD=workload, LAMINA_TRAIN_JSON="1", LAMINA_BLAS_THREADS=str(threads))
        env.update(VARIANTS.get(framework, {}))
        command = [args.lamina_bin, "train"]
    else:
        env["PYTHONWARNINGS"] = "ignore"
        command = [os.path.join(args.venv, "bin", "python"), os.path.join(HERE, "peer_step.py"),
                   "--framework", framework, "--workload", workload, "--threads", str(threads)]
    if threads == 1 and args.pin_cpu >= 0:
        command = ["taskset", "-c", str(args.pin_cpu)] + command
    if args.nice:
        command = ["nice", "-n", str(args.nice)] + command
    if args.autogroup_nice is not None:
        # With the kernel's autogroup scheduling, CPU time is first shared between
        # sessions by their autogroup's niceness; a process's own niceness only
        # counts within its session. A new session with its own niceness:
        command = ["setsid", "--wait", "sh", "-c",
                   f'echo {args.autogroup_nice} > /proc/self/autogroup && exec "$@"', "sh"] + command
    return command, env


def machine_busy_seconds():
    """CPU seconds the whole machine has spent busy (all CPUs), from /proc/stat."""
    try:
        with open("/proc/stat") as f:
            fields = [int(v) for v in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    user, nice, system, idle, iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_one(framework, workload, threads, args):
    command, env = command_for(framework, workload, threads, args)
    started = time.time()
    load = os.getloadavg()[0]
    busy0, child0 = machine_busy_seconds(), children_cpu_seconds()
    try:
        done = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, timeout=args.timeout)
        stdout, stderr, code = done.stdout, done.stderr, done.returncode
    except subprocess.TimeoutExpired as e:
        stdout = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        stderr, code = f"timed out after {args.timeout} s", None
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    if code == 0 and lines:
        record = json.loads(lines[-1])
        record["framework"] = framework  # a variant prints "lamina"
        record["status"] = "ok"
    else:
        record = {"framework": framework, "workload": workload, "threads": threads, "status": "failed",
                  "returncode": code, "error_tail": (stderr or stdout).strip().splitlines()[-8:]}
    if framework in VARIANTS:
        record["environment"] = VARIANTS[framework]
    wall = time.time() - started
    busy1, child1 = machine_busy_seconds(), children_cpu_seconds()
    if busy0 is not None and busy1 is not None:
        # cores kept busy by everything but the measured process, on average over its run
        record["others_cores"] = round(max(0.0, (busy1 - busy0) - (child1 - child0)) / max(wall, 1e-9), 2)
    record.update(kind="measurement", tag=args.tag, load_before=round(load, 2),
                  wall_s=round(wall, 1),
                  timestamp=datetime.datetime.now().isoformat(timespec="seconds"))
    return record


def short(record):
    if record["status"] != "ok":
        return f"FAILED ({record.get('returncode')}): {' | '.join(record.get('error_tail', [])[-2:])}"
    return (f"median {record['median_ms']:9.2f} ms  min {record['min_ms']:9.2f}  n {record['n_steps']}  "
            f"setup {record['setup_s']:6.2f} s  {record['gflops']:6.1f} GFLOP/s  peak RSS {record['peak_rss_mb']:.0f} MB  "
            f"load {record['load_before']}  others {record.get('others_cores', '?')} cores")


# --------------------------------------------------------------------------- report

BUSY = 0.5  # cores used by other processes during a run above which its figure is marked


def fmt_ms(value, record=None):
    if value is None:
        return "·"
    text = f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:.0f}"
    return text + ("†" if record and record.get("others_cores", 0) > BUSY else "")


def normalized(record):
    """The record with median, GFLOP/s and compile time recomputed from its step times
    with one convention (the upper median, as `LaminaBenchmarks` takes it)."""
    times = record.get("times_ms")
    if not times:
        return record
    record = dict(record)
    median = sorted(times)[len(times) // 2]
    record.update(median_ms=median, min_ms=min(times), gflops=record["gflop_per_step"] / (median / 1e3),
                  compile_s=max(0.0, record["setup_s"] - median / 1e3))
    return record


def report(records):
    ok = [normalized(r) for r in records if r.get("kind") == "measurement" and r.get("status") == "ok"]
    metas = [r for r in records if r.get("kind") == "meta"]
    meta = {}
    if metas:
        meta = dict(metas[0], started=min(m.get("started", "?") for m in metas),
                    finished=max(m.get("finished", "?") for m in metas),
                    git_commit=" + ".join(sorted({(m.get("git_commit") or "?")[:7] for m in metas})),
                    engine_dirty=any(m.get("engine_dirty") for m in metas))
    by = {}
    for r in ok:  # the last measurement of a key wins
        by[(r["workload"], r["threads"], r["framework"])] = r
    frameworks = [f for f in LAMINAS + PEERS if any(k[2] == f for k in by)]
    peers = [f for f in frameworks if f in PEERS]
    workloads = [w for w in WORKLOADS if any(k[0] == w for k in by)]
    threads_seen = sorted({k[1] for k in by})
    out = []
    if meta:
        out.append(f"Run {meta.get('started', '?')} – {meta.get('finished', '?')}, Lamina at commit "
                   f"{meta.get('git_commit') or '?'}{' (engine sources modified)' if meta.get('engine_dirty') else ''}, "
                   f"{meta.get('cpu', '?')}{' (' + meta['vectors'] + ')' if meta.get('vectors') else ''}, "
                   f"{meta.get('nproc', '?')} CPUs"
                   f"{', measured processes at nice ' + str(meta['nice']) if meta.get('nice') else ''}"
                   f"{', each in an autogroup at nice ' + str(meta['autogroup_nice']) if meta.get('autogroup_nice') is not None else ''}; "
                   f"peers: {meta.get('peer_versions', '?')}.")
        out.append("")
    med = lambda w, t, f: by[(w, t, f)]["median_ms"] if (w, t, f) in by else None
    for t in threads_seen:
        out.append(f"**{t} thread{'s' if t > 1 else ''}**{' (pinned to one CPU)' if t == 1 else ''}: "
                   "median ms per step; ratio = peer ms / Lamina ms (above 1: Lamina is faster)")
        out.append("")
        head = ["workload"] + [f"{NAMES[f]} ms" for f in frameworks]
        if peers:
            head += ["fastest peer", "fastest peer / Lamina"]
        if "pytensor" in peers:
            head += ["PyTensor / Lamina"]
        head += ["GFLOP/s Lamina · fastest peer", "compile s " + " · ".join(NAMES[f] for f in frameworks if f not in VARIANTS)]
        out.append("| " + " | ".join(head) + " |")
        out.append("|---" + "|---:" * (len(head) - 1) + "|")
        for w in workloads:
            if not any((w, t, f) in by for f in frameworks):
                continue
            row = [LABELS[w]] + [fmt_ms(med(w, t, f), by.get((w, t, f))) for f in frameworks]
            lam = med(w, t, "lamina")
            timed = [(med(w, t, f), f) for f in peers if med(w, t, f) is not None]
            fastest = min(timed) if timed else None
            if peers:
                row.append(NAMES[fastest[1]] if fastest else "·")
                row.append(f"**{fastest[0] / lam:.2f}**" if fastest and lam else "·")
            if "pytensor" in peers:
                py = med(w, t, "pytensor")
                row.append(f"{py / lam:.2f}" if py and lam else "·")
            g = lambda f: f"{by[(w, t, f)]['gflops']:.1f}" if (w, t, f) in by else "·"
            row.append(f"{g('lamina')} · {g(fastest[1]) if fastest else '·'}")
            row.append(" · ".join(f"{by[(w, t, f)]['compile_s']:.2f}" if (w, t, f) in by else "·"
                                  for f in frameworks if f not in VARIANTS))
            out.append("| " + " | ".join(row) + " |")
        out.append("")

    # memory: the medium LSTM's training step
    for t in threads_seen:
        parts = []
        for f in frameworks:
            r = by.get(("lstm_medium", t, f))
            if r and f not in VARIANTS:
                parts.append(f"{NAMES[f]} {r['peak_rss_mb']:.0f} MB ({r['peak_rss_mb'] - r['base_rss_mb']:+.0f} MB over "
                             f"{'start' if f in LAMINAS else 'the imports'})")
        if parts:
            out.append(f"- Peak RSS of a process timing the medium LSTM's training step, {t} thread{'s' if t > 1 else ''}: "
                       + "; ".join(parts) + ".")
        lam, torch_ = by.get(("lstm_medium", t, "lamina")), by.get(("lstm_medium", t, "torch"))
        if lam and torch_:
            out.append(f"  Lamina / PyTorch: {lam['peak_rss_mb'] / torch_['peak_rss_mb']:.2f} in total, "
                       f"{(lam['peak_rss_mb'] - lam['base_rss_mb']) / max(torch_['peak_rss_mb'] - torch_['base_rss_mb'], 1e-9):.2f}"
                       " in growth over the process's start.")
    # thread scaling
    if 1 in threads_seen and 2 in threads_seen:
        for w in ("lstm_large",):
            parts = [f"{NAMES[f]} {med(w, 1, f) / med(w, 2, f):.2f}×" for f in frameworks
                     if med(w, 1, f) and med(w, 2, f)]
            if parts:
                out.append(f"- 2-thread speed-up (1-thread ms / 2-thread ms), {LABELS[w]}: " + ", ".join(parts) + ".")
    # Lamina against its variants
    for variant, what in (("lamina_haswell", "default OpenBLAS kernel / OPENBLAS_CORETYPE=Haswell (above 1: Haswell faster)"),
                          ("lamina_avx2", "widest vectors / LAMINA_VECTOR_WIDTH=8 (below 1: the wide kernels are faster)")):
        ratios = [(w, t, med(w, t, "lamina") / med(w, t, variant)) for w in workloads for t in threads_seen
                  if med(w, t, "lamina") and med(w, t, variant)]
        if ratios:
            out.append(f"- Lamina, {what}: " + ", ".join(f"{w} {t}t {x:.2f}" for w, t, x in ratios) + ".")
    # same weights and data in every peer: their first losses must agree
    spread = []
    for w in workloads:
        for t in threads_seen:
            losses = [by[(w, t, f)]["first_loss"] for f in peers if (w, t, f) in by]
            if len(losses) > 1:
                spread.append(max(abs(a - losses[0]) / abs(losses[0]) for a in losses))
    if spread:
        out.append(f"- The peers start from the same weights and data; their first losses agree to a relative "
                   f"{max(spread):.1e} at worst.")
    loads = [r["load_before"] for r in ok]
    if loads:
        out.append(f"- Load average (1 min) before the runs: median {statistics.median(loads):.2f}, max {max(loads):.2f}.")
    others = [r["others_cores"] for r in ok if "others_cores" in r]
    if others:
        marked = sum(o > BUSY for o in others)
        out.append(f"- Cores kept busy by other processes during a run (from /proc/stat): median {statistics.median(others):.2f}, "
                   f"max {max(others):.2f}; † marks the {marked} of {len(others)} runs with more than {BUSY}.")
    failed = [r for r in records if r.get("kind") == "measurement" and r.get("status") != "ok"]
    for r in failed:
        out.append(f"- FAILED: {r['framework']} {r['workload']} {r['threads']}t: {' | '.join(r.get('error_tail', [])[-2:])}")
    return "\n".join(out)


def read_jsonl(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def peer_versions(venv):
    python = os.path.join(venv, "bin", "python")
    code = ("from importlib.metadata import version as v;"
            "print(', '.join(f'{n} {v(n)}' for n in ('torch','jax','jaxlib','pytensor','numpy')))")
    try:
        return subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("--workloads", default=",".join(WORKLOADS), help="comma-separated, of: " + ", ".join(WORKLOADS))
    parser.add_argument("--frameworks", default=",".join(DEFAULT_FRAMEWORKS),
                        help="comma-separated, of: " + ", ".join(LAMINAS + PEERS))
    parser.add_argument("--threads", default="1,2", help="comma-separated thread counts")
    parser.add_argument("--out", help="JSONL results (rewritten atomically after every run)")
    parser.add_argument("--report", metavar="JSONL", nargs="+",
                        help="print the table of finished runs and exit; with several files, a later "
                             "measurement of the same (workload, threads, framework) replaces an earlier one")
    parser.add_argument("--markdown", help="also write the table to this file")
    parser.add_argument("--lamina-bin", default=default_lamina_binary())
    parser.add_argument("--venv", default=os.environ.get("VENV", os.path.expanduser("~/.venvs/lamina-peers")))
    parser.add_argument("--pin-cpu", type=int, default=1 if (os.cpu_count() or 1) > 1 else 0,
                        help="CPU for 1-thread runs (taskset -c); -1 to not pin")
    parser.add_argument("--autogroup-nice", type=int, default=None,
                        help="run each measured process in a session (autogroup) of its own at this "
                             "niceness (root for negative values): the way to compete on equal terms with "
                             "jobs whose session was given a raised priority (see /proc/PID/autogroup)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per run")
    parser.add_argument("--nice", type=int, default=0,
                        help="run the measured processes at this niceness (negative needs root), e.g. -20 "
                             "when other jobs on the machine run at a raised priority")
    parser.add_argument("--tag", default="")
    args = parser.parse_args()

    if args.report:
        text = report([record for path in args.report for record in read_jsonl(path)])
        print(text)
        if args.markdown:
            with open(args.markdown, "w") as f:
                f.write(text + "\n")
        return 0
    if not args.out:
        parser.error("--out is required to run (or --report to print a finished run)")
    workloads = [w for w in args.workloads.split(",") if w]
    frameworks = [f for f in args.frameworks.split(",") if f]
    threads = [int(t) for t in args.threads.split(",") if t]
    for w in workloads:
        if w not in WORKLOADS:
            parser.error(f"unknown workload {w}")
    for f in frameworks:
        if f not in LAMINAS + PEERS:
            parser.error(f"unknown framework {f}")
    if any(f in LAMINAS for f in frameworks) and not os.access(args.lamina_bin, os.X_OK):
        parser.error(f"no Lamina benchmark binary at {args.lamina_bin}; build it with "
                     "swift build -c release --product LaminaBenchmarks --scratch-path .build-peers")
    if any(f in PEERS for f in frameworks) and not os.access(os.path.join(args.venv, "bin", "python"), os.X_OK):
        parser.error(f"no venv at {args.venv}; run Comparisons/peers/setup.sh")
    if 1 in threads and args.pin_cpu >= 0 and not shutil.which("taskset"):
        parser.error("taskset (util-linux) is needed to pin 1-thread runs; or pass --pin-cpu -1")

    dirty = git("status", "--porcelain", "--", "Sources", "Package.swift")
    meta = {"kind": "meta", "started": datetime.datetime.now().isoformat(timespec="seconds"),
            "command": " ".join([os.path.basename(sys.argv[0])] + sys.argv[1:]),
            "git_commit": git("rev-parse", "HEAD"),
            "engine_dirty": bool(dirty and any(not line.endswith(".swift") or "LaminaBenchmarks" not in line
                                               for line in dirty.splitlines())),
            "cpu": cpu_model(), "vectors": vector_instructions(), "nproc": os.cpu_count(), "lamina_bin": os.path.relpath(args.lamina_bin, REPO),
            "nice": args.nice, "autogroup_nice": args.autogroup_nice, "pin_cpu": args.pin_cpu,
            "peer_versions": peer_versions(args.venv) if any(f in PEERS for f in frameworks) else None}
    records = [meta]
    rotation = 0
    for w in workloads:
        for t in threads:
            order = frameworks[rotation % len(frameworks):] + frameworks[:rotation % len(frameworks)]
            rotation += 1
            for f in order:
                record = run_one(f, w, t, args)
                records.append(record)
                meta["finished"] = datetime.datetime.now().isoformat(timespec="seconds")
                write_atomically(args.out, records)
                print(f"{w:18s} {t}t {f:15s} {short(record)}", flush=True)
    text = report(records)
    print()
    print(text)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
