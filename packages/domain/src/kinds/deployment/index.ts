import { defineKind } from '../kind-definition.ts';
import { defaultResources } from '../shared/resources.ts';
import { dns1123Label } from '../shared/names.ts';
import { renderDeployment } from './render.ts';
import { deploymentDataSchema } from './schema.ts';

export const deploymentKind = defineKind({
  kind: 'deployment',
  label: 'Deployment',
  description: 'Stateless pods kept at a replica count, updated by rolling out new versions.',
  category: 'workloads',
  k8s: { apiVersion: 'apps/v1', kind: 'Deployment' },
  nameSchema: dns1123Label(),
  dataSchema: deploymentDataSchema,
  defaults: { namespace: 'default', resources: defaultResources(), image: 'nginx:1.27', replicas: 1, ports: [{ containerPort: 80, protocol: 'TCP' }], env: [] },
  connectsTo: [],
  render: renderDeployment,
});
