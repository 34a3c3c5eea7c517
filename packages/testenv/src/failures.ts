/**
 * How tests ask kwok for a failing pod. A pod fails in mode M when either
 *  - its annotation FAILURE_ANNOTATION is M (all its containers fail), or
 *  - one of its containers uses FAILURE_IMAGES[...] (only those containers fail).
 * The `.invalid` TLD (RFC 2606) guarantees the images name nothing real; kwok
 * never pulls images anyway.
 */
export const FAILURE_ANNOTATION = 'testenv.kubeorch.dev/failure'

/** The kubelet's message for the config modes (set by the config check with the mode, see config-check.ts). */
export const FAILURE_MESSAGE_ANNOTATION = 'testenv.kubeorch.dev/failure-message'

export const FAILURE_IMAGE_PREFIX = 'testenv.invalid/'

export const FAILURE_MODES = {
  /** waiting.reason ErrImagePull, then ImagePullBackOff after ~1.5 s; phase stays Pending. */
  errImagePull: 'err-image-pull',
  /** Running, not ready; waiting.reason CrashLoopBackOff, lastState.terminated {reason Error, exitCode 1}, restartCount rising. */
  crashLoop: 'crash-loop',
  /** Like crashLoop, with lastState.terminated {reason OOMKilled, exitCode 137}. */
  oomKilled: 'oom-killed',
  /**
   * The first run of the container exits 1; after one back-off (restartCount 1) it runs and is
   * ready, and a Job's pod then completes. For pods that restart (Always, OnFailure).
   */
  failOnce: 'fail-once',
  /** Like errImagePull with the registry's 401 Unauthorized, unless the pod has imagePullSecrets. */
  imagePullUnauthorized: 'image-pull-unauthorized',
  /**
   * Image `…/requires-env:<NAME>` (see requiresEnvImage): crash-loops with the termination message
   * "fatal: environment variable <NAME> is not set" while the container has no env entry NAME.
   */
  requiresEnv: 'requires-env',
  /**
   * Not asked for by name: a container whose liveness probe (httpGet/tcpSocket) checks a port it
   * does not declare (it declares some) is killed by the probe, exit 137, with an `Unhealthy`
   * event, and crash-loops.
   */
  livenessProbeRefused: 'liveness-probe-refused',
  /**
   * Not asked for by name (config-check.ts sets it): a ConfigMap, Secret or key the container's
   * environment names does not exist; Pending, waiting.reason CreateContainerConfigError with the
   * kubelet's message, until it exists.
   */
  createContainerConfigError: 'create-container-config-error',
  /** Likewise for a ConfigMap or Secret volume: Pending, ContainerCreating, a FailedMount event. */
  mountFailed: 'mount-failed',
} as const

export type FailureMode = (typeof FAILURE_MODES)[keyof typeof FAILURE_MODES]

export const FAILURE_IMAGES: Record<Exclude<keyof typeof FAILURE_MODES, 'livenessProbeRefused' | 'createContainerConfigError' | 'mountFailed'>, string> = {
  errImagePull: `${FAILURE_IMAGE_PREFIX}${FAILURE_MODES.errImagePull}:v1`,
  crashLoop: `${FAILURE_IMAGE_PREFIX}${FAILURE_MODES.crashLoop}:v1`,
  oomKilled: `${FAILURE_IMAGE_PREFIX}${FAILURE_MODES.oomKilled}:v1`,
  failOnce: `${FAILURE_IMAGE_PREFIX}${FAILURE_MODES.failOnce}:v1`,
  imagePullUnauthorized: `${FAILURE_IMAGE_PREFIX}${FAILURE_MODES.imagePullUnauthorized}:v1`,
  requiresEnv: requiresEnvImage('TESTENV_REQUIRED'),
}

/** An image that crash-loops until its container has the environment variable `name` (a tag may hold capitals). */
export function requiresEnvImage(name: string): string {
  return `${FAILURE_IMAGE_PREFIX}${FAILURE_MODES.requiresEnv}:${name}`
}

/** What each failure image does on the sandbox, in the words a person reads in an image field. */
export const FAILURE_IMAGE_EFFECTS: Record<keyof typeof FAILURE_IMAGES, string> = {
  errImagePull: 'cannot be pulled: ErrImagePull, then ImagePullBackOff (red)',
  crashLoop: 'starts, then exits with code 1 over and over: CrashLoopBackOff (red)',
  oomKilled: 'is killed for memory, exit code 137: OOMKilled (red, with a fix)',
  failOnce: 'exits 1 once, then runs: a Deployment recovers, a Job retries and completes (green)',
  imagePullUnauthorized: 'the registry answers 401 unless the pod has an imagePullSecret (red, with a fix)',
  requiresEnv: 'crash-loops until the container has the variable TESTENV_REQUIRED (red, with a fix)',
}

/** Terminated reason and exit code the crash modes report. */
export const CRASH_TERMINATION: Record<'crash-loop' | 'oom-killed', { reason: string; exitCode: number }> = {
  'crash-loop': { reason: 'Error', exitCode: 1 },
  'oom-killed': { reason: 'OOMKilled', exitCode: 137 },
}

/**
 * Resource requests no fake node can satisfy (nodes have 32 CPUs, 256Gi):
 * the real scheduler then reports PodScheduled=False, reason Unschedulable.
 */
export const UNSCHEDULABLE_REQUESTS = { cpu: '1000', memory: '100Ti' } as const

/**
 * jq query (kwok stage selectors are gojq) giving a pod's failure modes: the
 * annotation value, the mode named by each failure image (requires-env only
 * while that container lacks the variable), and liveness-probe-refused for a
 * container whose liveness probe checks a port it does not declare. A
 * selector `In [modes]` matches when any result is one of the modes. A
 * registry that wants credentials serves a pod that has imagePullSecrets, so
 * that mode is dropped for such a pod (the pod then runs normally).
 */
export const FAILURE_MODE_QUERY =
  `. as $pod | ((.metadata.annotations["${FAILURE_ANNOTATION}"] // empty), ` +
  `(.spec.containers[] | . as $c | .image | select(startswith("${FAILURE_IMAGE_PREFIX}")) | ltrimstr("${FAILURE_IMAGE_PREFIX}") | split(":") | ` +
  `select(.[0] != "${FAILURE_MODES.requiresEnv}" or ((.[1] // "") as $want | [$c.env[]?.name] | any(.[]; . == $want) | not)) | .[0]), ` +
  `(.spec.containers[] | select(((.ports // []) | length) > 0) | ((.livenessProbe.httpGet.port // .livenessProbe.tcpSocket.port) | tostring) as $p | ` +
  `select($p != "null" and ([(.ports // [])[] | (.containerPort | tostring), (.name // empty)] | any(.[]; . == $p) | not)) | "${FAILURE_MODES.livenessProbeRefused}")) | ` +
  `select(. != "${FAILURE_MODES.imagePullUnauthorized}" or ((($pod.spec.imagePullSecrets // []) | length) == 0))`

/**
 * The same per container, as a Go template for the stages' status templates: sets `$mode` (the
 * template must define `$ann`, the pod's annotation value).
 */
export const CONTAINER_MODE_TEMPLATE =
  `{{ $mode := $ann }}{{ if hasPrefix "${FAILURE_IMAGE_PREFIX}" .image }}{{ $mode = .image | trimPrefix "${FAILURE_IMAGE_PREFIX}" | splitList ":" | first }}{{ end }}` +
  `{{ if eq $mode "${FAILURE_MODES.requiresEnv}" }}{{ $want := .image | splitList ":" | last }}{{ range .env }}{{ if eq .name $want }}{{ $mode = "" }}{{ end }}{{ end }}{{ end }}` +
  `{{ $probe := "" }}{{ with .livenessProbe }}{{ with .httpGet }}{{ $probe = toString .port }}{{ end }}{{ with .tcpSocket }}{{ $probe = toString .port }}{{ end }}{{ end }}` +
  `{{ if and (ne $probe "") .ports }}{{ $declared := false }}{{ range .ports }}{{ if or (eq (toString .containerPort) $probe) (eq (toString (.name | default "")) $probe) }}{{ $declared = true }}{{ end }}{{ end }}` +
  `{{ if not $declared }}{{ $mode = "${FAILURE_MODES.livenessProbeRefused}" }}{{ end }}{{ end }}`
