import type { WorkflowGraph, WorkflowNode } from '../graph/workflow-graph.ts';
import { eventsAbout } from '../health/events.ts';
import { field, isRecord, num, oneLine, records, str } from '../health/object-fields.ts';
import { crashLoop } from '../health/pod-problems.ts';
import { nodeName, nodeNamespace } from '../links/node-fields.ts';
import { newEdge } from './design-changes.ts';
import type { DiagnosticInput } from './diagnostic-input.ts';
import { withFix, type Evidence, type Finding, type Fix } from './finding.ts';
import { declaredPorts } from './node-data.ts';
import { byContainer, compare, containerStatuses, podList, type ContainerStatus } from './pod-statuses.ts';

/** What an exit code usually means (128 + n is signal n). */
export const EXIT_CODE_HINTS: Readonly<Record<number, string>> = {
  0: 'the process exits successfully, but a long-running workload must keep running',
  1: 'the application exited with an error; see its last log lines',
  2: 'the command was misused (bad arguments or shell syntax)',
  126: 'the command is not executable',
  127: 'the command was not found in the image',
  134: 'the process aborted (SIGABRT)',
  137: 'the process was killed (SIGKILL), often by a failing liveness probe',
  139: 'the process crashed with a segmentation fault',
  143: 'the process was asked to stop (SIGTERM), often by a failing liveness probe',
};

const LOG_LINES = 10;

/**
 * How programs say an environment variable is missing; the name must look like one (UPPER_SNAKE),
 * so a stray word is never taken for it.
 */
const MISSING_ENV: readonly RegExp[] = [
  /\benv(?:ironment)?(?: var(?:iable)?)?\s+["'`]?([A-Z][A-Z0-9_]*)["'`]?\s+(?:is\s+)?(?:not set|not defined|undefined|missing|required|empty)/,
  /\bmissing (?:required )?env(?:ironment)?(?: var(?:iable)?)?s?:?\s+["'`]?([A-Z][A-Z0-9_]*)\b/i,
  /\b["'`]?([A-Z][A-Z0-9]*_[A-Z0-9_]+|[A-Z]{3,})["'`]?\s+(?:is\s+)?(?:not set|must be set|is required|is missing|not defined|undefined)\b/,
  /\bKeyError: ["']([A-Z][A-Z0-9_]*)["']/,
];

/**
 * Containers in a crash loop (the same rule as health: waiting in CrashLoopBackOff, or between
 * back-offs), OOM kills left to detectOomKilled. Evidence: the exit, the termination message,
 * the command, the probe failures and the last log lines. A fix where the cause is recognisable:
 * a liveness probe on a port the container does not declare, or an environment variable the
 * program names as missing (connect the ConfigMap/Secret node that has it, else add it).
 */
export function detectCrashLoop({ node, graph, observed }: DiagnosticInput): Finding[] {
  const crashing = containerStatuses(observed.pods).filter((s) => crashLoop(s.pod, s.status) !== undefined && !oomKilled(s));
  const findings: Finding[] = [];
  for (const [container, statuses] of byContainer(crashing)) {
    const first = statuses[0] as ContainerStatus;
    const ended = field(first.status, 'state', 'terminated') ?? field(first.status, 'lastState', 'terminated');
    const exitCode = num(ended, 'exitCode');
    const reason = str(ended, 'reason');
    const restarts = Math.max(...statuses.map((s) => num(s.status, 'restartCount') ?? 0));
    const exit = exitCode === undefined ? 'unknown exit code' : `exit code ${exitCode}${reason ? ` (${reason})` : ''}`;
    const probeFailures = eventsAbout(observed.events, statuses.map((s) => s.pod)).filter((e) => /Liveness probe failed|failed liveness probe/.test(e.message));
    const hint = probeFailures.length > 0 ? 'its liveness probe fails, so the kubelet kills it' : exitCode === undefined ? undefined : EXIT_CODE_HINTS[exitCode];

    const texts: string[] = [];
    const evidence: Evidence[] = statuses.slice(0, 3).flatMap((s) => {
      const termination = str(s.status, 'lastState', 'terminated', 'message') ?? str(s.status, 'state', 'terminated', 'message');
      const logs = observed.logs?.[`${s.podName}/${container}`] ?? [];
      if (termination) texts.push(termination);
      texts.push(...logs.slice(-LOG_LINES));
      return [
        { kind: 'status' as const, text: `pod ${s.podName}: crash loop, ${exit}, ${num(s.status, 'restartCount') ?? 0} restarts` },
        ...(termination ? [{ kind: 'status' as const, text: `termination message: ${oneLine(termination)}` }] : []),
        ...(logs.length > 0 ? [{ kind: 'log' as const, text: logs.slice(-LOG_LINES).join('\n') }] : []),
      ];
    });
    const command = commandOf(first, container);
    if (command) evidence.push({ kind: 'status', text: `command: ${command}` });
    const seen = new Set<string>();
    for (const e of probeFailures) {
      if (seen.size === 2 || seen.has(e.message)) continue;
      seen.add(e.message);
      evidence.push({ kind: 'event', text: `${e.reason}: ${oneLine(e.message)}` });
    }

    const probe = liveness(node);
    const wrongPort = probe && !probe.declared ? probeFix(node, probe) : undefined;
    const missingEnv = wrongPort ? undefined : missingVariable(texts);
    const provided = missingEnv && providerOf(graph, node, missingEnv);
    const envFix = missingEnv && !provided ? envVariableFix(graph, node, missingEnv) : undefined;
    const why = wrongPort
      ? `; its liveness probe checks port ${String(probe?.port)}, which the container does not declare`
      : missingEnv
        ? provided
          ? `; it reports ${missingEnv} missing, which ${provided} provides: check its value`
          : `; it reports the environment variable ${missingEnv} missing`
        : hint
          ? `; ${hint}`
          : '';
    findings.push({
      id: `crash-loop:${container}`,
      type: 'crash-loop',
      severity: 'error',
      message: `Container "${container}" keeps crashing: ${exit}, ${restarts} restarts${why} (${podList(statuses.map((s) => s.podName))})`,
      evidence,
      ...withFix(wrongPort ?? envFix),
    });
  }
  return findings;
}

function oomKilled(s: ContainerStatus): boolean {
  return str(s.status, 'lastState', 'terminated', 'reason') === 'OOMKilled' || str(s.status, 'state', 'terminated', 'reason') === 'OOMKilled';
}

/** The container's command and args as the pod runs them (the image's entrypoint when neither is set). */
function commandOf(s: ContainerStatus, container: string): string | undefined {
  const spec = [...records(s.pod, 'spec', 'initContainers'), ...records(s.pod, 'spec', 'containers')].find((c) => c.name === container);
  const words = [...stringsAt(spec, 'command'), ...stringsAt(spec, 'args')];
  return words.length === 0 ? undefined : words.map((w) => (/\s/.test(w) ? JSON.stringify(w) : w)).join(' ');
}

function stringsAt(value: unknown, key: string): string[] {
  const list = field(value, key);
  return Array.isArray(list) ? list.filter((w): w is string => typeof w === 'string') : [];
}

function missingVariable(texts: readonly string[]): string | undefined {
  for (const text of texts) {
    for (const pattern of MISSING_ENV) {
      const name = pattern.exec(text)?.[1];
      if (name) return name;
    }
  }
  return undefined;
}

type Liveness = { handler: 'httpGet' | 'tcpSocket'; port: number | string; declared: boolean };

/** The design's liveness probe on a port, and whether the container declares that port. */
function liveness(node: WorkflowNode): Liveness | undefined {
  for (const handler of ['httpGet', 'tcpSocket'] as const) {
    const port = field(node.data, 'probes', 'liveness', handler, 'port');
    if (typeof port !== 'number' && typeof port !== 'string') continue;
    const declared = declaredPorts(node);
    return { handler, port, declared: typeof port === 'number' ? declared.numbers.includes(port) || declared.numbers.length === 0 : declared.names.includes(port) };
  }
  return undefined;
}

/** Points the liveness probe at the container's first port (by name when the probe used a name). */
function probeFix(node: WorkflowNode, probe: Liveness): Fix | undefined {
  const ports = Array.isArray(node.data.ports) ? node.data.ports.filter(isRecord) : [];
  const first = ports[0];
  const value = typeof probe.port === 'string' && typeof first?.name === 'string' ? first.name : num(first, 'containerPort') ?? (typeof node.data.port === 'number' ? node.data.port : undefined);
  if (value === undefined) return undefined;
  return {
    id: `set-liveness-port:${node.id}`,
    title: `Probe port ${String(value)} for liveness`,
    description: `The liveness probe checks port ${String(probe.port)}, which the container does not declare, so it fails and the kubelet restarts the container; this points it at ${String(value)}, the container's port.`,
    patch: { op: 'set', nodeId: node.id, set: [{ path: ['probes', 'liveness', probe.handler, 'port'], value }] },
  };
}

/** Which part of the design already sets the variable: an env entry, or a linked ConfigMap/Secret with that key. */
function providerOf(graph: WorkflowGraph, node: WorkflowNode, name: string): string | undefined {
  const env = Array.isArray(node.data.env) ? node.data.env : [];
  if (env.some((e) => field(e, 'name') === name)) return `its env entry ${name}`;
  const linked = [...linkList(node.data._linkedConfigMaps), ...linkList(node.data._linkedSecrets)];
  const source = graph.nodes.find((n) => linked.includes(n.id) && configKeys(n).includes(name));
  return source ? `${source.type === 'secret' ? 'Secret' : 'ConfigMap'} "${nodeName(source)}"` : undefined;
}

/**
 * A ConfigMap or Secret node of the namespace that has the key and is injected as environment
 * (no mountPath) gets connected; otherwise the variable is added with an empty value to fill in.
 */
function envVariableFix(graph: WorkflowGraph, node: WorkflowNode, name: string): Fix {
  const source = graph.nodes
    .filter((n) => (n.type === 'configmap' || n.type === 'secret') && nodeNamespace(n) === nodeNamespace(node) && n.data.mountPath === undefined && configKeys(n).includes(name))
    .sort((a, b) => compare(a.type, b.type) || compare(nodeName(a), nodeName(b)))[0];
  if (source) {
    const label = source.type === 'secret' ? 'Secret' : 'ConfigMap';
    return {
      id: `connect-env-source:${name}`,
      title: `Take ${name} from ${label} "${nodeName(source)}"`,
      description: `Connects ${label} "${nodeName(source)}", which has the key ${name}, to "${nodeName(node)}": its keys become environment variables.`,
      patch: { op: 'connect', edges: [newEdge(graph, source.id, node.id)] },
    };
  }
  const env = Array.isArray(node.data.env) ? node.data.env.length : 0;
  return {
    id: `add-env:${name}`,
    title: `Add the environment variable ${name}`,
    description: `Adds ${name} to the container's environment with an empty value; set the value it needs before running.`,
    patch: { op: 'set', nodeId: node.id, set: [{ path: ['env', env], value: { name, value: '' } }] },
  };
}

function linkList(value: unknown): string[] {
  return Array.isArray(value) ? value.flatMap((l) => (isRecord(l) && typeof l.nodeId === 'string' ? [l.nodeId] : [])) : [];
}

function configKeys(node: WorkflowNode): string[] {
  if (node.type === 'configmap') return isRecord(node.data.data) ? Object.keys(node.data.data) : [];
  return Array.isArray(node.data.entries) ? node.data.entries.flatMap((e) => (typeof field(e, 'key') === 'string' ? [String(field(e, 'key'))] : [])) : [];
}

