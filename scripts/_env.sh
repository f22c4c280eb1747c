# Shared by scripts/serve and scripts/test: make the project's virtual environment, install the
# pinned requirements and the edition package (editable) into it, again only when a requirements
# file or pyproject.toml changed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
export NO_MKDOCS_2_WARNING=1

ensure_venv() {  # ensure_venv REQUIREMENTS_FILE
  local req="$ROOT/$1" stamp
  if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
  fi
  stamp="$VENV/.installed-$(basename "$req")"
  if [ ! -f "$stamp" ] || [ -n "$(find "$ROOT" -maxdepth 1 \( -name 'requirements*.txt' -o -name pyproject.toml \) -newer "$stamp")" ]; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -e "$ROOT"
    touch "$stamp"
  fi
}
