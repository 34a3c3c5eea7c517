import type { WorkflowNode } from '../graph/workflow-graph.ts';
import { oneLine, str } from '../health/object-fields.ts';
import { nodeNamespace } from '../links/node-fields.ts';
import type { DiagnosticInput } from './diagnostic-input.ts';
import { besideOf, freeId, newEdge } from './design-changes.ts';
import { withFix, type Evidence, type Finding, type Fix } from './finding.ts';
import { findNode } from './node-data.ts';
import { containerStatuses, podEvents } from './pod-statuses.ts';

// The kubelet's words: CreateContainerConfigError says `configmap "x" not found` or
// `couldn't find key k in ConfigMap ns/x`; a volume that cannot mount says the same in a
// FailedMount event (`MountVolume.SetUp failed for volume "cm-x" : configmap "x" not found`).
const MISSING_OBJECT = /\b(configmap|secret) "([^"]+)" not found/gi;
const MISSING_KEY = /couldn't find key (\S+) in (ConfigMap|Secret) ([^/\s]+)\/([^\s"]+)/g;

type Problem = { kind: 'configmap' | 'secret'; name: string; key?: string; evidence: Evidence };

export function detectMissingConfig({ node, graph, observed }: DiagnosticInput): Finding[] {
  const texts: Evidence[] = [
    ...containerStatuses(observed.pods)
      .filter((s) => str(s.status, 'state', 'waiting', 'reason') === 'CreateContainerConfigError')
      .map((s) => ({ kind: 'status' as const, text: `pod ${s.podName}: CreateContainerConfigError: ${oneLine(str(s.status, 'state', 'waiting', 'message') ?? '')}` })),
    ...podEvents(observed, observed.pods ?? []).map((e) => ({ kind: 'event' as const, text: `${e.reason}: ${oneLine(e.message)}` })),
  ];
  const problems = new Map<string, Problem>();
  for (const evidence of texts) {
    for (const match of evidence.text.matchAll(MISSING_KEY)) {
      const kind = match[2] === 'Secret' ? 'secret' : 'configmap';
      const key = `config.key-missing:${kind}:${match[4]}:${match[1]}`;
      if (!problems.has(key)) problems.set(key, { kind, name: match[4] ?? '', key: match[1] ?? '', evidence });
    }
    for (const match of evidence.text.matchAll(MISSING_OBJECT)) {
      const kind = match[1]?.toLowerCase() === 'secret' ? 'secret' : 'configmap';
      const key = `config.${kind}-missing:${match[2]}`;
      if (!problems.has(key)) problems.set(key, { kind, name: match[2] ?? '', evidence });
    }
  }
  const namespace = nodeNamespace(node);
  return [...problems.entries()].map(([id, p]) => {
    const label = p.kind === 'configmap' ? 'ConfigMap' : 'Secret';
    const source = findNode(graph, p.kind, p.name, namespace);
    if (p.key !== undefined) {
      return {
        id,
        type: 'config.key-missing',
        severity: 'error' as const,
        message: `${label} "${p.name}" has no key "${p.key}", which the workload reads`,
        evidence: [p.evidence],
        ...withFix(source ? addKeyFix(source, p.key) : addSourceFix(graph, node, p)),
      };
    }
    // The kubelet retries on its own: once the object exists the error is history.
    const live = p.kind === 'configmap' ? observed.configMaps : observed.secrets;
    if (live?.some((o) => o.metadata.name === p.name)) {
      return { id, type: `config.${p.kind}-missing`, severity: 'info' as const, message: `${label} "${p.name}" was missing when the pod started and exists now; the kubelet retries on its own`, evidence: [p.evidence] };
    }
    const where = source
      ? `; node "${p.name}" is in the workflow, so run the workflow to create it`
      : '; no node of this workflow creates it';
    return {
      id,
      type: `config.${p.kind}-missing`,
      severity: 'error' as const,
      message: `${label} "${p.name}" does not exist in namespace ${namespace}${where}`,
      evidence: [p.evidence],
      ...withFix(source ? undefined : addSourceFix(graph, node, p)),
    };
  });
}

/**
 * Adds the ConfigMap or Secret the pods look for, as a node connected to the workload (with the
 * missing key, empty, when the kubelet named one). Values are the user's to write: a Secret's
 * key without a value is refused before a run, so nothing runs with an empty credential.
 */
function addSourceFix(graph: DiagnosticInput['graph'], workload: WorkflowNode, p: Problem): Fix {
  const isSecret = p.kind === 'secret';
  const id = freeId(graph.nodes.map((n) => n.id), `${p.kind}-${p.name}`);
  const data = isSecret
    ? { name: p.name, namespace: nodeNamespace(workload), entries: p.key === undefined ? [] : [{ key: p.key }] }
    : { name: p.name, namespace: nodeNamespace(workload), data: p.key === undefined ? {} : { [p.key]: '' } };
  const label = isSecret ? 'Secret' : 'ConfigMap';
  return {
    id: `add-${p.kind}:${p.name}`,
    title: `Add the ${label} "${p.name}"${p.key === undefined ? '' : ` with the key "${p.key}"`}`,
    description:
      `Adds a ${label} node "${p.name}" to the design, connected to "${String(workload.data.name)}" (its keys become environment variables), so the run creates it. ` +
      (p.key === undefined ? 'Add the keys the workload reads.' : `Set the value of "${p.key}" before running.`),
    patch: { op: 'add-node', node: { id, type: p.kind, position: besideOf(workload, isSecret ? 120 : -120), data }, edges: [newEdge(graph, id, workload.id)] },
  };
}

/** Adds the key with an empty value: the value itself is the user's to write (and for a Secret, write-only). */
function addKeyFix(source: WorkflowNode, key: string): Fix {
  const isSecret = source.type === 'secret';
  const entries = Array.isArray(source.data.entries) ? source.data.entries.length : 0;
  return {
    id: `add-config-key:${source.type}:${String(source.data.name)}:${key}`,
    title: `Add the key "${key}" to ${isSecret ? 'Secret' : 'ConfigMap'} "${String(source.data.name)}"`,
    description: `Adds "${key}" with an empty value; set its value before running.`,
    patch: isSecret
      ? { op: 'set', nodeId: source.id, set: [{ path: ['entries', entries], value: { key } }] }
      : { op: 'set', nodeId: source.id, set: [{ path: ['data', key], value: '' }] },
  };
}
