#!/usr/bin/env bash
# Installs the real editors the editor end-to-end tests (test/editors/*.e2e.mjs) drive headless:
# Debian's Neovim (0.7.2 on Debian 12), Emacs without X (28) and Eglot (elpa-eglot, 1.9).
#
# Idempotent: a rerun whose packages are already installed returns at once, without apt-get update.
# Needs root when something is missing; reaches only Debian's mirrors (through apt).
#
# Usage: scripts/editors-setup.sh
# Prints the installed versions on its last lines.
set -euo pipefail

APT_PACKAGES=(neovim emacs-nox elpa-eglot)

started=$(date +%s)
log() { printf '[editors-setup %3ss] %s\n' "$(($(date +%s) - started))" "$*" >&2; }
fail() { log "FAILED: $*"; exit 1; }
trap 'fail "command failed at line $LINENO: $BASH_COMMAND"' ERR

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
for p in "${APT_PACKAGES[@]}"; do
  installed "$p" || missing+=("$p")
done

if ((${#missing[@]})); then
  [ "$(id -u)" = 0 ] || fail "apt packages missing (${missing[*]}) and not root to install them"
  export DEBIAN_FRONTEND=noninteractive
  # apt-get update only when the package lists do not know a missing package yet (a fresh image has
  # empty lists); otherwise install straight from the lists we have, and update and retry if that fails.
  need_update=0
  for p in "${missing[@]}"; do
    apt-cache show "$p" >/dev/null 2>&1 || need_update=1
  done
  if ((need_update)); then
    log "apt-get update"
    apt-get update -q >&2
  fi
  log "apt-get install ${missing[*]}"
  if ! apt-get install -y -q "${missing[@]}" >&2; then
    ((need_update)) && fail "apt-get install ${missing[*]} failed"
    log "apt-get install failed with the current package lists: apt-get update and retry"
    apt-get update -q >&2
    apt-get install -y -q "${missing[@]}" >&2
  fi
  for p in "${missing[@]}"; do
    installed "$p" || fail "$p is not installed after apt-get install"
  done
else
  log "apt packages present: ${APT_PACKAGES[*]}"
fi

# Smoke checks: both editors start headless, and Eglot loads.
command -v nvim >/dev/null || fail "nvim not on PATH"
command -v emacs >/dev/null || fail "emacs not on PATH"
scratch=$(mktemp -d)
cleanup() { rm -rf "$scratch"; }
trap cleanup EXIT
nvim_version=$(HOME="$scratch" XDG_CONFIG_HOME="$scratch" XDG_DATA_HOME="$scratch" XDG_STATE_HOME="$scratch" \
  XDG_CACHE_HOME="$scratch" timeout 20 nvim --version | sed -n 1p) || fail "nvim --version failed"
# Not -Q: Debian's site-start (/etc/emacs/site-start.d) is what puts the elpa-* packages on the load path.
eglot_version=$(HOME="$scratch" timeout 30 emacs --batch \
  --eval '(progn (require (quote eglot)) (princ (format "%s, %s" emacs-version (file-name-directory (locate-library "eglot")))))' \
  2>/dev/null) || fail "emacs --batch could not load eglot"
log "nvim: $nvim_version"
log "emacs $eglot_version"
log "done"
echo "$nvim_version"
echo "emacs $eglot_version"
