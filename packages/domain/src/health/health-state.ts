/** green / yellow / red / grey on the canvas (SPEC §8). */
export type HealthState = 'healthy' | 'partial' | 'error' | 'unknown';

/**
 * Worst first: a higher rank wins when node states are aggregated. `unknown` ranks below
 * `partial` because during a run it mostly means "not observed yet", which is progress, while
 * `partial` already says the node is not done; it ranks above `healthy` so that a missing node
 * never lets a workflow look green. (gitops-engine keeps the same kind of table in health.go.)
 */
export const HEALTH_RANK: Readonly<Record<HealthState, number>> = {
  error: 3,
  partial: 2,
  unknown: 1,
  healthy: 0,
};

/** A node's state with its one-line cause, e.g. "2/3 replicas available". */
export type NodeHealth = { state: HealthState; message: string; details?: Record<string, unknown> };
