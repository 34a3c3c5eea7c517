import { describe, expect, it } from 'vitest';
import { assertDiagnosis, graphWith, type Expected } from './testdata/fixtures.ts';

const graph = graphWith();

const cases: [string, string[], Expected[]][] = [
  ['configmap of the workflow not deployed', ['pod-createcontainerconfigerror'], [['config.configmap-missing', 'error', /^ConfigMap "web-config" does not exist in namespace shop; node "web-config" is in the workflow, so run the workflow/]]],
  ['secret volume that no node creates: fix adds the node', ['pod-running', 'event-failedmount-secret'], [['config.secret-missing', 'error', /^Secret "payments" does not exist in namespace shop; no node of this workflow creates it$/, 'add-secret:payments']]],
  ['key of a configmap no node creates: fix adds the node with the key', ['pod-missing-key-of-unknown-configmap'], [['config.key-missing', 'error', /^ConfigMap "flags" has no key "FEATURE_FLAGS"/, 'add-configmap:flags']]],
  ['configmap key missing: fix adds it', ['pod-missing-configmap-key'], [['config.key-missing', 'error', /^ConfigMap "web-config" has no key "LOG_FORMAT"/, 'add-config-key:configmap:web-config:LOG_FORMAT']]],
  ['configmap created since: info', ['pod-createcontainerconfigerror', 'configmap-web-config-live'], [['config.configmap-missing', 'info', /^ConfigMap "web-config" was missing when the pod started and exists now/]]],
  ['secret key missing: fix adds an entry', ['pod-missing-secret-key'], [['config.key-missing', 'error', /^Secret "web-secrets" has no key "REDIS_URL"/, 'add-config-key:secret:web-secrets:REDIS_URL']]],
];

describe('detectMissingConfig', () => {
  it.each(cases)('%s', (_, fixtures, expected) => {
    assertDiagnosis(graph, 'dep-1', fixtures, expected);
  });

  it('patches the ConfigMap or Secret node, not the workload', () => {
    const [cm] = assertDiagnosis(graph, 'dep-1', ['pod-missing-configmap-key'], [['config.key-missing', 'error', /./, 'add-config-key:configmap:web-config:LOG_FORMAT']]);
    expect(cm?.fix?.patch).toEqual({ op: 'set', nodeId: 'cm-1', set: [{ path: ['data', 'LOG_FORMAT'], value: '' }] });
    const [secret] = assertDiagnosis(graph, 'dep-1', ['pod-missing-secret-key'], [['config.key-missing', 'error', /./, 'add-config-key:secret:web-secrets:REDIS_URL']]);
    expect(secret?.fix?.patch).toEqual({ op: 'set', nodeId: 'sec-1', set: [{ path: ['entries', 1], value: { key: 'REDIS_URL' } }] });
  });

  it('adds a missing ConfigMap or Secret as a node connected to the workload', () => {
    const [secret] = assertDiagnosis(graph, 'dep-1', ['pod-running', 'event-failedmount-secret'], [['config.secret-missing', 'error', /./, 'add-secret:payments']]);
    expect(secret?.fix?.patch).toEqual({
      op: 'add-node',
      node: { id: 'secret-payments', type: 'secret', position: { x: 140, y: 120 }, data: { name: 'payments', namespace: 'shop', entries: [] } },
      edges: [{ id: 'fix-secret-payments-dep-1', source: 'secret-payments', target: 'dep-1' }],
    });
    const [cm] = assertDiagnosis(graph, 'dep-1', ['pod-missing-key-of-unknown-configmap'], [['config.key-missing', 'error', /./, 'add-configmap:flags']]);
    expect(cm?.fix?.patch).toMatchObject({ op: 'add-node', node: { type: 'configmap', data: { name: 'flags', namespace: 'shop', data: { FEATURE_FLAGS: '' } } } });
    expect(cm?.fix?.description).toMatch(/Set the value of "FEATURE_FLAGS" before running/);
  });
});
