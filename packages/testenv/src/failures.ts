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
} as const

export type FailureMode = (typeof FAILURE_MODES)[keyof typeof FAILURE_MODES]

export const FAILURE_IMAGES: Record<keyof typeof FAILURE_MODES, string> = {
  errImagePull: `${FAILURE_IMAGE_PREFIX}${FAILURE_MODES.errImagePull}:v1`,
  crashLoop: `${FAILURE_IMAGE_PREFIX}${FAILURE_MODES.crashLoop}:v1`,
  oomKilled: `${FAILURE_IMAGE_PREFIX}${FAILURE_MODES.oomKilled}:v1`,
}

/** What each failure image does on the sandbox, in the words a person reads in an image field. */
export const FAILURE_IMAGE_EFFECTS: Record<keyof typeof FAILURE_MODES, string> = {
  errImagePull: 'cannot be pulled: ErrImagePull, then ImagePullBackOff (red)',
  crashLoop: 'starts, then exits with code 1 over and over: CrashLoopBackOff (red)',
  oomKilled: 'is killed for memory, exit code 137: OOMKilled (red, with a fix)',
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
 * `In [modes]` matches when any result is one of the modes.
 */
export const FAILURE_MODE_QUERY =
  `(.metadata.annotations["${FAILURE_ANNOTATION}"] // empty), ` +
  `(.spec.containers[].image | select(startswith("${FAILURE_IMAGE_PREFIX}")) | ltrimstr("${FAILURE_IMAGE_PREFIX}") | split(":") | .[0])`
