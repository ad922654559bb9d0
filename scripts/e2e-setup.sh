#!/usr/bin/env bash
# Installs what the real-VS-Code end-to-end test (test/e2e/vscode.e2e.mjs) needs:
# Debian's Chromium and build tools, and code-server + playwright-core in a cache folder outside the repo.
#
# Idempotent and keyed by version: a rerun whose versions are already installed returns at once.
# Works as root on a fresh Debian 12 that reaches only the npm registry and Debian's packages, which is
# why code-server is installed with --ignore-scripts and its postinstall redone by hand (its own
# postinstall downloads ripgrep and prebuilt binaries, which cannot be fetched here).
#
# Usage: scripts/e2e-setup.sh            (cache in ${E2E_CACHE:-/opt/kube-vip-lint-e2e})
# Prints the install folder (the one to pass to the test as --cache) on its last line.
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}" # newest code-server whose engines.node is 20
PLAYWRIGHT_VERSION="${PLAYWRIGHT_VERSION:-1.65.1}"
E2E_CACHE="${E2E_CACHE:-/opt/kube-vip-lint-e2e}"
DEST="$E2E_CACHE/code-server-$CODE_SERVER_VERSION-playwright-$PLAYWRIGHT_VERSION"
STAMP="$DEST/.installed"

APT_PACKAGES=(chromium fonts-liberation ripgrep build-essential python3 pkg-config
  libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev)

started=$(date +%s)
log() { printf '[e2e-setup %3ss] %s\n' "$(($(date +%s) - started))" "$*" >&2; }
fail() { log "FAILED: $*"; exit 1; }
trap 'fail "command failed at line $LINENO: $BASH_COMMAND"' ERR

# --- Debian packages --------------------------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  [ "$(id -u)" = 0 ] || fail "apt packages missing (${missing[*]}) and not root to install them"
  export DEBIAN_FRONTEND=noninteractive
  log "apt-get update"
  apt-get update -q >&2
  log "apt-get install ${missing[*]}"
  apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
else
  log "apt packages present"
fi
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium missing after apt install"
[ -x /usr/bin/rg ] || fail "/usr/bin/rg missing after apt install"

# --- code-server + playwright-core ------------------------------------------------------------
if [ -f "$STAMP" ] && [ -x "$DEST/node_modules/.bin/code-server" ]; then
  log "code-server $CODE_SERVER_VERSION and playwright-core $PLAYWRIGHT_VERSION already in $DEST"
  echo "$DEST"
  exit 0
fi

command -v npm >/dev/null || fail "npm not found"
log "installing into $DEST (an earlier unfinished install there is removed)"
rm -rf "$DEST"
mkdir -p "$DEST"
cd "$DEST"
printf '{ "name": "kube-vip-lint-e2e-cache", "private": true }\n' >package.json

export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

log "npm install --ignore-scripts code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_VERSION"
npm install --ignore-scripts --no-save --loglevel=error \
  "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION" >&2

# argon2's prebuilt download fails here; it builds from source (node-gyp, from build-essential).
log "npm rebuild argon2"
npm rebuild argon2 --loglevel=error >&2

# Redo code-server's postinstall.sh by hand.
VSCODE="$DEST/node_modules/code-server/lib/vscode"
[ -d "$VSCODE" ] || fail "$VSCODE missing: the code-server package layout changed"
cd "$VSCODE"
log "lib/vscode: npm install --omit=dev --ignore-scripts"
npm install --omit=dev --ignore-scripts --loglevel=error >&2
# @vscode/ripgrep's postinstall downloads rg and skips that when bin/ exists: give it Debian's rg.
mkdir -p node_modules/@vscode/ripgrep/bin
cp /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
log "lib/vscode: npm rebuild (native modules: node-pty, spdlog, ...)"
npm rebuild --loglevel=error >&2
# The symlinks postinstall.sh makes.
ln -sfn node_modules node_modules.asar
if [ -f bin/remote-cli/code-linux.sh ]; then ln -sfn code-linux.sh bin/remote-cli/code-server; fi
if [ -f bin/helpers/browser-linux.sh ]; then ln -sfn browser-linux.sh bin/helpers/browser.sh; fi
log "lib/vscode/extensions: npm install --omit=dev"
(cd extensions && npm install --omit=dev --loglevel=error >&2)

# Smoke check: the CLI runs (with a throwaway config and XDG dirs, so nothing lands in $HOME).
cd "$DEST"
scratch=$(mktemp -d)
version_line=$(XDG_CONFIG_HOME="$scratch" XDG_DATA_HOME="$scratch" \
  "$DEST/node_modules/.bin/code-server" --config "$scratch/config.yaml" --version 2>/dev/null \
  | grep -E "^$CODE_SERVER_VERSION " || true)
rm -rf "$scratch"
[ -n "$version_line" ] || fail "code-server --version does not print $CODE_SERVER_VERSION"
log "code-server --version: $version_line"
node -e "require('playwright-core')" || fail "playwright-core does not load"

date -u +%FT%TZ >"$STAMP"
log "done: $(du -sh "$DEST" | cut -f1) in $DEST"
echo "$DEST"
