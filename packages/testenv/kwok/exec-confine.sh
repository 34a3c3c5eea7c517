#!/bin/sh
# Runs one `kubectl exec` command of a testenv pod, confined. kwok has no containers: unpatched, it
# runs the pod's command as a process of this machine, as whoever started the control plane. Our
# kwok build (scripts/build.sh, go/kwok-patch) runs `exec-confine.sh -- <command...>` instead, so
# the command is only ever started at the end of this script, as data ("$@", never
# evaluated by a shell).
#
# What the command gets:
#   - its own mount, PID, network, IPC, UTS and cgroup namespaces: it sees no host process, and its
#     network is a loopback of its own (down), so nothing on the host (PostgreSQL, the API, the
#     apiserver, kwok) can be reached;
#   - a root of its own (a small tmpfs, read-only once built): /usr and the /bin, /lib… links or
#     binds read-only, an /etc of a few files written or copied here (no shadow, keys or tokens),
#     /dev with null, zero, full, random, urandom, tty and the terminal kwok gave this exec, its
#     own /proc, and two small tmpfs of its own, /tmp and /scratch (the working directory), gone
#     with the exec; nothing of the host is writable, and the repository, .data/, $HOME and the
#     control plane's certificates are not in it;
#   - uid and gid 65534 (nobody), no capabilities, no_new_privs, at most 256 processes (as root),
#     and an environment of PATH, HOME and LANG only.
# As root the namespaces are created directly; as another user (or as a root that may not create
# them, e.g. in a container) inside a user namespace: the command is uid 65534 there, the starting
# user's uid outside. When neither works the command is refused with the reason on stderr and
# exit status 126: never run unconfined.
#
# Configured by kwok's ClusterExec (src/kwok-config.ts): KUBEORCH_EXEC_ROOT, an empty dir the
# private root is mounted on, inside the new mount namespace only.
set -eu
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH
SANDBOX_ID=65534

refuse() {
  echo "kubeorch testenv: exec refused: $*" >&2
  exit 126
}

# Stage 1, started by kwok: create the namespaces and run stage 2 inside them. The stage marker
# comes before the pod's command, so a command can never choose the stage.
case "${1-}" in
--)
  shift
  [ $# -gt 0 ] || refuse "no command given"
  root=${KUBEORCH_EXEC_ROOT-}
  [ -n "$root" ] && [ -d "$root" ] || refuse "KUBEORCH_EXEC_ROOT must name a directory"
  namespaces="--mount --propagation private --pid --fork --kill-child --net --ipc --uts --cgroup"
  if [ "$(id -u)" = 0 ]; then modes="root userns"; else modes=userns; fi
  # Each way is probed first: once unshare has replaced this shell, its failure could not carry
  # the reason. exec, so that kwok's SIGKILL of its child reaches unshare, whose --kill-child
  # ends the rest.
  why=
  for mode in $modes; do
    if [ "$mode" = root ]; then flags=$namespaces; else flags="--user --map-root-user $namespaces"; fi
    # shellcheck disable=SC2086 # $flags is a fixed list of words
    if err=$(unshare $flags true 2>&1); then
      # shellcheck disable=SC2086
      exec unshare $flags -- /bin/sh "$0" "--inside-$mode" "$@"
    fi
    why="$why${why:+; }$mode: $err"
  done
  refuse "cannot create namespaces as uid $(id -u) ($why); run the control plane as root or allow unprivileged user namespaces"
  ;;
--inside-root | --inside-userns)
  # Only ever as PID 1 of the namespaces unshare just made: never set up in the host's.
  [ "$$" = 1 ] || refuse "stage 2 outside its own namespaces"
  mode=${1#--inside-}
  shift
  ;;
*)
  refuse "usage: $0 -- command [args...]"
  ;;
esac

# Stage 2: PID 1 of the new PID namespace, root in the new mount namespace. Any failure below
# refuses the command (set -e; mount errors print their own reason first).
trap 'if [ $? != 0 ]; then echo "kubeorch testenv: exec refused: could not build the confined root" >&2; exit 126; fi' EXIT
r=$KUBEORCH_EXEC_ROOT
ro_bind() { # source target
  mount --bind "$1" "$2"
  mount -o remount,bind,ro,nosuid,nodev "$2"
}

mount -t tmpfs -o mode=0755,size=16m,nosuid,nodev kubeorch-exec "$r"
cd "$r"
mkdir usr etc dev proc tmp scratch
ro_bind /usr usr
for d in bin sbin lib lib32 lib64 libx32; do
  if [ -L "/$d" ]; then
    ln -s "$(readlink "/$d")" "$d"
  elif [ -d "/$d" ]; then
    mkdir "$d"
    ro_bind "/$d" "$d"
  fi
done

# /etc: the accounts the sandbox knows, and what programs need to load and print (linker cache,
# alternatives, shell profiles). Nothing else of the host's /etc (no shadow, ssh keys, registry
# tokens in npmrc/pip.conf, machine-id).
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nnobody:x:%s:%s:nobody:/scratch:/bin/sh\n' "$SANDBOX_ID" "$SANDBOX_ID" >etc/passwd
printf 'root:x:0:\nnogroup:x:%s:\n' "$SANDBOX_ID" >etc/group
printf '127.0.0.1\tlocalhost\n::1\tlocalhost\n' >etc/hosts
printf 'passwd: files\ngroup: files\nhosts: files\n' >etc/nsswitch.conf
echo sandbox >etc/hostname
for f in ld.so.cache ld.so.conf ld.so.conf.d alternatives bash.bashrc profile inputrc shells localtime os-release; do
  if [ -e "/etc/$f" ] || [ -L "/etc/$f" ]; then cp -RP "/etc/$f" etc/; fi
done
hostname sandbox 2>/dev/null || true

for n in null zero full random urandom tty; do
  : >"dev/$n"
  mount --bind "/dev/$n" "dev/$n"
done
ln -s /proc/self/fd dev/fd
ln -s /proc/self/fd/0 dev/stdin
ln -s /proc/self/fd/1 dev/stdout
ln -s /proc/self/fd/2 dev/stderr
# With a TTY, the command's stdin is the terminal kwok opened (/dev/pts/N on the host): that one
# node, so `tty` can name it, and not the host's other terminals.
pts=$(readlink /proc/self/fd/0 2>/dev/null || true)
case ${pts#/dev/pts/} in
'' | *[!0-9]*) ;;
*)
  mkdir dev/pts
  : >"dev/pts/${pts#/dev/pts/}"
  mount --bind "$pts" "dev/pts/${pts#/dev/pts/}"
  ;;
esac

# A /proc of this PID namespace only; without it (a user namespace on a host whose /proc is
# partly masked may not mount one) the command simply has none.
mount -t proc -o nosuid,nodev,noexec,hidepid=2 proc proc 2>/dev/null || true
mount -t tmpfs -o mode=1777,size=32m,nosuid,nodev tmp tmp
# Owned by 65534: as root directly; in a user namespace its root is what 65534 maps to.
if [ "$mode" = root ]; then owner=",uid=$SANDBOX_ID,gid=$SANDBOX_ID"; else owner=; fi
mount -t tmpfs -o "mode=0700,size=64m,nosuid,nodev$owner" scratch scratch

# Swap roots and drop the old one: no path leads back to the host's file system.
mkdir .old
pivot_root . .old
cd /
umount -l /.old
rmdir /.old
mount -o remount,bind,ro,nosuid,nodev /
cd /scratch
trap - EXIT

# The command runs as a child, in the foreground: this shell stays PID 1, and its death (when kwok
# kills unshare) ends every process of the namespace; the command's own death signal would be
# cleared by the change of uid. Its environment is built from nothing.
env="env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/scratch LANG=C.UTF-8"
set +e
if [ "$mode" = root ]; then
  # At most 256 processes of uid 65534, counted across every exec of this machine.
  # shellcheck disable=SC2086 # $env is a fixed list of words
  prlimit --nproc=256 -- $env setpriv --reuid="$SANDBOX_ID" --regid="$SANDBOX_ID" --clear-groups \
    --inh-caps=-all --bounding-set=-all --no-new-privs -- "$@"
else
  # Root here is the starting user; one more user namespace maps only 65534 onto it, and the
  # command, exec'd as 65534 there, holds no capability. (No process limit: in a user namespace it
  # would count every process of the starting user.)
  # shellcheck disable=SC2086
  $env unshare --user --map-user="$SANDBOX_ID" --map-group="$SANDBOX_ID" -- setpriv --no-new-privs -- "$@"
fi
exit $?
