import type { K8sObject } from '../kinds/kind-definition.ts';

/**
 * What the watchers saw of one node in the cluster. An optional list that is `undefined` was not
 * looked at, and its checks are skipped; an empty list means "looked, found none".
 */
export type ObservedObjects = {
  /** The node's own objects (the Deployment; for a statefulset also its headless Service); empty if not found. */
  main: K8sObject[];
  /**
   * Pods owned by the workload (or by the CronJob's Jobs), selected by a Service / NetworkPolicy,
   * or, for an HPA, its target's pods (their age opens the metrics window).
   */
  pods?: K8sObject[];
  /** A Deployment's ReplicaSets: the newest revision's pods are the ones whose problems count. */
  replicaSets?: K8sObject[];
  /** A Service's EndpointSlices. */
  endpointSlices?: K8sObject[];
  /** An Ingress's backend Services that exist. */
  services?: K8sObject[];
  /** A CronJob's Jobs; the newest decides its health. */
  jobs?: K8sObject[];
  /**
   * A workload's: the workflow's ConfigMaps and Secrets in its namespace (a Secret's keys are
   * enough), to tell a CreateContainerConfigError the kubelet is about to retry (the config exists
   * now) from one that lasts.
   */
  configs?: K8sObject[];
  /** Recent events involving these objects (core/v1 or events.k8s.io/v1). */
  events?: K8sObject[];
};
