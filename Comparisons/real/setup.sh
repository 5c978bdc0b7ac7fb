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

# name==version pairs that must be importable from the venv
wanted="torch==2.15.0 keras==3.15.1 jax==0.10.2 jaxlib==0.10.2 numpy==2.4.6"
# shellcheck source=../lib/pinned-venv.sh
. "$here/../lib/pinned-venv.sh"
ensure_pinned_venv "$VENV" "$here/constraints.txt" "$wanted" torch==2.15.0 keras==3.15.1 "jax[cpu]==0.10.2" jaxlib==0.10.2 numpy==2.4.6

KERAS_BACKEND=jax JAX_PLATFORMS=cpu "$VENV/bin/python" -c '
import torch, keras, jax, numpy
print("torch", torch.__version__, "| keras", keras.__version__, "(backend", keras.backend.backend() + ")",
      "| jax", jax.__version__, "| numpy", numpy.__version__)'
