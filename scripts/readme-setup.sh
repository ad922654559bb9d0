#!/usr/bin/env bash
# What test/ci/readme.e2e.mjs needs besides Node: git and pre-commit (Debian packages).
set -euo pipefail
missing=()
command -v git >/dev/null || missing+=(git)
command -v pre-commit >/dev/null || missing+=(pre-commit)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || { echo "readme-setup: install ${missing[*]} (apt-get install ${missing[*]})" >&2; exit 1; }
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
git --version
pre-commit --version
