import type { z } from 'zod';
import type { NodeKind } from './node-kinds.ts';

export type KindCategory = 'workloads' | 'networking' | 'configuration' | 'storage' | 'scaling' | 'security';

/** A Kubernetes object as plain data (what gets applied). */
export type K8sObject = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> } & Record<string, unknown>;
};

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
export type ObjectIdentity = { kind: string; name: string };

export type KindDefinition<Data = Record<string, unknown>> = {
  kind: NodeKind;
  /** Palette metadata. */
  label: string;
  description: string;
  category: KindCategory;
  /** The main Kubernetes object this kind renders to. */
  k8s: { apiVersion: string; kind: string };
  /** The rule for `data.name` (Services and long-suffixed kinds are stricter than DNS-1123). */
  nameSchema: z.ZodType<string>;
  /** Validates user data (not `_linked*` keys) and applies defaults. */
  dataSchema: z.ZodType<Data>;
  /** Data for a new node from the palette; `name` is filled in by createNodeOfKind. */
  defaults: Readonly<Record<string, unknown>>;
  /** Node kinds this kind may be the source of an edge to (SPEC §4). */
  connectsTo: readonly NodeKind[];
  /** At most this many outgoing edges (a service routes to one workload, an hpa scales one). */
  maxTargets?: number;
  /** Objects this node creates besides its main one (a StatefulSet's headless Service). */
  extraIdentities?: (data: Data) => ObjectIdentity[];
  render: (node: RenderNode<Data>, ctx: RenderContext) => K8sObject[];
};

/** Identity helper that keeps each kind's Data type while the registry stays uniform. */
export function defineKind<Data>(definition: KindDefinition<Data>): KindDefinition<Data> {
  return definition;
}
