// Copied into sigs.k8s.io/kwok/pkg/kwok/server by packages/testenv/scripts/build.sh, which also
// makes ExecInContainer call confineExec before it starts anything (KubeOrch testenv).

package server

import (
	"errors"
	"os"
)

// confineExecEnv names the program kwok runs for every exec in place of the pod's command; the
// command follows as its arguments after "--" (packages/testenv/kwok/exec-confine.sh).
const confineExecEnv = "KUBEORCH_EXEC_LAUNCHER"

// confineExec turns the pod's command into the launcher's command line. Without a launcher the
// exec is refused: kwok has no containers, so the command would otherwise run on this machine as
// kwok's own user.
func confineExec(cmd []string) ([]string, error) {
	launcher := os.Getenv(confineExecEnv)
	if launcher == "" {
		return nil, errors.New("exec refused: kwok was started without " + confineExecEnv + ", so the command cannot be confined")
	}
	if len(cmd) == 0 {
		return nil, errors.New("exec refused: no command")
	}
	return append([]string{launcher, "--"}, cmd...), nil
}
