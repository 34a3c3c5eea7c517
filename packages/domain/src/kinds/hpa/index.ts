import { defineKind } from '../kind-definition.ts';
import { dns1123Label } from '../shared/names.ts';
import { renderHpa } from './render.ts';
import { hpaDataSchema } from './schema.ts';

export const hpaKind = defineKind({
  kind: 'hpa',
  label: 'HorizontalPodAutoscaler',
  description: 'Scales one Deployment or StatefulSet between a minimum and maximum replica count.',
  category: 'scaling',
  k8s: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' },
  nameSchema: dns1123Label(),
  dataSchema: hpaDataSchema,
  defaults: { namespace: 'default', minReplicas: 1, maxReplicas: 3, targetCPUUtilizationPercentage: 80 },
  connectsTo: ['deployment', 'statefulset'],
  maxTargets: 1,
  render: renderHpa,
});
