import { mainObject } from '../health/node-health.ts';
import { field, isRecord, isTerminating } from '../health/object-fields.ts';
import { nodeName } from '../links/node-fields.ts';
import { likelyTarget, newEdge } from './design-changes.ts';
import type { DiagnosticInput } from './diagnostic-input.ts';
import { withFix, type Finding } from './finding.ts';
import { linkedNodeId, nodeById } from './node-data.ts';

export function detectServiceSelector({ node, graph, observed }: DiagnosticInput): Finding[] {
  const workload = nodeById(graph, linkedNodeId(node.data, '_linkedDeployment'));
  if (!workload) {
    // The workload it was meant for: the same name, a related name, the port it sends to, or the only one.
    const ports = [node.data.targetPort, node.data.port].filter((p): p is number | string => typeof p === 'number' || typeof p === 'string');
    const meant = likelyTarget(graph, node, ['deployment', 'statefulset', 'daemonset'], { name: nodeName(node), ports });
    return [
      {
        id: `service.not-connected:${node.id}`,
        type: 'service.not-connected',
        severity: 'warning',
        message: 'Not connected to a workload, so it has no selector and routes to no pods; connect it to a deployment, statefulset or daemonset',
        evidence: [],
        ...withFix(
          meant && {
            id: `connect-workload:${node.id}`,
            title: `Route to "${nodeName(meant)}"`,
            description: `Connects the service to the ${meant.type} "${nodeName(meant)}", so it selects that workload's pods (and sends to its first container port unless targetPort is set).`,
            patch: { op: 'connect', edges: [newEdge(graph, node.id, meant.id)] },
          },
        ),
      },
    ];
  }
  const service = mainObject('service', observed.main);
  const selector = field(service, 'spec', 'selector');
  if (!service || !isRecord(selector) || observed.pods === undefined) return [];
  if (observed.pods.some((pod) => !isTerminating(pod))) return [];
  const scaledToZero = workload.data.replicas === 0;
  const labels = Object.entries(selector).map(([k, v]) => `${k}=${String(v)}`).join(',');
  return [
    {
      id: `service.selects-nothing:${node.id}`,
      type: 'service.selects-nothing',
      severity: scaledToZero ? 'info' : 'error',
      message: scaledToZero
        ? `Selects no pods because "${String(workload.data.name)}" is scaled to 0`
        : `Its selector ${labels} matches no running pod; is "${String(workload.data.name)}" deployed and running?`,
      evidence: [{ kind: 'status', text: `selector: ${labels}; matching pods: 0` }],
    },
  ];
}
