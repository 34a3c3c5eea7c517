// Health of a node from its observed objects (SPEC §8): pure, `now` passed in.

export { aggregateHealth } from './aggregate-health.ts';
export { HEALTH_RANK, type HealthState, type NodeHealth } from './health-state.ts';
export { nodeHealth } from './node-health.ts';
export { HPA_METRICS_GRACE_MS } from './health-hpa.ts';
export { SERVICE_NO_PODS_GRACE_MS } from './health-service.ts';
export { genericHealth } from './health-generic.ts';
export type { ObservedObjects } from './observed-objects.ts';
export { CONFIG_RETRY_GRACE_MS, FATAL_POD_REASONS, RETRIED_POD_REASONS, UNSCHEDULABLE_GRACE_MS, type FatalPodReason } from './pod-problems.ts';
