import type { WorkflowGraph, WorkflowNode } from '../graph/workflow-graph.ts';
import type { ObservedObjects } from '../health/observed-objects.ts';
import type { K8sObject } from '../kinds/kind-definition.ts';
import type { Finding } from './finding.ts';

/** What diagnostics read besides health's observations. Optional lists are skipped when undefined. */
export type DiagnosticObservations = ObservedObjects & {
  /** Last log lines by "<pod>/<container>" (the previous container's, for one that restarted). */
  logs?: Record<string, string[]>;
  /** ConfigMaps of the namespace. */
  configMaps?: K8sObject[];
  /** Secrets of the namespace: metadata and data keys only, values redacted. */
  secrets?: K8sObject[];
  /** The cluster's Nodes (status.allocatable), to tell "too big for any node" from "cluster full". */
  clusterNodes?: K8sObject[];
  /** The cluster's StorageClasses, to suggest one for a PVC. */
  storageClasses?: K8sObject[];
};

export type DiagnosticInput = { node: WorkflowNode; graph: WorkflowGraph; observed: DiagnosticObservations; now: Date };

/** One detector: a small pure function from a node and what was observed of it to findings. */
export type Detector = (input: DiagnosticInput) => Finding[];
