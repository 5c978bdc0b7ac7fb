#!/usr/bin/env bash
# Creates (or completes) the Python environment that runs the peer frameworks
# of the side-by-side benchmark: PyTorch, JAX and PyTensor at pinned versions
# from PyPI (constraints.txt). Running it again is cheap: when the venv already
# holds the pinned versions it only says so.
#
#   bash Comparisons/peers/setup.sh                # venv in ~/.venvs/lamina-peers
#   VENV=/elsewhere bash Comparisons/peers/setup.sh
#
# torch from PyPI is the CUDA build: about 3 GB of nvidia-* wheels come with
# it (only its CPU side is used). Needs python3 (3.11) with venv, and PyPI.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
VENV=${VENV:-$HOME/.venvs/lamina-peers}

# name==version pairs that must be importable from the venv
wanted="torch==2.15.0 jax==0.10.2 jaxlib==0.10.2 pytensor==3.0.7 numpy==2.4.6 scipy==1.17.1 numba==0.65.1"
# shellcheck source=../lib/pinned-venv.sh
. "$here/../lib/pinned-venv.sh"
ensure_pinned_venv "$VENV" "$here/constraints.txt" "$wanted" torch==2.15.0 "jax[cpu]==0.10.2" jaxlib==0.10.2 pytensor==3.0.7 numpy==2.4.6

# PyTensor compiles C code with gcc; the scan body's C implementation needs it.
command -v gcc >/dev/null || echo "warning: no gcc; PyTensor falls back to slow Python code" >&2

"$VENV/bin/python" -c '
import torch, jax, jaxlib, pytensor, numpy, scipy
print("torch", torch.__version__, "| jax", jax.__version__, "jaxlib", jaxlib.__version__,
      "| pytensor", pytensor.__version__, "| numpy", numpy.__version__, "| scipy", scipy.__version__)'
