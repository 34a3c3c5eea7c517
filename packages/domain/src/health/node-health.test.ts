import { describe, expect, it } from 'vitest';
import type { NodeKind } from '../kinds/node-kinds.ts';
import type { HealthState } from './health-state.ts';
import { nodeHealth } from './node-health.ts';
import { healthFixtures, NOW } from './testdata/fixtures.ts';

type Case = [kind: NodeKind, fixtures: string[], state: HealthState, message: RegExp];

function assertHealth(kind: NodeKind, fixtures: string[], state: HealthState, message: RegExp): void {
  const health = nodeHealth(kind, healthFixtures(kind, fixtures), NOW);
  expect(health.state).toBe(state);
  expect(health.message).toMatch(message);
  expect(health.message).not.toMatch(/\n/);
}

// One case per line: kind, fixture files (testdata/<name>.yaml, combined), expected state and cause.
const cases: Case[] = [
  ['deployment', [], 'unknown', /^not deployed$/],
  ['deployment', ['deployment-available', 'pod-running'], 'healthy', /^3\/3 replicas available$/],
  ['deployment', ['deployment-progressing'], 'partial', /^2\/3 replicas available$/],
  ['deployment', ['deployment-rolling-out'], 'partial', /^1\/3 replicas updated$/],
  ['deployment', ['deployment-old-replicas-terminating'], 'partial', /^1 old replicas pending termination$/],
  ['deployment', ['deployment-generation-not-observed'], 'partial', /^waiting for the controller/],
  ['deployment', ['deployment-progress-deadline-exceeded'], 'error', /^ProgressDeadlineExceeded: ReplicaSet "web-5d9c7b7f8" has timed out/],
  ['deployment', ['deployment-scaled-to-zero'], 'healthy', /^scaled to 0$/],
  ['deployment', ['deployment-deleting'], 'partial', /^being deleted$/],
  ['deployment', ['deployment-progressing', 'pod-imagepullbackoff'], 'error', /^ImagePullBackOff: Back-off pulling image "nope:1"$/],
  ['deployment', ['deployment-progressing', 'pod-errimagepull'], 'error', /^ErrImagePull: rpc error: code = NotFound .*not found$/],
  ['deployment', ['deployment-progressing', 'pod-invalidimagename'], 'error', /^InvalidImageName: .*must be lowercase$/],
  ['deployment', ['deployment-progressing', 'pod-createcontainerconfigerror'], 'error', /^CreateContainerConfigError: configmap "web-config" not found$/],
  ['deployment', ['deployment-progressing', 'pod-crashloop'], 'error', /^CrashLoopBackOff: back-off 2m40s restarting failed container=web/],
  ['deployment', ['deployment-progressing', 'pod-oomkilled'], 'error', /^OOMKilled: container "web" ran out of memory$/],
  ['deployment', ['deployment-progressing', 'pod-crashloop', 'pod-imagepullbackoff'], 'error', /^ImagePullBackOff/],
  ['deployment', ['deployment-progressing', 'pod-unschedulable'], 'error', /^Unschedulable: 0\/3 nodes are available: 3 Insufficient memory\./],
  ['deployment', ['deployment-progressing', 'pod-unschedulable-just-now'], 'partial', /^2\/3 replicas available$/],
  ['deployment', ['deployment-available', 'pod-terminating-crashloop'], 'healthy', /^3\/3 replicas available$/],
  ['deployment', ['deployment-rolling-out', 'replicasets-rollout', 'pod-old-revision-crashloop'], 'partial', /^1\/3 replicas updated$/],
  ['deployment', ['deployment-rolling-out', 'replicasets-rollout', 'pod-old-revision-crashloop', 'pod-new-revision-crashloop'], 'error', /^CrashLoopBackOff: back-off 40s/],
  ['deployment', ['deployment-rolling-out', 'pod-old-revision-crashloop'], 'error', /^CrashLoopBackOff: back-off 5m0s/],
  ['deployment', ['deployment-available', 'pod-oomkilled'], 'error', /^OOMKilled/],
  ['statefulset', ['statefulset-ready'], 'healthy', /^3\/3 replicas ready$/],
  ['statefulset', ['statefulset-starting'], 'partial', /^1\/3 replicas ready$/],
  ['statefulset', ['statefulset-updating'], 'partial', /^1\/3 replicas updated to revision db-7c9a0$/],
  ['statefulset', ['statefulset-partitioned'], 'healthy', /^3\/3 replicas ready \(partition 2\)$/],
  ['statefulset', ['statefulset-ondelete'], 'healthy', /^2\/2 replicas ready$/],
  ['statefulset', ['statefulset-starting', 'pod-crashloop'], 'error', /^CrashLoopBackOff/],
  ['daemonset', ['daemonset-available'], 'healthy', /^3\/3 pods available$/],
  ['daemonset', ['daemonset-updating'], 'partial', /^1\/3 pods updated$/],
  ['daemonset', ['daemonset-unavailable'], 'partial', /^2\/3 pods available$/],
  ['daemonset', ['daemonset-no-nodes'], 'healthy', /^no nodes to run on/],
  ['daemonset', ['daemonset-unavailable', 'pod-imagepullbackoff'], 'error', /^ImagePullBackOff/],
  ['job', ['job-complete'], 'healthy', /^completed \(3\/3\)$/],
  ['job', ['job-failed'], 'error', /^BackoffLimitExceeded: Job has reached the specified backoff limit$/],
  ['job', ['job-running'], 'partial', /^1\/3 completions$/],
  ['job', ['job-running', 'pod-job-imagepullbackoff'], 'error', /^ImagePullBackOff: Back-off pulling image "acme\/report:nope"$/],
  ['cronjob', ['cronjob-scheduled'], 'healthy', /^waiting for schedule$/],
  ['cronjob', ['cronjob-suspended', 'job-failed'], 'healthy', /^suspended$/],
  ['cronjob', ['cronjob-scheduled', 'job-complete'], 'healthy', /^last run report-29150000 succeeded$/],
  ['cronjob', ['cronjob-scheduled', 'job-complete', 'job-failed'], 'error', /^last run report-29150060 failed: BackoffLimitExceeded/],
  ['cronjob', ['cronjob-scheduled', 'job-failed', 'job-running'], 'error', /^last run report-29150060 failed/],
  ['cronjob', ['cronjob-scheduled', 'job-running'], 'healthy', /^run report-29150120 in progress$/],
  ['cronjob', ['cronjob-scheduled', 'job-running', 'pod-job-imagepullbackoff'], 'error', /^ImagePullBackOff/],
  ['cronjob', ['cronjob-scheduled', 'job-failed', 'job-complete', 'pod-job-oomkilled-finished'], 'error', /^last run report-29150060 failed/],
  ['cronjob', ['cronjob-scheduled', 'job-complete', 'pod-job-oomkilled-finished'], 'healthy', /^last run report-29150000 succeeded$/],
  ['cronjob', ['cronjob-history-cleaned'], 'healthy', /^last run succeeded at 2025-06-01T12:00:42Z$/],
  ['service', ['service-clusterip', 'pod-running', 'endpointslice-ready'], 'healthy', /^2 ready endpoints$/],
  ['service', ['service-clusterip'], 'error', /^no pods match selector app.kubernetes.io\/name=web,kubeorch.io\/node=dep-1$/],
  ['service', ['service-just-created'], 'partial', /^no pods match selector app.kubernetes.io\/name=web,kubeorch.io\/node=dep-1 yet$/],
  ['service', ['service-created-a-minute-ago'], 'error', /^no pods match selector app.kubernetes.io\/name=web,kubeorch.io\/node=dep-1$/],
  ['service', ['service-no-selector'], 'error', /^no selector: routes to no pods$/],
  ['service', ['service-clusterip', 'pod-not-ready', 'endpointslice-not-ready'], 'partial', /^0\/1 matching pods ready$/],
  ['service', ['service-clusterip', 'pod-running'], 'partial', /^0\/1 matching pods ready$/],
  ['service', ['service-loadbalancer-pending', 'pod-running', 'endpointslice-ready'], 'partial', /^waiting for a load balancer address$/],
  ['service', ['service-loadbalancer-ready', 'pod-running', 'endpointslice-ready'], 'healthy', /^2 ready endpoints, address 203\.0\.113\.10$/],
  ['ingress', ['ingress-pending', 'service-clusterip', 'service-api'], 'partial', /^waiting for an address/],
  ['ingress', ['ingress-pending', 'service-clusterip'], 'error', /^backend service "api" not found$/],
  ['ingress', ['ingress-pending'], 'error', /^backend services "web", "api" not found$/],
  ['ingress', ['ingress-with-address', 'service-clusterip'], 'healthy', /^address lb-1234\.elb\.example\.com$/],
  ['persistentvolumeclaim', ['pvc-bound'], 'healthy', /^bound to pvc-0f3e2d1c \(5Gi\)$/],
  ['persistentvolumeclaim', ['pvc-pending'], 'partial', /^Pending$/],
  ['persistentvolumeclaim', ['pvc-pending', 'event-pvc-no-storage-class'], 'partial', /^Pending: FailedBinding: no persistent volumes available for this claim and no storage class is set$/],
  ['persistentvolumeclaim', ['pvc-lost'], 'error', /^Lost: /],
  ['hpa', ['hpa-able-to-scale'], 'healthy', /^2 replicas \(min 2, max 10\)$/],
  ['hpa', ['hpa-no-conditions'], 'partial', /^waiting for the first metrics$/],
  ['hpa', ['hpa-failed-get-scale'], 'error', /^FailedGetScale: the HPA controller was unable to get the target's current scale/],
  ['hpa', ['hpa-missing-cpu-request'], 'error', /^FailedGetResourceMetric: .*missing request for cpu/],
  ['hpa', ['hpa-scaling-disabled'], 'partial', /^ScalingDisabled: scaling is disabled/],
  ['hpa', ['hpa-metrics-not-yet'], 'partial', /^waiting for metrics \(FailedGetResourceMetric: .*no metrics returned/],
  ['hpa', ['hpa-metrics-missing-long'], 'error', /^FailedGetResourceMetric: .*no metrics returned/],
  ['hpa', ['hpa-able-not-active-yet'], 'partial', /^waiting for the autoscaler to read metrics$/],
  ['configmap', ['configmap'], 'healthy', /^present \(2 keys\)$/],
  ['secret', ['secret'], 'healthy', /^present \(1 key\)$/],
  ['networkpolicy', ['networkpolicy'], 'healthy', /^present$/],
  ['networkpolicy', [], 'unknown', /^not deployed$/],
];

describe('nodeHealth', () => {
  it.each(cases)('%s %j → %s %s', assertHealth);

  it('reads a Service without observed pods or slices as routing (not looked at ≠ none found)', () => {
    const observed = healthFixtures('service', ['service-clusterip']);
    expect(nodeHealth('service', { main: observed.main }, NOW)).toEqual({ state: 'healthy', message: 'routing to its pods', details: { readyEndpoints: undefined, matchingPods: undefined } });
  });

  it('gives an unschedulable pod 30 s of grace from the condition’s transition', () => {
    const observed = healthFixtures('deployment', ['deployment-progressing', 'pod-unschedulable-just-now']);
    expect(nodeHealth('deployment', observed, new Date('2025-06-01T12:00:19Z')).state).toBe('partial');
    expect(nodeHealth('deployment', observed, new Date('2025-06-01T12:00:20Z')).state).toBe('error');
  });

  it('names the failing pod and container in details', () => {
    const health = nodeHealth('deployment', healthFixtures('deployment', ['deployment-progressing', 'pod-crashloop']), NOW);
    expect(health.details).toEqual({ reason: 'CrashLoopBackOff', pod: 'web-7f6d5c4b3-crash', container: 'web' });
  });

  it('never throws on malformed objects', () => {
    const junk = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: 'nope', status: { conditions: 'x', replicas: '3' } };
    expect(nodeHealth('deployment', { main: [junk], pods: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, status: { containerStatuses: [null, 1] } }] }, NOW).state).toBe('partial');
  });
});
