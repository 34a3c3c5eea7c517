import { isWorkloadKind } from '../../kinds/node-kinds.ts';
import { canConnect } from '../../links/can-connect.ts';
import type { GraphIssue } from '../graph-issue.ts';
import { describeNode, type GraphView } from './graph-view.ts';

const MOUNTED_KINDS = new Set(['configmap', 'secret', 'persistentvolumeclaim']);

/** Within one workload's container every mount path is used once (the API server refuses repeats). */
export function checkMounts(view: GraphView): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const used = new Map<string, Map<string, string>>(); // workload id → mountPath → by what

  for (const { node, data } of view.nodes) {
    if (node.type !== 'statefulset' || !data || !Array.isArray(data.volumeClaimTemplates)) continue;
    const paths = new Map<string, string>();
    for (const t of data.volumeClaimTemplates as { name: string; mountPath: string }[]) {
      paths.set(t.mountPath, `its volume claim template "${t.name}"`);
    }
    used.set(node.id, paths);
  }

  for (const { index, edge } of view.edges) {
    const source = view.byId.get(edge.source);
    const target = view.byId.get(edge.target);
    if (!source?.data || !target || !MOUNTED_KINDS.has(source.node.type) || !isWorkloadKind(target.node.type)) continue;
    if (!canConnect(source.node.type, target.node.type).ok) continue;
    const mountPath = source.data.mountPath;
    if (typeof mountPath !== 'string') continue;
    const paths = used.get(target.node.id) ?? new Map<string, string>();
    used.set(target.node.id, paths);
    const by = paths.get(mountPath);
    if (by !== undefined && by !== describeNode(source)) {
      issues.push({
        edgeId: edge.id,
        path: ['edges', index],
        message: `mounts ${describeNode(source)} at ${mountPath} in ${describeNode(target)}, where ${by} is already mounted`,
      });
      continue;
    }
    paths.set(mountPath, describeNode(source));
  }
  return issues;
}
