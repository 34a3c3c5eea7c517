import type { WorkflowNode, WorkflowGraph } from '../graph/workflow-graph.ts';
import { oneLine, str } from '../health/object-fields.ts';
import { nodeName, nodeNamespace } from '../links/node-fields.ts';
import type { DiagnosticInput } from './diagnostic-input.ts';
import { withFix, type Evidence, type Finding, type Fix } from './finding.ts';
import { stringList } from './node-data.ts';
import { byContainer, compare, containerImage, containerStatuses, eventEvidence, podEvents, podList } from './pod-statuses.ts';

const PULL_REASONS = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName']);

/**
 * Causes, tried in order against the kubelet's waiting message and the pods' Failed events
 * (ImagePullBackOff's own message only says "Back-off pulling image"). Docker Hub answers
 * "repository does not exist or may require authorization" both for a typo and for a private
 * repository, so that one counts as unauthorized: the pull-secret fix is the only useful one.
 */
const CAUSES: readonly { type: string; pattern: RegExp; explain: (image: string) => string }[] = [
  {
    type: 'image-pull.invalid-name',
    pattern: /InvalidImageName|invalid reference format|couldn't parse image/i,
    explain: (image) => `"${image}" is not a valid image reference; fix the image field`,
  },
  {
    type: 'image-pull.registry-unreachable',
    pattern: /no such host|i\/o timeout|connection refused|network is unreachable|TLS handshake timeout|x509:|server misbehaving|connection reset/i,
    explain: (image) => `the registry of "${image}" could not be reached from the cluster's nodes`,
  },
  {
    type: 'image-pull.unauthorized',
    pattern: /\b401\b|\b403\b|unauthorized|authentication required|no basic auth credentials|denied|forbidden|may require authorization/i,
    explain: (image) => `the registry refused to serve "${image}" without valid credentials (or the repository does not exist)`,
  },
  {
    type: 'image-pull.not-found',
    pattern: /not found|manifest unknown|name unknown|does not exist/i,
    explain: (image) => `"${image}" does not exist in its registry; check the repository and tag`,
  },
];

const FALLBACK = { type: 'image-pull.failed', explain: (image: string) => `"${image}" could not be pulled` };

export function detectImagePull({ node, graph, observed }: DiagnosticInput): Finding[] {
  const failing = containerStatuses(observed.pods).filter((s) => PULL_REASONS.has(str(s.status, 'state', 'waiting', 'reason') ?? ''));
  const findings: Finding[] = [];
  for (const [container, statuses] of byContainer(failing)) {
    const pods = statuses.map((s) => s.pod);
    const events = podEvents(observed, pods).filter((e) => e.reason === 'Failed' || e.reason === 'InspectFailed');
    const waiting = statuses.map((s) => {
      const reason = str(s.status, 'state', 'waiting', 'reason') ?? '';
      return `${reason}: ${oneLine(str(s.status, 'state', 'waiting', 'message') ?? '')}`;
    });
    const text = [...waiting, ...events.map((e) => e.message)].join('\n');
    const cause = CAUSES.find((c) => c.pattern.test(text)) ?? FALLBACK;
    const first = statuses[0];
    const image = (first && containerImage(first.pod, container)) ?? str(first?.status, 'image') ?? String(node.data.image ?? '?');
    const evidence: Evidence[] = [
      ...statuses.slice(0, 3).map((s, i) => ({ kind: 'status' as const, text: `pod ${s.podName}: ${waiting[i]}` })),
      ...eventEvidence(events),
    ];
    const names = statuses.map((s) => s.podName);
    findings.push({
      id: `${cause.type}:${container}`,
      type: cause.type,
      severity: 'error',
      message: `Container "${container}" cannot pull its image: ${cause.explain(image)} (${podList(names)})`,
      evidence: [...evidence, ...missingPullSecrets(node, observed.secrets)],
      ...(cause.type === 'image-pull.unauthorized' ? withFix(pullSecretFix(node, graph, container, observed.secrets)) : {}),
    });
  }
  return findings;
}

const REGISTRY_SECRET_TYPES = new Set(['kubernetes.io/dockerconfigjson', 'kubernetes.io/dockercfg']);

/**
 * Pulls with a registry credential Secret of the workload's namespace that it does not use yet:
 * a Secret node of this workflow first (by name), else one the cluster already has (listed
 * without values).
 */
function pullSecretFix(node: WorkflowNode, graph: WorkflowGraph, container: string, secrets: DiagnosticInput['observed']['secrets']): Fix | undefined {
  const current = stringList(node.data.imagePullSecrets);
  const inWorkflow = graph.nodes
    .filter((n) => n.type === 'secret' && n.data.secretType === 'kubernetes.io/dockerconfigjson')
    .filter((n) => nodeNamespace(n) === nodeNamespace(node) && !current.includes(nodeName(n)))
    .map(nodeName)
    .sort(compare)[0];
  const inCluster = (secrets ?? [])
    .filter((s) => REGISTRY_SECRET_TYPES.has(String(s.type)) && (s.metadata.namespace ?? nodeNamespace(node)) === nodeNamespace(node) && !current.includes(s.metadata.name))
    .map((s) => s.metadata.name)
    .sort(compare)[0];
  const name = inWorkflow ?? inCluster;
  if (name === undefined) return undefined;
  const where = inWorkflow ? 'a registry credential Secret in this workflow' : `a registry credential Secret namespace ${nodeNamespace(node)} already has`;
  return {
    id: `add-image-pull-secret:${container}`,
    title: `Pull with the secret "${name}"`,
    description: `Adds "${name}" (${where}) to imagePullSecrets so the kubelet can authenticate to the registry.`,
    patch: { op: 'set', nodeId: node.id, set: [{ path: ['imagePullSecrets'], value: [...current, name] }] },
  };
}

/** imagePullSecrets that name a Secret the cluster does not have (only when Secrets were observed). */
function missingPullSecrets(node: WorkflowNode, secrets: DiagnosticInput['observed']['secrets']): Evidence[] {
  if (!secrets) return [];
  const existing = new Set(secrets.map((s) => s.metadata.name));
  return stringList(node.data.imagePullSecrets)
    .filter((name) => !existing.has(name))
    .map((name) => ({ kind: 'status', text: `imagePullSecrets names "${name}", which does not exist in namespace ${nodeNamespace(node)}` }));
}
