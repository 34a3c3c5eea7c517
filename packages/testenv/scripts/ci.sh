#!/usr/bin/env bash
# What .ci/run calls for this package: build the binaries (cached under
# $HOME/.cache/kubeorch-testenv, so only a new machine pays the cold build)
# and run the integration tests against a fresh control plane.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
start=$SECONDS
BIN=$(bash scripts/build.sh)
echo "testenv: binaries ready in $((SECONDS - start))s: $BIN"
TESTENV_BIN=$BIN npx vitest run
