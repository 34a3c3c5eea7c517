import type { z } from 'zod';
import { NODE_KINDS, type NodeKind } from '../kinds/node-kinds.ts';
import { isPlainRecord } from '../kinds/shared/plain-record.ts';
import { workflowEdgeSchema, workflowNodeSchema, type WorkflowEdge, type WorkflowNode } from './workflow-graph.ts';
import { friendlyMessage } from './zod-issues.ts';

export type ParsedEnvelope<T> = { success: true; data: T } | { success: false; error: z.ZodError };

/**
 * A node's structure (id, type, position, data), as `workflowNodeSchema` parses it. Every node of
 * every save and every rendered version comes through here, and almost all are well formed: those
 * are recognised by plain checks (`exactNode`), the rest go to the schema, which alone decides what
 * is wrong and says so. parse-envelope.test.ts checks on generated input that the two agree.
 */
export function parseWorkflowNode(raw: unknown): ParsedEnvelope<WorkflowNode> {
  const quick = exactNode(raw);
  return quick ? { success: true, data: quick } : workflowNodeSchema.safeParse(raw, { error: friendlyMessage });
}

/** An edge's structure, as `workflowEdgeSchema` parses it (see parseWorkflowNode). */
export function parseWorkflowEdge(raw: unknown): ParsedEnvelope<WorkflowEdge> {
  const quick = exactEdge(raw);
  return quick ? { success: true, data: quick } : workflowEdgeSchema.safeParse(raw, { error: friendlyMessage });
}

const KINDS: ReadonlySet<string> = new Set(NODE_KINDS);

/** What the schema returns for `raw` when it is certainly valid; undefined when in any doubt. */
export function exactNode(raw: unknown): WorkflowNode | undefined {
  if (!isPlainRecord(raw)) return undefined;
  const { id, type, position, data } = raw;
  if (!isId(id) || typeof type !== 'string' || !KINDS.has(type) || !isPlainRecord(position)) return undefined;
  const { x, y } = position;
  if (!isFiniteNumber(x) || !isFiniteNumber(y) || !isPlainRecord(data)) return undefined;
  return { id, type: type as NodeKind, position: { x, y }, data };
}

export function exactEdge(raw: unknown): WorkflowEdge | undefined {
  if (!isPlainRecord(raw)) return undefined;
  const { id, source, target, sourceHandle, targetHandle } = raw;
  if (!isId(id) || !isId(source) || !isId(target)) return undefined;
  const edge: WorkflowEdge = { id, source, target };
  // A key present with `undefined` is left to the schema, which keeps such keys as they are.
  if ('sourceHandle' in raw) {
    if (!isHandle(sourceHandle)) return undefined;
    edge.sourceHandle = sourceHandle;
  }
  if ('targetHandle' in raw) {
    if (!isHandle(targetHandle)) return undefined;
    edge.targetHandle = targetHandle;
  }
  return edge;
}

const isId = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 100;
const isHandle = (v: unknown): v is string | null => v === null || (typeof v === 'string' && v.length <= 100);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
