/**
 * How tests ask kwok for a failing pod. A pod fails in mode M when either
 *  - its annotation FAILURE_ANNOTATION is M (all its containers fail), or
 *  - one of its containers uses FAILURE_IMAGES[...] (only those containers fail).
 * The `.invalid` TLD (RFC 2606) guarantees the images name nothing real; kwok
 * never pulls images anyway.
 */
export const FAILURE_ANNOTATION = 'testenv.kubeorch.dev/failure'

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
} as const

export type FailureMode = (typeof FAILURE_MODES)[keyof typeof FAILURE_MODES]

export const FAILURE_IMAGES: Record<keyof typeof FAILURE_MODES, string> = {
  errImagePull: `${FAILURE_IMAGE_PREFIX}${FAILURE_MODES.errImagePull}:v1`,
  crashLoop: `${FAILURE_IMAGE_PREFIX}${FAILURE_MODES.crashLoop}:v1`,
  oomKilled: `${FAILURE_IMAGE_PREFIX}${FAILURE_MODES.oomKilled}:v1`,
  failOnce: `${FAILURE_IMAGE_PREFIX}${FAILURE_MODES.failOnce}:v1`,
  imagePullUnauthorized: `${FAILURE_IMAGE_PREFIX}${FAILURE_MODES.imagePullUnauthorized}:v1`,
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
 * annotation value, plus the mode named by each failure image. A selector
 * `In [modes]` matches when any result is one of the modes. A registry that
 * wants credentials serves a pod that has imagePullSecrets, so that mode is
 * dropped for such a pod (the pod then runs normally).
 */
export const FAILURE_MODE_QUERY =
  `. as $pod | ((.metadata.annotations["${FAILURE_ANNOTATION}"] // empty), ` +
  `(.spec.containers[].image | select(startswith("${FAILURE_IMAGE_PREFIX}")) | ltrimstr("${FAILURE_IMAGE_PREFIX}") | split(":") | .[0])) | ` +
  `select(. != "${FAILURE_MODES.imagePullUnauthorized}" or ((($pod.spec.imagePullSecrets // []) | length) == 0))`
