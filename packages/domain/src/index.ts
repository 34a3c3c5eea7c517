// Public surface of @kubeorch/domain: pure functions over workflow graphs (no I/O).

export { DomainError, ValidationError } from './errors.ts';

// graph shapes
export { NODE_KINDS, WORKLOAD_KINDS, isNodeKind, isWorkloadKind, type NodeKind, type WorkloadKind } from './kinds/node-kinds.ts';
export {
  MAX_EDGES,
  MAX_NODES,
  workflowEdgeSchema,
  workflowGraphSchema,
  workflowNodeSchema,
  type WorkflowEdge,
  type WorkflowGraph,
  type WorkflowNode,
} from './graph/workflow-graph.ts';
export { kindRegistry, kindDefinition, type KindRegistry } from './kinds/registry.ts';
export type {
  AppliedType,
  DeployCheck,
  EdgeSlot,
  HealthCheck,
  K8sObject,
  KindCategory,
  KindDefinition,
  KubeType,
  RenderContext,
} from './kinds/kind-definition.ts';
export { schemaDefaults, summarizeNode } from './kinds/schema-defaults.ts';
export { MANAGED_TYPES, RELATED_TYPES } from './kinds/kube-types-of-kinds.ts';

// validation
export { formatIssuePath, type GraphIssue } from './graph/graph-issue.ts';
export { validateGraph, type ValidateGraphResult } from './graph/validate-graph.ts';

// edges and linked fields
export { article, canConnect, type CanConnectResult } from './links/can-connect.ts';
export {
  connectionRule,
  edgeRules,
  type EdgeRefusal,
  type EdgeRules,
  type EdgeRulesOptions,
  type EdgeVerdict,
  type RuleEdge,
  type RuleNode,
} from './links/edge-rules.ts';
export { recomputeLinks } from './links/recompute-links.ts';
export { renameNode } from './links/rename-node.ts';
export { describeLinks, type LinkDescription, type LinkedFieldNote, type LinkedNodeRef, type LinkSentence } from './links/describe-links.ts';
export type {
  HpaLink,
  IngressServiceLink,
  MountLink,
  PolicyWorkloadLink,
  PvcLink,
  ServiceWorkloadLink,
  WorkloadLinks,
  WorkloadRef,
} from './links/link-types.ts';
export { podSelectorLabels, ownershipLabels, workflowSelector, NODE_LABEL, WORKFLOW_LABEL } from './kinds/shared/labels.ts';

// version diff
export {
  compareGraphs,
  type CompareGraphsOptions,
  type EdgeSummary,
  type FieldChange,
  type GraphDiff,
  type ModifiedEdge,
  type ModifiedNode,
  type NodeSummary,
} from './diff/compare-graphs.ts';
export { SECRET_PLACEHOLDERS } from './diff/redact.ts';
export { deepEqual } from './diff/deep-diff.ts';

// manifests
export { APPLY_ORDER, applyRank, groupByApplyOrder } from './render/apply-order.ts';
export { checkDeployable } from './render/check-deployable.ts';
export { scalingRequestGaps, requestFix, scaledResources, type ScalingRequestGap } from './design/scaling-requests.ts';
export { DEFAULT_REQUESTS } from './kinds/shared/resources.ts';
export { manifestsToYaml, objectToYaml } from './render/manifests-to-yaml.ts';
export { renderManifests } from './render/render-manifests.ts';
export type { RenderedManifest } from './render/rendered-manifest.ts';
export { REDACTED_SECRET_VALUE } from './kinds/secret/render.ts';
export {
  compareManifests,
  manifestId,
  type ManifestChange,
  type ManifestDiff,
  type ManifestSummary,
} from './manifests/compare-manifests.ts';
export { manifestText, memoizedManifestText, type ManifestText } from './manifests/manifest-text.ts';
export { unifiedDiff } from './manifests/unified-diff.ts';

// helpers for the service layer and the canvas
export { extractSecretValues, type SecretValues } from './secrets/extract-secret-values.ts';
export { createNodeOfKind, newNodeData } from './graph/create-node.ts';

// health (SPEC §8)
export * from './health/index.ts';

// diagnostics (SPEC §10)
export * from './diagnostics/index.ts';
