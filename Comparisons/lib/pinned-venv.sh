# Sourced by Comparisons/peers/setup.sh and Comparisons/real/setup.sh: creates
# or completes a Python venv holding exact versions from PyPI.
#
#   ensure_pinned_venv VENV CONSTRAINTS "name==version ..." [pip requirement ...]
#
# The venv is left alone when every name==version of the third argument is
# already installed in it (a second run only checks). Otherwise the venv is
# created if missing and the requirements (default: the pins themselves) are
# installed with every transitive dependency pinned by CONSTRAINTS, then
# checked again. Uses $PYTHON (default python3) to create the venv.

pinned_venv_check() {
    local venv=$1 wanted=$2
    [ -x "$venv/bin/python" ] || return 1
    "$venv/bin/python" - $wanted <<'PY'
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

ensure_pinned_venv() {
    local venv=$1 constraints=$2 wanted=$3
    shift 3
    local requirements=("$@")
    [ ${#requirements[@]} -gt 0 ] || read -r -a requirements <<< "$wanted"
    if pinned_venv_check "$venv" "$wanted"; then
        echo "venv $venv already has $wanted"
        return 0
    fi
    [ -x "$venv/bin/python" ] || "${PYTHON:-python3}" -m venv "$venv"
    "$venv/bin/python" -m pip install --disable-pip-version-check -c "$constraints" "${requirements[@]}"
    pinned_venv_check "$venv" "$wanted"
}
