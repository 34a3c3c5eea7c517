import type { AppliedType, KubeType } from '../kind-definition.ts';

// Kubernetes types no kind renders but runs and health need. Each rendered type is declared by
// the kind that renders it (its folder's index.ts), with its place in the apply order.

/** Created by the runner (never rendered, never pruned): first, since everything else lives in one. */
export const NAMESPACE: AppliedType = { apiVersion: 'v1', kind: 'Namespace', namespaced: false, applyRank: 0 };

export const POD: KubeType = { apiVersion: 'v1', kind: 'Pod', namespaced: true };
export const REPLICA_SET: KubeType = { apiVersion: 'apps/v1', kind: 'ReplicaSet', namespaced: true };
export const ENDPOINT_SLICE: KubeType = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', namespaced: true };
/** Watched for every workflow; events carry no labels, so they are matched to objects by uid. */
export const EVENT: KubeType = { apiVersion: 'v1', kind: 'Event', namespaced: true };
