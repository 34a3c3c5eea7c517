import type { z } from 'zod';
import type { Detector } from '../diagnostics/diagnostic-input.ts';
import type { GraphIssue } from '../graph/graph-issue.ts';
import type { WorkflowEdge, WorkflowGraph, WorkflowNode } from '../graph/workflow-graph.ts';
import type { NodeHealth } from '../health/health-state.ts';
import type { ObservedObjects } from '../health/observed-objects.ts';
import type { NodeKind } from './node-kinds.ts';

export type KindCategory = 'workloads' | 'networking' | 'configuration' | 'storage' | 'scaling' | 'security';

/** A Kubernetes object as plain data (what gets applied). */
export type K8sObject = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> } & Record<string, unknown>;
};

/** A Kubernetes object type: group/version, kind, and whether its objects live in a namespace. */
export type KubeType = { apiVersion: string; kind: string; namespaced: boolean };

/**
 * A type a kind renders, with its place in a run's apply order (SPEC §7, lower first; types of
 * one rank are applied together). The order across all kinds is derived: see APPLY_ORDER.
 */
export type AppliedType = KubeType & { applyRank: number };

export type RenderContext = {
  workflowId: string;
  /**
   * Secret values by node id and key (decrypted by the service layer). When omitted, Secret
   * objects render with a placeholder instead of each value: fine for previews and stored
   * versions, never for applying.
   */
  secretValues?: Record<string, Record<string, string>>;
};

/** A node as a renderer sees it: validated data with its linked fields recomputed. */
export type RenderNode<Data> = { id: string; data: Data & Record<string, unknown> };

/** An object a node will create, used to find two nodes that would write the same object. */
export type ObjectIdentity = {
  kind: string;
  name: string;
  /** The data field that sets the name, where a clash is reported (default `name`). */
  field?: string;
};

/** A node's health from its main object (found, not being deleted) and what else was observed. */
export type HealthCheck = (main: K8sObject, observed: ObservedObjects, now: Date) => NodeHealth;

/** A validated node (links recomputed) about to be rendered for a run. */
export type DeployCheckInput = {
  node: WorkflowNode;
  /** Its position in graph.nodes, for issue paths. */
  index: number;
  graph: WorkflowGraph;
  secretValues?: RenderContext['secretValues'];
};

/** What a saved draft may lack but a run may not; see checkDeployable. */
export type DeployCheck = (input: DeployCheckInput) => GraphIssue[];

/** A handle an edge may leave a node from (an ingress path), named by the edge's sourceHandle. */
export type EdgeSlot = { id: string; label: string };

export type KindDefinition<Data = Record<string, unknown>> = {
  kind: NodeKind;

  // — palette and card —
  label: string;
  description: string;
  category: KindCategory;
  /** Other names people type for it in the palette (kubectl's short names). */
  shortNames: readonly string[];
  /**
   * The few fields worth seeing on its card. Gets the data as edited (possibly invalid) with the
   * schema's top-level defaults filled in, so it reads defensively but never restates a default.
   */
  summary: (data: Record<string, unknown>) => string[];

  // — data —
  /** The rule for `data.name` (Services and long-suffixed kinds are stricter than DNS-1123). */
  nameSchema: z.ZodType<string>;
  /** Validates user data (not `_linked*` keys) and applies defaults: the one place defaults live. */
  dataSchema: z.ZodType<Data>;
  /**
   * What a new node from the palette starts with besides the schema's defaults: an example image,
   * a first path. `name` is filled in by createNodeOfKind. A test holds it free of schema defaults.
   */
  seed: Readonly<Record<string, unknown>>;

  // — edges (SPEC §4); the one rule that reads these is connectionRule/edgeRules —
  /** Node kinds this kind may be the source of an edge to. */
  connectsTo: readonly NodeKind[];
  /** How many targets one source (or one of its slots) may have: a service routes to one workload. */
  targets: 'one' | 'many';
  /**
   * Each target takes at most one node of this kind, worded for the refusal: "deployment "web"
   * <verb> hpa "a"; <why>".
   */
  exclusive?: { verb: string; why: string };
  /**
   * The handles an edge leaves from, each with its own targets (an ingress routes each path); an
   * edge without sourceHandle leaves from the first. Without this, the node is its one slot.
   */
  edgeSlots?: { noun: string; of: (data: Record<string, unknown>) => EdgeSlot[] };
  /**
   * Writes what one allowed edge from this kind sets: `_linked*` fields on `source` or `target`
   * (copies owned by recomputeLinks, linked fields already stripped). Edges come in order; where
   * one target is allowed, the first wins.
   */
  link?: (source: WorkflowNode, target: WorkflowNode, edge: WorkflowEdge) => void;
  /** Data fields whose items carry linked fields of their own (an ingress path's `_linkedService`). */
  nestedLinkFields?: readonly string[];

  // — Kubernetes —
  /**
   * Every type this kind may render; the first is its main object, the one its identity and its
   * health are about. The watched, pruned and archived types are derived from these.
   */
  objects: readonly [AppliedType, ...AppliedType[]];
  /** Types its health reads besides its own objects, found by the workflow's label (a Deployment's ReplicaSets). */
  observes: readonly KubeType[];
  /** Objects this node creates besides its main one (a StatefulSet's headless Service). */
  extraIdentities?: (data: Data) => ObjectIdentity[];
  render: (node: RenderNode<Data>, ctx: RenderContext) => K8sObject[];
  /** Refusals before a run (an hpa with no target); run by checkDeployable. */
  deployChecks: readonly DeployCheck[];
  /** Its health rule (packages/domain/src/health), called by nodeHealth. */
  health: HealthCheck;
  /** Its diagnostics detectors, in the order their findings of one severity are listed. */
  detectors: readonly Detector[];
};

/** Identity helper that keeps each kind's Data type while the registry stays uniform. */
export function defineKind<Data>(definition: KindDefinition<Data>): KindDefinition<Data> {
  return definition;
}
