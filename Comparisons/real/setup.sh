#!/usr/bin/env bash
# Creates (or completes) the Python environment in which Comparisons/real/
# trains a study's runs in the real libraries: PyTorch, and Keras 3 on JAX, at
# the versions pinned in constraints.txt, from PyPI. Running it again only
# checks: when the venv already holds the pinned versions it says so.
#
#   bash Comparisons/real/setup.sh                 # venv in ~/.venvs/lamina-real
#   VENV=/elsewhere bash Comparisons/real/setup.sh  # then give run_study.sh the same VENV
#
# torch from PyPI is the CUDA build: about 3 GB of nvidia-* wheels come with it
# (only its CPU side is used). Needs python3 (3.11) with venv, and PyPI.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
VENV=${VENV:-$HOME/.venvs/lamina-real}
PYTHON=${PYTHON:-python3}

# name==version pairs that must be importable from the venv (the first block of constraints.txt)
wanted="torch==2.15.0 keras==3.15.1 jax==0.10.2 jaxlib==0.10.2 numpy==2.4.6"

check() {
    [ -x "$VENV/bin/python" ] || return 1
    "$VENV/bin/python" - $wanted <<'PY'
import sys
from importlib.metadata import version, PackageNotFoundError
bad = []
for pin in sys.argv[1:]:
    name, want = pin.split("==")
    try:
        have = version(name)
    except PackageNotFoundError:
        have = None
    if have != want:
        bad.append(f"{name}: want {want}, have {have}")
if bad:
    print("venv incomplete: " + "; ".join(bad))
    sys.exit(1)
PY
}

if check; then
    echo "real-library venv $VENV already has $wanted"
else
    if [ ! -x "$VENV/bin/python" ]; then
        "$PYTHON" -m venv "$VENV"
    fi
    # The constraints pin every transitive dependency as well.
    "$VENV/bin/python" -m pip install --disable-pip-version-check \
        -c "$here/constraints.txt" torch==2.15.0 keras==3.15.1 "jax[cpu]==0.10.2" jaxlib==0.10.2 numpy==2.4.6
    check
fi

KERAS_BACKEND=jax JAX_PLATFORMS=cpu "$VENV/bin/python" -c '
import torch, keras, jax, numpy
print("torch", torch.__version__, "| keras", keras.__version__, "(backend", keras.backend.backend() + ")",
      "| jax", jax.__version__, "| numpy", numpy.__version__)'
