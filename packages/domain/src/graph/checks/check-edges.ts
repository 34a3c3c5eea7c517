import { kindRegistry } from '../../kinds/registry.ts';
import { canConnect } from '../../links/can-connect.ts';
import type { GraphIssue } from '../graph-issue.ts';
import { describeNode, namespaceOf, type CheckedEdge, type CheckedNode, type GraphView } from './graph-view.ts';

/**
 * Per-edge rules: both ends exist, no self-loop, an allowed pair (SPEC §4), both ends in one
 * namespace (Kubernetes references never cross namespaces), no duplicates, and the
 * cardinalities: a service or hpa has one target, an ingress path one service, a workload one hpa.
 */
export function checkEdges(view: GraphView): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const seen = new Map<string, number>();
  const targetsOf = new Map<string, CheckedEdge>();
  const hpaOf = new Map<string, CheckedEdge>();

  for (const checked of view.edges) {
    const { index, edge } = checked;
    const at = (field?: string) => ({ edgeId: edge.id, path: field ? ['edges', index, field] : ['edges', index] });
    const source = view.byId.get(edge.source);
    const target = view.byId.get(edge.target);
    if (!source) issues.push({ ...at('source'), message: `refers to no node (id "${edge.source}")` });
    if (!target) issues.push({ ...at('target'), message: `refers to no node (id "${edge.target}")` });
    if (!source || !target) continue;
    if (edge.source === edge.target) {
      issues.push({ ...at('target'), message: 'must differ from source: a node cannot connect to itself' });
      continue;
    }
    const allowed = canConnect(source.node.type, target.node.type);
    if (!allowed.ok) {
      issues.push({ ...at(), message: allowed.reason });
      continue;
    }
    if (namespaceOf(source) !== namespaceOf(target)) {
      issues.push({
        ...at(),
        message: `connects ${describeNode(source)} in namespace "${namespaceOf(source)}" to ${describeNode(target)} in namespace "${namespaceOf(target)}"; linked objects must share a namespace`,
      });
      continue;
    }

    let slot = source.node.id; // what may have only one target
    if (source.node.type === 'ingress') {
      const path = ingressPathOf(source, edge.sourceHandle);
      if (path.problem) {
        issues.push({ ...at(edge.sourceHandle ? 'sourceHandle' : undefined), message: path.problem });
        continue;
      }
      slot = `${source.node.id}#${path.id}`;
    }

    const key = `${edge.source}→${edge.target}→${slot}`;
    const duplicate = seen.get(key);
    if (duplicate !== undefined) {
      issues.push({ ...at(), message: `duplicates edges[${duplicate}]` });
      continue;
    }
    seen.set(key, index);

    const single = source.node.type === 'ingress' || kindRegistry[source.node.type].maxTargets === 1;
    const previous = targetsOf.get(slot);
    if (single && previous) {
      const other = view.byId.get(previous.edge.target);
      const what = source.node.type === 'ingress' ? `this path of ${describeNode(source)}` : describeNode(source);
      issues.push({
        ...at(),
        message: `${what} may connect to only one node; edges[${previous.index}] already connects it to ${other ? describeNode(other) : previous.edge.target}`,
      });
      continue;
    }
    if (single) targetsOf.set(slot, checked);

    if (source.node.type === 'hpa') {
      const scaler = hpaOf.get(target.node.id);
      if (scaler) {
        const other = view.byId.get(scaler.edge.source);
        issues.push({
          ...at(),
          message: `${describeNode(target)} is already scaled by ${other ? describeNode(other) : scaler.edge.source} (edges[${scaler.index}]); two autoscalers would fight`,
        });
        continue;
      }
      hpaOf.set(target.node.id, checked);
    }
  }
  return issues;
}

/** The ingress path an edge routes: the one named by sourceHandle, else the first. */
function ingressPathOf(ingress: CheckedNode, handle: string | null | undefined): { id?: string; problem?: string } {
  const paths = (ingress.data ?? ingress.node.data).paths;
  const list = Array.isArray(paths) ? (paths as { id?: unknown }[]) : [];
  if (handle) {
    return list.some((p) => p.id === handle)
      ? { id: handle }
      : { problem: `names no path of ${describeNode(ingress)} (no path has the id "${handle}")` };
  }
  const first = list[0];
  if (!first) return { problem: `${describeNode(ingress)} has no path to route; add a path first` };
  return { id: typeof first.id === 'string' ? first.id : '0' };
}
