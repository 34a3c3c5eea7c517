import { detectServiceSelector } from '../../diagnostics/service-selector.ts';
import { detectServiceTargetPort } from '../../diagnostics/service-target-port.ts';
import { serviceHealth } from '../../health/health-service.ts';
import { firstContainerPort, nodeName } from '../../links/node-fields.ts';
import { defineKind, type AppliedType } from '../kind-definition.ts';
import { ENDPOINT_SLICE, POD } from '../shared/kube-types.ts';
import { podSelectorLabels } from '../shared/labels.ts';
import { dns1035Label } from '../shared/names.ts';
import { lines, text } from '../shared/summary.ts';
import { renderService } from './render.ts';
import { serviceDataSchema } from './schema.ts';

export const SERVICE: AppliedType = { apiVersion: 'v1', kind: 'Service', namespaced: true, applyRank: 50 };

export const serviceKind = defineKind({
  kind: 'service',
  label: 'Service',
  description: 'A stable address that load-balances traffic to one workload’s pods.',
  category: 'networking',
  shortNames: ['svc'],
  summary: (d) => lines(`${text(d.serviceType)} · port ${text(d.port)}${d.targetPort !== undefined ? ` → ${text(d.targetPort)}` : ''}`),
  nameSchema: dns1035Label(),
  dataSchema: serviceDataSchema,
  seed: {},
  connectsTo: ['deployment', 'statefulset', 'daemonset'],
  targets: 'one',
  link(source, target) {
    if (source.data._linkedDeployment !== undefined) return;
    const name = nodeName(target);
    const targetPort = firstContainerPort(target);
    source.data._linkedDeployment = {
      nodeId: target.id,
      name,
      kind: target.type,
      selector: podSelectorLabels(target.id, name),
      ...(targetPort === undefined ? {} : { targetPort }),
    };
  },
  objects: [SERVICE],
  // The pods it should select (its linked workload's) and the endpoints it got.
  observes: [POD, ENDPOINT_SLICE],
  render: renderService,
  deployChecks: [],
  health: serviceHealth,
  detectors: [detectServiceSelector, detectServiceTargetPort],
});
