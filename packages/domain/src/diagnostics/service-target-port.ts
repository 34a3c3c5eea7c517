import { records, num, str } from '../health/object-fields.ts';
import { firstContainerPort } from '../links/node-fields.ts';
import type { DiagnosticInput } from './diagnostic-input.ts';
import { withFix, type Finding } from './finding.ts';
import { declaredPorts, linkedNodeId, nodeById } from './node-data.ts';

/**
 * The Service's targetPort must be a port the workload's container declares (a number or a port
 * name). Read from the design, which the fix changes; ports the running pods declare count too.
 */
export function detectServiceTargetPort({ node, graph, observed }: DiagnosticInput): Finding[] {
  const workload = nodeById(graph, linkedNodeId(node.data, '_linkedDeployment'));
  if (!workload) return [];
  const link = node.data._linkedDeployment;
  const linkedPort = num(link, 'targetPort');
  const target = (node.data.targetPort as number | string | undefined) ?? linkedPort ?? num(node.data, 'port') ?? 80;

  const declared = declaredPorts(workload);
  const podPorts = (observed.pods ?? []).flatMap((pod) => records(pod, 'spec', 'containers').flatMap((c) => records(c, 'ports')));
  const numbers = new Set([...declared.numbers, ...podPorts.map((p) => num(p, 'containerPort')).filter((n) => n !== undefined)]);
  const names = new Set([...declared.names, ...podPorts.map((p) => str(p, 'name')).filter((n) => n !== undefined)]);
  // A container that declares no ports may still listen anywhere: nothing to compare against.
  if (numbers.size === 0) return [];
  if (typeof target === 'number' ? numbers.has(target) : names.has(target)) return [];

  const first = firstContainerPort(workload);
  const workloadName = String(workload.data.name);
  const exposed = [...numbers].sort((a, b) => a - b).join(', ');
  return [
    {
      id: `service.target-port-mismatch:${node.id}`,
      type: 'service.target-port-mismatch',
      severity: 'error',
      message: `targetPort ${target} is not a port of "${workloadName}" (it exposes ${exposed}), so connections are refused`,
      evidence: [{ kind: 'status', text: `service targetPort: ${target}; ${workloadName} container ports: ${exposed}` }],
      ...withFix(
        first === undefined
          ? undefined
          : {
              id: `set-target-port:${node.id}`,
              title: `Send traffic to port ${first}`,
              description: `Sets the service's targetPort to ${first}, the first container port of "${workloadName}".`,
              patch: { op: 'set', nodeId: node.id, set: [{ path: ['targetPort'], value: first }] },
            },
      ),
    },
  ];
}
