#!/usr/bin/env bash
# Make .venv with Python 3.10 and install the pinned requirements.
# Usage: scripts/install.sh [requirements-file]   (default: requirements-dev.txt)
# Set PYTHON=/path/to/python3.10 to choose the interpreter yourself.
set -euo pipefail
cd "$(dirname "$0")/.."

REQUIREMENTS="${1:-requirements-dev.txt}"
VENV=.venv

is_py310() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; }

find_python() {
  local candidate
  if [ -n "${PYTHON:-}" ]; then
    if is_py310 "$PYTHON"; then echo "$PYTHON"; return 0; fi
    echo "error: PYTHON=$PYTHON is not a Python 3.10 interpreter." >&2
    return 1
  fi
  for candidate in python3.10 "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.10.*/bin/python3.10 \
                   /root/.pyenv/versions/3.10.*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10; do
    if command -v "$candidate" >/dev/null 2>&1 && is_py310 "$(command -v "$candidate")"; then
      command -v "$candidate"; return 0
    fi
  done
  return 1
}

if [ -x "$VENV/bin/python" ] && ! is_py310 "$VENV/bin/python"; then
  echo "The existing $VENV is not Python 3.10; making it again." >&2
  rm -rf "$VENV"
fi

if [ ! -x "$VENV/bin/python" ]; then
  if ! PY=$(find_python); then
    cat >&2 <<'MSG'
error: Python 3.10 was not found.
Rasa Open Source 3.6.21 runs only on Python 3.8-3.10 (it does not install on 3.11+).
Looked for: $PYTHON, python3.10 on PATH, ~/.pyenv/versions/3.10.*, /usr/bin/python3.10.
Install it, for example with pyenv:  pyenv install 3.10.13
or point to one:                     PYTHON=/path/to/python3.10 make install
MSG
    exit 1
  fi
  echo "Making $VENV with $PY ($("$PY" --version 2>&1))"
  "$PY" -m venv "$VENV" || { echo "error: '$PY -m venv' failed: the venv module is missing (Debian: apt-get install python3.10-venv)." >&2; exit 1; }
fi

# Reinstall only when the requirement files changed.
stamp="$VENV/.installed-$(cat requirements*.txt constraints.txt | sha256sum | cut -c1-16)-$(basename "$REQUIREMENTS")"
if [ -f "$stamp" ]; then
  echo "Requirements already installed in $VENV."
  exit 0
fi
echo "Installing the pinned requirements into $VENV (first time: about 3 minutes, 2.8 GB)..."
"$VENV/bin/python" -m pip install --disable-pip-version-check -q "pip==24.0"
"$VENV/bin/python" -m pip install --disable-pip-version-check --progress-bar on \
  -r "$REQUIREMENTS" -c constraints.txt
"$VENV/bin/python" -m pip check
rm -f "$VENV"/.installed-*
touch "$stamp"
echo "Installed."
