import { detectHpaTarget } from '../../diagnostics/hpa-target.ts';
import { hpaHealth } from '../../health/health-hpa.ts';
import { nodeName } from '../../links/node-fields.ts';
import { defineKind, type AppliedType } from '../kind-definition.ts';
import { dns1123Label } from '../shared/names.ts';
import { lines, text } from '../shared/summary.ts';
import { renderHpa } from './render.ts';
import { hpaDataSchema } from './schema.ts';

export const HORIZONTAL_POD_AUTOSCALER: AppliedType = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', namespaced: true, applyRank: 80 };

export const hpaKind = defineKind({
  kind: 'hpa',
  label: 'HorizontalPodAutoscaler',
  description: 'Scales one Deployment or StatefulSet between a minimum and maximum replica count.',
  category: 'scaling',
  shortNames: ['autoscaler'],
  summary: (d) =>
    lines(
      `${text(d.minReplicas)}–${text(d.maxReplicas)} replicas`,
      d.targetCPUUtilizationPercentage !== undefined && `CPU ${text(d.targetCPUUtilizationPercentage)}%`,
    ),
  nameSchema: dns1123Label(),
  dataSchema: hpaDataSchema,
  seed: { targetCPUUtilizationPercentage: 80 },
  connectsTo: ['deployment', 'statefulset'],
  targets: 'one',
  exclusive: { verb: 'is already scaled by', why: 'two autoscalers would fight' },
  link(source, target) {
    if (source.data._linkedDeployment !== undefined) return;
    source.data._linkedDeployment = { nodeId: target.id, name: nodeName(target), kind: target.type };
    if (target.data._linkedHPA === undefined) target.data._linkedHPA = { nodeId: source.id, name: nodeName(source) };
  },
  objects: [HORIZONTAL_POD_AUTOSCALER],
  observes: [],
  render: renderHpa,
  deployChecks: [
    ({ node, index }) =>
      node.data._linkedDeployment
        ? []
        : [{ nodeId: node.id, path: ['nodes', index], message: `hpa "${String(node.data.name)}" must be connected to a deployment or statefulset to scale` }],
  ],
  health: hpaHealth,
  detectors: [detectHpaTarget],
});
