import type { K8sObject } from '../kinds/kind-definition.ts';

/** One Kubernetes object rendered from a node, with its identity lifted out for the runner. */
export type RenderedManifest = {
  nodeId: string;
  /** Kubernetes kind, e.g. "Deployment". */
  kind: string;
  apiVersion: string;
  namespace?: string;
  name: string;
  object: K8sObject;
};
