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

# kwok is patched in one place: ExecInContainer hands the pod's command to the
# launcher named by $KUBEORCH_EXEC_LAUNCHER (kwok/exec-confine.sh), which confines
# it, instead of running it on this machine; without a launcher it refuses. The
# call goes in before the line below (the only one like it), confineExec comes
# from go/kwok-patch/.
KWOK_PATCH_ANCHOR=$'\tif tty {'
KWOK_PATCH_CALL=$'\tcmd, err = confineExec(cmd)\n\tif err != nil {\n\t\treturn err\n\t}\n'

# The key covers everything that changes the binaries: versions, Go, the link
# flags, the committed go.mod/go.sum files (which pin every dependency) and the kwok patch.
KEY=$( { echo "$K8S_VERSION $ETCD_VERSION $KWOK_VERSION $METRICS_SERVER_VERSION $("$GO" env GOVERSION) $LDF"; cat "$HERE/go/k8s/go.mod" "$HERE/go/k8s/go.sum" "$HERE/go/etcd/go.mod" "$HERE/go/etcd/go.sum"; echo "$KWOK_PATCH_ANCHOR$KWOK_PATCH_CALL"; cat "$HERE/go/kwok-patch/confine_exec.go"; } | sha256sum | cut -c1-16)
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

# kwok, patched (see KWOK_PATCH_* above), is built from a copy of its module
# with the module's own go.mod/go.sum: the same (k8s 0.36) dependency graph as
# `go install sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION`, separate from the 1.37
# one above. (go -overlay cannot replace files in the module cache.)
log "go build kwok@$KWOK_VERSION (patched exec) ..."
t0=$SECONDS
(cd "$CACHE" && "$GO" mod download "sigs.k8s.io/kwok@$KWOK_VERSION")
KWOK_SRC=$BIN.tmp/kwok-src
rm -rf "$KWOK_SRC"
cp -R "$GOMODCACHE/sigs.k8s.io/kwok@$KWOK_VERSION" "$KWOK_SRC"
chmod -R u+w "$KWOK_SRC"
KWOK_EXEC_GO=$KWOK_SRC/pkg/kwok/server/debugging_exec.go
if [ "$(grep -cxF "$KWOK_PATCH_ANCHOR" "$KWOK_EXEC_GO")" != 1 ]; then
  echo "build.sh: the kwok exec patch does not apply to kwok $KWOK_VERSION ($KWOK_EXEC_GO); update KWOK_PATCH_*" >&2
  exit 1
fi
awk -v anchor="$KWOK_PATCH_ANCHOR" -v call="$KWOK_PATCH_CALL" '$0 == anchor { printf "%s", call } { print }' \
  "$KWOK_EXEC_GO" >"$KWOK_EXEC_GO.patched"
mv "$KWOK_EXEC_GO.patched" "$KWOK_EXEC_GO"
cp "$HERE/go/kwok-patch/confine_exec.go" "$KWOK_SRC/pkg/kwok/server/zz_kubeorch_confine_exec.go"
(cd "$KWOK_SRC" && $NICE "$GO" build -trimpath -buildvcs=false -ldflags="-s -w" -o "$BIN.tmp/kwok" ./cmd/kwok)
rm -rf "$KWOK_SRC"
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
