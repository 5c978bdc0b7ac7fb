#!/usr/bin/env bash
# Creates the Python environment that make_fixtures.py runs in (PyTorch from
# PyPI; the wheel is large, about 3 GB with its CUDA libraries, but the
# fixtures are computed on the CPU) and regenerates the fixtures in
# Tests/LaminaTests/Fixtures/recurrent/. Run from anywhere; idempotent.
set -euo pipefail
venv="$HOME/.venvs/lamina-fixtures"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q torch==2.15.0 numpy
"$venv/bin/python" "$(dirname "$0")/make_fixtures.py"
