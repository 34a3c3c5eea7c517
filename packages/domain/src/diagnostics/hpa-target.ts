import type { WorkflowNode } from '../graph/workflow-graph.ts';
import { eventsAbout } from '../health/events.ts';
import { mainObject } from '../health/node-health.ts';
import { condition, oneLine } from '../health/object-fields.ts';
import type { DiagnosticInput } from './diagnostic-input.ts';
import { nodeName } from '../links/node-fields.ts';
import { missingRequests, requestFix } from '../design/scaling-requests.ts';
import { likelyTarget, newEdge } from './design-changes.ts';
import { withFix, type Evidence, type Finding } from './finding.ts';
import { linkedNodeId, nodeById } from './node-data.ts';

export { DEFAULT_REQUESTS } from '../design/scaling-requests.ts';

export function detectHpaTarget({ node, graph, observed }: DiagnosticInput): Finding[] {
  const hpa = mainObject('hpa', observed.main);
  const evidence: Evidence[] = [];
  for (const type of ['AbleToScale', 'ScalingActive'] as const) {
    const c = condition(hpa, type);
    if (c?.status === 'False') evidence.push({ kind: 'status', text: `${type}=False ${c.reason ?? ''}: ${oneLine(c.message ?? '')}` });
  }
  if (hpa) evidence.push(...eventsAbout(observed.events, [hpa]).filter((e) => e.type === 'Warning').slice(0, 2).map((e) => ({ kind: 'event' as const, text: `${e.reason}: ${oneLine(e.message)}` })));

  const target = nodeById(graph, linkedNodeId(node.data, '_linkedDeployment'));
  if (!target) {
    // A workload is scaled by at most one HPA: only those without one are candidates.
    const meant = likelyTarget(graph, node, ['deployment', 'statefulset'], { name: nodeName(node) }, (n) => n.data._linkedHPA !== undefined);
    return [
      {
        id: `hpa.target-missing:${node.id}`,
        type: 'hpa.target-missing',
        severity: 'error',
        message: 'Scales nothing: connect it to a deployment or statefulset',
        evidence,
        ...withFix(
          meant && {
            id: `connect-target:${node.id}`,
            title: `Scale "${nodeName(meant)}"`,
            description: `Connects the autoscaler to the ${meant.type} "${nodeName(meant)}"; its replica count is then left to the autoscaler.`,
            patch: { op: 'connect', edges: [newEdge(graph, node.id, meant.id)] },
          },
        ),
      },
    ];
  }
  const ableToScale = condition(hpa, 'AbleToScale');
  if (ableToScale?.status === 'False' && ableToScale.reason === 'FailedGetScale') {
    return [
      {
        id: `hpa.target-missing:${node.id}`,
        type: 'hpa.target-missing',
        severity: 'error',
        message: `Its target "${String(target.data.name)}" is not in the cluster; run the workflow to create it`,
        evidence,
      },
    ];
  }

  return missingRequests(node, target).map((resource) => ({
    id: `hpa.target-without-requests:${resource}`,
    type: 'hpa.target-without-requests',
    severity: 'error' as const,
    message: `Cannot compute ${resource} utilization: "${String(target.data.name)}" sets no ${resource} request`,
    evidence,
    fix: requestFix(target, resource),
  }));
}
