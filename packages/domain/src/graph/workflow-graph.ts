import { z } from 'zod';
import { requiredOr } from '../kinds/shared/messages.ts';
import { NODE_KINDS } from '../kinds/node-kinds.ts';

export const MAX_NODES = 2000;
export const MAX_EDGES = 5000;

const id = () =>
  z
    .string({ error: requiredOr('must be a string of 1 to 100 characters') })
    .min(1, { error: 'must not be empty' })
    .max(100, { error: 'must be at most 100 characters' });

const handle = () => z.string({ error: requiredOr('must be a string or null') }).max(100, { error: 'must be at most 100 characters' }).nullable().optional();

/**
 * The structure of a node, whatever its kind. Keys other than these (React Flow's `selected`,
 * `dragging`, `measured`, `width`, …) are view state and are dropped. `data` is checked by the
 * kind's own schema (kindRegistry[type].dataSchema) in validateGraph.
 */
export const workflowNodeSchema = z.object({
  id: id(),
  type: z.enum(NODE_KINDS, { error: `must be one of: ${NODE_KINDS.join(', ')}` }),
  position: z.object({
    x: z.number({ error: requiredOr('must be a finite number') }),
    y: z.number({ error: requiredOr('must be a finite number') }),
  }),
  // Not z.record: that copies every node's data key by key, and parseNodeData copies it anyway.
  data: z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), { error: 'must be an object' }),
});

/** An edge; `sourceHandle` picks an ingress path by its id. Other keys (style, animated…) are dropped. */
export const workflowEdgeSchema = z.object({
  id: id(),
  source: id(),
  target: id(),
  sourceHandle: handle(),
  targetHandle: handle(),
});

export const workflowGraphSchema = z.object({
  nodes: z.array(workflowNodeSchema, { error: 'must be an array' }).max(MAX_NODES, { error: `must have at most ${MAX_NODES} nodes` }),
  edges: z.array(workflowEdgeSchema, { error: 'must be an array' }).max(MAX_EDGES, { error: `must have at most ${MAX_EDGES} edges` }),
});

export type WorkflowNode = z.infer<typeof workflowNodeSchema>;
export type WorkflowEdge = z.infer<typeof workflowEdgeSchema>;
export type WorkflowGraph = z.infer<typeof workflowGraphSchema>;
