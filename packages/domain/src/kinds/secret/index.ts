import { presentHealth } from '../../health/health-present.ts';
import { defineKind, type AppliedType, type DeployCheck } from '../kind-definition.ts';
import { WORKLOAD_KINDS } from '../node-kinds.ts';
import { mountLink } from '../shared/mount-link.ts';
import { dns1123Label } from '../shared/names.ts';
import { count, counted, lines, text } from '../shared/summary.ts';
import { renderSecret } from './render.ts';
import { secretDataSchema } from './schema.ts';

export const SECRET: AppliedType = { apiVersion: 'v1', kind: 'Secret', namespaced: true, applyRank: 20 };

/** Applying needs every key's value; previews (no values given) render placeholders instead. */
const checkValuesStored: DeployCheck = ({ node, index, secretValues }) => {
  if (secretValues === undefined) return [];
  const values = secretValues[node.id] ?? {};
  return (node.data.entries as { key: string }[]).flatMap((entry, i) =>
    values[entry.key] === undefined
      ? [{ nodeId: node.id, path: ['nodes', index, 'data', 'entries', i, 'value'], message: `has no stored value for key "${entry.key}"` }]
      : [],
  );
};

export const secretKind = defineKind({
  kind: 'secret',
  label: 'Secret',
  description: 'Sensitive values (passwords, keys, certificates), mounted into the workloads it connects to.',
  category: 'configuration',
  shortNames: [],
  summary: (d) =>
    lines(`${text(d.secretType)} · ${counted(count(d.entries), 'key')}`, text(d.mountPath) ? `mounted at ${text(d.mountPath)}` : 'as environment'),
  nameSchema: dns1123Label(),
  dataSchema: secretDataSchema,
  seed: {},
  connectsTo: WORKLOAD_KINDS,
  targets: 'many',
  link: mountLink('_linkedSecrets'),
  objects: [SECRET],
  observes: [],
  render: renderSecret,
  deployChecks: [checkValuesStored],
  health: presentHealth,
  detectors: [],
});
