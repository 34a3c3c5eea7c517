import { presentHealth } from '../../health/health-present.ts';
import { defineKind, type AppliedType } from '../kind-definition.ts';
import { WORKLOAD_KINDS } from '../node-kinds.ts';
import { mountLink } from '../shared/mount-link.ts';
import { dns1123Label } from '../shared/names.ts';
import { count, counted, lines, text } from '../shared/summary.ts';
import { renderConfigmap } from './render.ts';
import { configmapDataSchema } from './schema.ts';

export const CONFIG_MAP: AppliedType = { apiVersion: 'v1', kind: 'ConfigMap', namespaced: true, applyRank: 30 };

export const configmapKind = defineKind({
  kind: 'configmap',
  label: 'ConfigMap',
  description: 'Configuration files or variables, mounted into the workloads it connects to.',
  category: 'configuration',
  shortNames: ['cm'],
  summary: (d) => lines(counted(count(d.data), 'key'), text(d.mountPath) ? `mounted at ${text(d.mountPath)}` : 'as environment'),
  nameSchema: dns1123Label(),
  dataSchema: configmapDataSchema,
  seed: {},
  connectsTo: WORKLOAD_KINDS,
  targets: 'many',
  link: mountLink('_linkedConfigMaps'),
  objects: [CONFIG_MAP],
  observes: [],
  render: renderConfigmap,
  deployChecks: [],
  health: presentHealth,
  detectors: [],
});
