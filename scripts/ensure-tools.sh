#!/usr/bin/env bash
# What the tests need besides npm packages: Debian's Chromium (Playwright cannot download its own
# browser here) and Go >= $GO_VERSION (packages/testenv builds the control plane from source, and
# keys its cache by the Go version). Run by `npm test` (scripts/test.ts) before anything else, and
# by .ci/run before `npm ci`: one place that finds, installs or refuses.
#
# Finds them, or installs them when it may (as root with apt-get for Chromium; with $GOPROXY for
# Go, into $HOME/.cache), or stops at once naming the one command to run. On success it prints
#   CHROMIUM=<path>
#   GO=<path to the go binary>
# on stdout (progress goes to stderr).
#
# Overrides: KUBEORCH_CHROMIUM (default /usr/bin/chromium), KUBEORCH_GO (default: go on PATH, then
# /usr/local/go/bin/go), KUBEORCH_INSTALL_TOOLS=never to only check (tests use it with a missing
# path to see the refusal).
set -euo pipefail

GO_VERSION=1.26.8
chromium=${KUBEORCH_CHROMIUM:-/usr/bin/chromium}
go=${KUBEORCH_GO:-$(command -v go || echo /usr/local/go/bin/go)}
install=${KUBEORCH_INSTALL_TOOLS:-auto}
cached_go="$HOME/.cache/kubeorch-go/go$GO_VERSION/bin/go"

log() { echo "ensure-tools: $*" >&2; }
refuse() { log "$1"; log "run: $2"; exit 1; }
can_apt() { [ "$install" != never ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }
apt_install() { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }
go_is_recent() { [ -x "$1" ] && [ "$(printf '%s\n' "go$GO_VERSION" "$("$1" env GOVERSION 2>/dev/null)" | sort -V | head -1)" = "go$GO_VERSION" ]; }

if [ ! -x "$chromium" ]; then
  if can_apt && [ "$chromium" = /usr/bin/chromium ]; then
    log "installing Debian's chromium (apt-get)"
    apt_install chromium
  fi
  [ -x "$chromium" ] || refuse "no Chromium at $chromium (the browser tests use Debian's, never Playwright's download)" "apt-get install -y chromium"
fi

if ! go_is_recent "$go"; then
  if go_is_recent "$cached_go"; then
    go=$cached_go
  elif [ "$install" != never ] && [ -n "${GOPROXY:-}" ] && [ -z "${KUBEORCH_GO:-}" ]; then
    # The toolchain from the Go module proxy (what `go` itself downloads for GOTOOLCHAIN), into $HOME/.cache.
    for tool in curl unzip; do
      command -v "$tool" >/dev/null || { can_apt && apt_install "$tool"; } || refuse "no $tool to fetch Go with" "apt-get install -y $tool"
    done
    log "fetching Go $GO_VERSION from the module proxy into $HOME/.cache/kubeorch-go"
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    curl -fsSL -o "$tmp/go.zip" "${GOPROXY%%,*}/golang.org/toolchain/@v/v0.0.1-go$GO_VERSION.linux-amd64.zip"
    unzip -q "$tmp/go.zip" -d "$tmp"
    root="$(dirname "$(dirname "$cached_go")")"
    mkdir -p "$(dirname "$root")" && rm -rf "$root"
    mv "$tmp/golang.org/toolchain@v0.0.1-go$GO_VERSION.linux-amd64" "$root"
    go=$cached_go
  fi
  go_is_recent "$go" ||
    refuse "no Go $GO_VERSION or newer at $go (the test control plane is built from source with it)" \
      "GOPROXY=<your Go module proxy> npm test   (fetches Go $GO_VERSION into ~/.cache), or install Go $GO_VERSION into /usr/local/go"
fi

log "chromium $chromium, $("$go" env GOVERSION) at $go"
echo "CHROMIUM=$chromium"
echo "GO=$go"
