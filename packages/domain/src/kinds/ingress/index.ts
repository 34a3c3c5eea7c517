import { detectIngressBackend } from '../../diagnostics/ingress-backend.ts';
import { ingressHealth } from '../../health/health-ingress.ts';
import { nodeName } from '../../links/node-fields.ts';
import { defineKind, type AppliedType, type DeployCheck, type EdgeSlot } from '../kind-definition.ts';
import { isPlainRecord } from '../shared/plain-record.ts';
import { dns1123Label } from '../shared/names.ts';
import { count, counted, lines, text } from '../shared/summary.ts';
import { renderIngress } from './render.ts';
import { ingressDataSchema } from './schema.ts';

export const INGRESS: AppliedType = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', namespaced: true, applyRank: 120 };

const pathsOf = (data: Record<string, unknown>): unknown[] => (Array.isArray(data.paths) ? data.paths : []);

/** Each path routes on its own: its id is the sourceHandle of the edge to its service. */
function pathSlots(data: Record<string, unknown>): EdgeSlot[] {
  return pathsOf(data).map((p, i) => {
    const path = isPlainRecord(p) ? p : {};
    return { id: typeof path.id === 'string' ? path.id : String(i), label: typeof path.path === 'string' ? path.path : '' };
  });
}

const checkPathsRouted: DeployCheck = ({ node, index }) => {
  const paths = pathsOf(node.data) as { _linkedService?: unknown }[];
  const at = ['nodes', index, 'data', 'paths'];
  if (paths.length === 0) return [{ nodeId: node.id, path: at, message: 'must have at least one path' }];
  return paths.flatMap((p, i) => (p._linkedService ? [] : [{ nodeId: node.id, path: [...at, i], message: 'is not connected to a service' }]));
};

export const ingressKind = defineKind({
  kind: 'ingress',
  label: 'Ingress',
  description: 'HTTP routes from outside the cluster to services, by host and path.',
  category: 'networking',
  shortNames: ['ing'],
  summary: (d) => lines(text(d.host) ?? 'any host', counted(count(d.paths), 'path')),
  nameSchema: dns1123Label(),
  dataSchema: ingressDataSchema,
  seed: { paths: [{ id: 'root', path: '/', pathType: 'Prefix' }] },
  connectsTo: ['service'],
  targets: 'one',
  edgeSlots: { noun: 'path', of: pathSlots },
  link(source, target, edge) {
    const paths = pathsOf(source.data);
    // An edge without sourceHandle routes the first path (a canvas with one handle).
    const index = edge.sourceHandle ? paths.findIndex((p) => isPlainRecord(p) && p.id === edge.sourceHandle) : 0;
    const path: unknown = paths[index];
    if (!isPlainRecord(path) || path._linkedService !== undefined) return;
    const port = typeof target.data.port === 'number' ? target.data.port : undefined;
    path._linkedService = { nodeId: target.id, name: nodeName(target), ...(port === undefined ? {} : { port }) };
  },
  nestedLinkFields: ['paths'],
  objects: [INGRESS],
  observes: [],
  render: renderIngress,
  deployChecks: [checkPathsRouted],
  health: ingressHealth,
  detectors: [detectIngressBackend],
});
