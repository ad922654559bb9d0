#!/bin/sh
# The pre-commit hook's entry (.pre-commit-hooks.yaml, language: script). pre-commit runs it from the
# repository being committed to, with the staged files as arguments; this file lives in pre-commit's
# clone of kube-vip-lint, which is built once (npm ci runs the build) on the first run.
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -f "$here/dist/cli.js" ]; then
  echo "kube-vip-lint: first run, building the hook (npm ci) ..." >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
exec node "$here/dist/cli.js" "$@"
