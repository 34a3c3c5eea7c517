#!/usr/bin/env bash
# Builds etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok and
# metrics-server from the Go module proxy into a cache dir keyed by versions, and prints that
# bin dir on its last line. Idempotent: a complete bin dir is reused as is.
#
# Everything lives under $HOME/.cache (not the repo) because CI runs in a
# fresh clone on the same machine and must see the cache of earlier runs.
set -euo pipefail

K8S_VERSION=v1.37.2
ETCD_VERSION=v3.6.16
KWOK_VERSION=v0.8.0
METRICS_SERVER_VERSION=v0.9.0

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${TESTENV_CACHE:-$HOME/.cache/kubeorch-testenv}
GO=${GO:-$(command -v go || echo /usr/local/go/bin/go)}
[ -x "$GO" ] || { echo "build.sh: no Go toolchain (looked for go on PATH and /usr/local/go/bin/go)" >&2; exit 1; }

export GOMODCACHE=$CACHE/gomod GOCACHE=$CACHE/gobuild
# -modcacherw: a read-only module cache cannot be removed with rm -rf.
export GOFLAGS=-modcacherw GOTOOLCHAIN=local CGO_ENABLED=0
# Two cores: keep the machine usable while the multi-minute build runs.
NICE="nice -n 10"

log() { printf '[testenv-build %4ss] %s\n' "$SECONDS" "$*" >&2; }

MAJOR=${K8S_VERSION#v}; MAJOR=${MAJOR%%.*}
MINOR=${K8S_VERSION#v*.}; MINOR=${MINOR%%.*}
# Same keys as upstream hack/lib/version.sh (kube::version::ldflags), so
# /version reports v1.37.2 and not v0.0.0-master+$Format:%H$.
LDF="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  LDF="$LDF -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=$MAJOR -X $pkg.gitMinor=$MINOR"
  LDF="$LDF -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
done

# The key covers everything that changes the binaries: versions, Go, the link
# flags, and the committed go.mod/go.sum files (which pin every dependency).
KEY=$( { echo "$K8S_VERSION $ETCD_VERSION $KWOK_VERSION $METRICS_SERVER_VERSION $("$GO" env GOVERSION) $LDF"; cat "$HERE/go/k8s/go.mod" "$HERE/go/k8s/go.sum" "$HERE/go/etcd/go.mod" "$HERE/go/etcd/go.sum"; } | sha256sum | cut -c1-16)
BIN=$CACHE/bin/k8s-$K8S_VERSION-etcd-$ETCD_VERSION-kwok-$KWOK_VERSION-ms-$METRICS_SERVER_VERSION-$KEY

if [ -f "$BIN/.complete" ]; then
  log "cached: $BIN"
  echo "$BIN"
  exit 0
fi

# A cold build needs several GB; fail early with a clear message instead of
# half-way through with ENOSPC.
mkdir -p "$CACHE"
AVAIL_KB=$(df -Pk "$CACHE" | awk 'NR==2 {print $4}')
if [ "$AVAIL_KB" -lt $((6 * 1024 * 1024)) ]; then
  echo "build.sh: need ~6 GB free under $CACHE, have $((AVAIL_KB / 1024)) MB" >&2
  exit 1
fi

# A single writer per cache: a second build (e.g. two vitest runs) waits.
exec 9>"$CACHE/.build.lock"
log "waiting for build lock $CACHE/.build.lock"
flock 9
if [ -f "$BIN/.complete" ]; then log "built by another process: $BIN"; echo "$BIN"; exit 0; fi

log "building into $BIN (cold build takes ~10-40 min on 2 cores; GOCACHE makes later builds fast)"
mkdir -p "$BIN.tmp"

build_k8s() {
  local name=$1
  log "go build $name ..."
  local t0=$SECONDS
  (cd "$HERE/go/k8s" && $NICE "$GO" build -trimpath -buildvcs=false -ldflags="$LDF" \
    -o "$BIN.tmp/$name" "k8s.io/kubernetes/cmd/$name")
  log "built $name in $((SECONDS - t0))s"
}

build_k8s kube-apiserver
build_k8s kube-controller-manager
build_k8s kube-scheduler

log "go build etcd ..."
t0=$SECONDS
(cd "$HERE/go/etcd" && $NICE "$GO" build -trimpath -buildvcs=false -ldflags="-s -w" \
  -o "$BIN.tmp/etcd" go.etcd.io/etcd/server/v3)
log "built etcd in $((SECONDS - t0))s"

# kwok has no replace directives, so `go install pkg@version` works and keeps
# its own (k8s 0.36) dependency graph, separate from the 1.37 one above.
log "go install kwok@$KWOK_VERSION ..."
t0=$SECONDS
GOBIN="$BIN.tmp" $NICE "$GO" install -trimpath -ldflags="-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
log "built kwok in $((SECONDS - t0))s"

# Same for metrics-server, whose v0.9.0 is on k8s 0.36 like kwok v0.8.0, so
# the two share most of their compiled dependencies in GOCACHE.
log "go install metrics-server@$METRICS_SERVER_VERSION ..."
t0=$SECONDS
GOBIN="$BIN.tmp" $NICE "$GO" install -trimpath -ldflags="-s -w" "sigs.k8s.io/metrics-server/cmd/metrics-server@$METRICS_SERVER_VERSION"
log "built metrics-server in $((SECONDS - t0))s"

"$BIN.tmp/kube-apiserver" --version >&2
"$BIN.tmp/etcd" --version | head -1 >&2
"$BIN.tmp/kwok" --version >&2 || true

rm -rf "$BIN"
mv "$BIN.tmp" "$BIN"
touch "$BIN/.complete"
log "done in ${SECONDS}s; cache size: $(du -sh "$CACHE" | cut -f1)"
echo "$BIN"
