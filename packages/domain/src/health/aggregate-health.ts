import { HEALTH_RANK, type HealthState, type NodeHealth } from './health-state.ts';

/** The worst state by HEALTH_RANK; `unknown` when there is nothing to judge. */
export function aggregateHealth(states: readonly NodeHealth[]): HealthState {
  let worst: HealthState | undefined;
  for (const { state } of states) {
    if (worst === undefined || HEALTH_RANK[state] > HEALTH_RANK[worst]) worst = state;
  }
  return worst ?? 'unknown';
}
