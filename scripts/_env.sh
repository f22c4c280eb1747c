# Shared by scripts/serve and scripts/test: make the project's virtual environment, install the
# pinned requirements and the edition package (editable) into it, again only when a requirements
# file or pyproject.toml changed. Before making it, check that the Python chosen (PYTHON, default
# python3) is as recent as pyproject.toml's requires-python and has its venv module; each missing
# prerequisite stops the script with one line that says how to fix it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"
SCRIPT="scripts/$(basename "$0")"  # the command the reader ran, for the messages
export NO_MKDOCS_2_WARNING=1

fail() {  # fail MESSAGE: print one line naming the script and stop
  echo "$SCRIPT: $1" >&2
  exit 1
}

required_python() {  # the version pyproject.toml's requires-python (">=X.Y.Z") asks for
  local v
  v="$(sed -n 's/^requires-python *= *">= *\([0-9][0-9.]*\)".*/\1/p' "$ROOT/pyproject.toml")"
  [ -n "$v" ] || fail "pyproject.toml has no requires-python = \">=X.Y.Z\" line to check Python against"
  echo "$v"
}

python_version() {  # python_version INTERPRETER: its version as X.Y.Z
  "$1" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])'
}

version_at_least() {  # version_at_least FOUND NEEDED: true when FOUND >= NEEDED (dotted numbers)
  local -a found needed
  local i
  IFS=. read -r -a found <<<"$1"
  IFS=. read -r -a needed <<<"$2"
  for i in 0 1 2; do
    if (( 10#${found[i]:-0} != 10#${needed[i]:-0} )); then
      (( 10#${found[i]:-0} > 10#${needed[i]:-0} ))
      return
    fi
  done
}

check_python() {  # stop unless $PYTHON exists, is recent enough and can make a virtual environment
  local need found
  need="$(required_python)"
  command -v "$PYTHON" >/dev/null 2>&1 \
    || fail "$PYTHON not found; the pinned packages need Python $need or later: install it (e.g. pyenv install 3.11.9) and run PYTHON=/path/to/python3.11 $SCRIPT"
  found="$(python_version "$PYTHON" 2>/dev/null)" \
    || fail "$PYTHON does not run as Python; the pinned packages need Python $need or later: run PYTHON=/path/to/python3.11 $SCRIPT"
  version_at_least "$found" "$need" \
    || fail "Python $found found ($PYTHON); the pinned packages need $need or later: install it (e.g. pyenv install 3.11.9) and run PYTHON=/path/to/python3.11 $SCRIPT"
  # Debian and Ubuntu ship venv's ensurepip apart from Python, in python3-venv.
  "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1 \
    || fail "Python $found ($PYTHON) cannot make a virtual environment (no venv/ensurepip module): install it: sudo apt install python3-venv (or python${found%.*}-venv)"
}

check_venv_python() {  # stop when an existing virtual environment was made with too old a Python
  local need found
  need="$(required_python)"
  found="$(python_version "$VENV/bin/python" 2>/dev/null)" \
    || fail "$VENV/bin/python does not run: remove $VENV (rm -rf $VENV) and run $SCRIPT again"
  version_at_least "$found" "$need" \
    || fail "$VENV was made with Python $found; the pinned packages need $need or later: remove it (rm -rf $VENV) and run $SCRIPT again (PYTHON=/path/to/python3.11 to choose the interpreter)"
}

ensure_venv() {  # ensure_venv REQUIREMENTS_FILE
  local req="$ROOT/$1" stamp
  if [ ! -x "$VENV/bin/python" ]; then
    check_python
    echo "$SCRIPT: making the virtual environment $VENV with $PYTHON" >&2
    if ! "$PYTHON" -m venv "$VENV"; then
      rm -rf "$VENV"  # half-made: without this the next run would take it for a working one
      fail "could not make the virtual environment $VENV with $PYTHON (see the error above)"
    fi
  fi
  stamp="$VENV/.installed-$(basename "$req")"
  if [ ! -f "$stamp" ] || [ -n "$(find "$ROOT" -maxdepth 1 \( -name 'requirements*.txt' -o -name pyproject.toml \) -newer "$stamp")" ]; then
    check_venv_python
    echo "$SCRIPT: installing the pinned packages ($1) into $VENV (first run: a minute or two)..." >&2
    "$VENV/bin/python" -m pip install --disable-pip-version-check -r "$req"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -e "$ROOT"
    echo "$SCRIPT: installed" >&2
    touch "$stamp"
  fi
}
