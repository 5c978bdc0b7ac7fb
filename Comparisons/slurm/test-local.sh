#!/bin/bash
# Tests Comparisons/slurm/compare.sbatch on a real one-node Slurm cluster started on this machine
# (Debian 12: Slurm 22.05 and MUNGE from apt; needs root for apt-get and the daemons).
#
#   bash Comparisons/slurm/test-local.sh            # builds lamina (release) in a fresh clone
#   LAMINA=/abs/path/to/lamina bash Comparisons/slurm/test-local.sh   # reuses a built lamina
#
# Steps: install slurmctld, slurmd, slurm-client and munge; start munged, slurmctld and slurmd with
# Comparisons/slurm/local/slurm.conf.in; clone this repository's HEAD into a scratch folder and, from
# there, submit the documented command for the tiny study Comparisons/slurm/local/tiny.json as 3
# shards; wait; merge the shards and check that they are bit-identical (but for wallSeconds) to a
# direct `lamina compare`; then submit again, cancel one array task while it runs, resubmit that
# shard alone, and check that nothing is lost or repeated. The daemons it started are stopped by
# their process ids on exit, and the scratch folder is removed.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(git -C "$HERE" rev-parse --show-toplevel)"
WORK="$(mktemp -d /tmp/lamina-slurm.XXXXXX)"
STATE="$WORK/state"
SHARDS=3
STARTED=$(date +%s)
PIDS=()

say() { printf '[test-local %3ds] %s\n' "$(( $(date +%s) - STARTED ))" "$*"; }
fail() { say "FAIL: $*"; exit 1; }

cleanup() {
    local status=$?
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    [ "$status" = 0 ] || { say "logs kept in $WORK"; tail -n 20 "$STATE"/*.log 2>/dev/null || true; exit "$status"; }
    rm -rf "$WORK"
}
trap cleanup EXIT

# 1. Packages.
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
    say "installing slurmctld slurmd slurm-client munge"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q slurmctld slurmd slurm-client munge >/dev/null
fi

# 2. A one-node cluster. MUNGE runs with its own socket and key in the scratch folder, so a
#    system munged (if any) is left alone.
mkdir -p "$STATE/ctld" "$STATE/spool" "$STATE/munge"
HOST="$(hostname -s)"
CPUS="$(nproc)"
MEMORY="$(awk '/MemTotal/ { print int($2 / 1024) - 512 }' /proc/meminfo)"
sed -e "s|@HOST@|$HOST|g" -e "s|@CPUS@|$CPUS|g" -e "s|@MEMORY@|$MEMORY|g" -e "s|@STATE@|$STATE|g" -e "s|@USER@|$(id -un)|g" \
    "$HERE/local/slurm.conf.in" > "$STATE/slurm.conf"
export SLURM_CONF="$STATE/slurm.conf"
dd if=/dev/urandom of="$STATE/munge/munge.key" bs=1024 count=1 status=none
chmod 755 "$STATE/munge"; chmod 400 "$STATE/munge/munge.key"
MUNGE_SOCKET="$STATE/munge/munge.socket"
munged --foreground --force --key-file="$STATE/munge/munge.key" --socket="$MUNGE_SOCKET" \
       --pid-file="$STATE/munge/munged.pid" --log-file="$STATE/munged.log" --seed-file="$STATE/munge/seed" 2>"$STATE/munged.out" &
PIDS+=($!)
for _ in $(seq 50); do [ -S "$MUNGE_SOCKET" ] && break; sleep 0.1; done
[ -S "$MUNGE_SOCKET" ] || fail "munged did not start"
# Slurm 22.05's MUNGE plugins (auth and credentials) read the socket from AuthInfo ("socket=PATH").
printf 'AuthInfo=socket=%s\n' "$MUNGE_SOCKET" >> "$STATE/slurm.conf"
slurmctld -D -i -f "$STATE/slurm.conf" >"$STATE/slurmctld.out" 2>&1 &
PIDS+=($!)
slurmd -D -f "$STATE/slurm.conf" >"$STATE/slurmd.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null || fail "a daemon (pid $pid) stopped: $(tail -n 3 "$STATE"/*.out)"; done
    timeout 5 sinfo -h -o '%T' 2>/dev/null | grep -qx idle && break
    sleep 0.2
done
timeout 5 sinfo -h -o '%T' | grep -qx idle || fail "the node did not come up: $(timeout 5 sinfo 2>&1)"
say "cluster up: $(sinfo -h -o '%P %D %T %c CPUs')"

# 3. A fresh clone of this repository's HEAD, with lamina built there (or the given one).
git clone -q "$REPO" "$WORK/clone"
cd "$WORK/clone"
if [ -n "${LAMINA:-}" ]; then
    say "using LAMINA=$LAMINA"
else
    say "building lamina (release) in the clone"
    swift build -c release --product lamina >/dev/null
    export LAMINA="$WORK/clone/.build/release/lamina"
fi
export LAMINA
STUDY=Comparisons/slurm/local/tiny.json

# Waits for every job given to leave the queue.
wait_jobs() { for _ in $(seq 600); do [ -z "$(squeue -h -j "$1" 2>/dev/null)" ] && return 0; sleep 0.5; done; fail "job $1 did not finish"; }
# The result records of the given files. A failed run's record (a worker killed mid-run: metric
# "failed", no epochs) is not a result: the next compare retries the run, so a killed task may leave
# one behind beside the retried run's record. Both helpers below leave such records out.
RESULTS_PY='
import json, sys
def results(paths):
    records = [r for p in paths for r in map(json.loads, filter(str.strip, open(p)))]
    return [r for r in records if not (r["metric"] == "failed" and not r["epochs"] and not r["diverged"])]
'
# The result records without wallSeconds, one canonical JSON line each, sorted.
canonical() { python3 -c "$RESULTS_PY"'
rows = []
for record in results(sys.argv[1:]):
    record.pop("wallSeconds", None); rows.append(json.dumps(record, sort_keys=True))
print("\n".join(sorted(rows)))' "$@"; }
# Fails with the difference unless the result records of the shards equal those of the direct run.
same_as_direct() {
    diff <(canonical results/tiny.shard-*-of-$SHARDS.jsonl) <(canonical "$WORK/direct.jsonl") >"$WORK/difference" \
        || fail "$1 (< shards, > direct run): $(cat "$WORK/difference")"
}
# The number of result records and of distinct run keys in the given files.
counts() { python3 -c "$RESULTS_PY"'
keys = ["|".join(str(r[k]) for k in ("study", "task", "profile", "seed")) for r in results(sys.argv[1:])]
print(len(keys), len(set(keys)))' "$@"; }

# 4. The documented command: the whole array, then merge and compare with a direct run.
JOB=$(sbatch --parsable --array=0-$((SHARDS - 1)) Comparisons/slurm/compare.sbatch "$STUDY" "$SHARDS")
say "submitted array job $JOB"
wait_jobs "$JOB"
for i in $(seq 0 $((SHARDS - 1))); do
    [ -s "results/tiny.shard-$i-of-$SHARDS.jsonl" ] || fail "shard $i wrote nothing; its log: $(cat lamina-compare-${JOB}_$i.out 2>&1)"
done
"$LAMINA" report results/tiny.shard-*-of-$SHARDS.jsonl --output reports/tiny >/dev/null 2>"$WORK/report.err" || fail "report failed: $(cat "$WORK/report.err")"
"$LAMINA" compare "$STUDY" --jobs 2 --results "$WORK/direct.jsonl" 2>/dev/null
same_as_direct "the merged shards differ from a direct run"
say "merged shards are bit-identical to a direct run (wallSeconds aside): $(counts results/tiny.shard-*-of-$SHARDS.jsonl) records/keys"

# 5. Resubmitting the same array resumes: nothing to do, nothing repeated.
JOB=$(sbatch --parsable --array=0-$((SHARDS - 1)) Comparisons/slurm/compare.sbatch "$STUDY" "$SHARDS")
wait_jobs "$JOB"
grep -q "(0 to do)" "lamina-compare-${JOB}_1.out" || fail "a resubmitted shard did not resume: $(cat "lamina-compare-${JOB}_1.out")"
[ "$(counts results/tiny.shard-*-of-$SHARDS.jsonl)" = "6 6" ] || fail "resubmission repeated runs"
say "a resubmitted array resumes (0 to do)"

# 6. Kill one array task while it runs and resubmit that shard alone (with the count, as documented).
rm -rf results
JOB=$(sbatch --parsable --array=0-$((SHARDS - 1)) Comparisons/slurm/compare.sbatch "$STUDY" "$SHARDS")
for _ in $(seq 600); do squeue -h -j "${JOB}_1" -t RUNNING 2>/dev/null | grep -q . && break; sleep 0.05; done
scancel --signal=KILL --full "${JOB}_1"
say "killed array task ${JOB}_1"
wait_jobs "$JOB"
before="$(counts results/tiny.shard-*-of-$SHARDS.jsonl)"
JOB2=$(sbatch --parsable --array=1 Comparisons/slurm/compare.sbatch "$STUDY" "$SHARDS")
wait_jobs "$JOB2"
[ "$(counts results/tiny.shard-*-of-$SHARDS.jsonl)" = "6 6" ] || fail "after resubmitting shard 1: $(counts results/tiny.shard-*-of-$SHARDS.jsonl) records/keys"
same_as_direct "the resubmitted shards differ from a direct run"
[ ! -e "results/tiny.shard-0-of-1.jsonl" ] || fail "the single-shard resubmission ran the whole study"
say "shard 1 resubmitted alone: $before before, 6 6 after; bit-identical to a direct run"

# 7. A single shard without the count is refused instead of running the whole study as 1 shard.
JOB3=$(sbatch --parsable --array=1 Comparisons/slurm/compare.sbatch "$STUDY")
wait_jobs "$JOB3"
grep -q "is not a whole array" "lamina-compare-${JOB3}_1.out" || fail "a partial array without a count was not refused"
say "a partial array without the shard count is refused"
say "PASS in $(( $(date +%s) - STARTED )) s"
