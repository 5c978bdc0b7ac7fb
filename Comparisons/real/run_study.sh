#!/usr/bin/env bash
# Trains every run of a study that has a real library (profile pytorch: PyTorch;
# keras3: Keras 3 on JAX) on the data Lamina uses, one run at a time, appending
# to results/<study>-real.jsonl and skipping runs already there.
#
#   bash Comparisons/real/run_study.sh Comparisons/studies/real-adding.json
#   bash Comparisons/real/run_study.sh STUDY --results FILE --lamina PATH/TO/lamina
#
# Needs the venv of Comparisons/real/setup.sh (VENV, default ~/.venvs/lamina-real).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
VENV=${VENV:-$HOME/.venvs/lamina-real}
setup="bash Comparisons/real/setup.sh"
[ "$VENV" = "$HOME/.venvs/lamina-real" ] || setup="VENV=$VENV $setup"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c '
import importlib.util, sys
sys.exit(any(importlib.util.find_spec(name) is None for name in ("torch", "keras", "jax")))' >/dev/null 2>&1; then
    echo "run_study.sh: no real-library venv at $VENV (torch, keras, jax); create it with: $setup" >&2
    exit 2
fi
exec "$VENV/bin/python" "$here/run_study.py" "$@"
