import { describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '../graph/workflow-graph.ts';
import { assertDiagnosis, graphWith, REGCRED, type Expected } from './testdata/fixtures.ts';

const plain = graphWith();
const withRegcred = graphWith({}, [REGCRED]);
const alreadyUsing = graphWith({ 'dep-1': (d) => ({ ...d, imagePullSecrets: ['regcred'] }) }, [REGCRED]);

// graph, fixtures of the deployment's pods and events, expected findings.
const cases: [string, WorkflowGraph, string[], Expected[]][] = [
  ['tag not found (waiting message)', plain, ['pod-errimagepull'], [['image-pull.not-found', 'error', /^Container "web" cannot pull its image: "nginx:1\.999" does not exist/]]],
  ['tag not found (only in the event)', withRegcred, ['pod-imagepullbackoff', 'event-imagepull-tag-not-found'], [['image-pull.not-found', 'error', /"nope:1" does not exist/]]],
  ['invalid name: no fix', plain, ['pod-invalidimagename'], [['image-pull.invalid-name', 'error', /"Nginx:Latest" is not a valid image reference/]]],
  ['registry unreachable', withRegcred, ['pod-imagepull-unreachable'], [['image-pull.registry-unreachable', 'error', /registry of "registry\.internal:5000\/acme\/shop:1\.4\.2" could not be reached/]]],
  ['unauthorized, no pull secret node: no fix', plain, ['pod-imagepull-unauthorized'], [['image-pull.unauthorized', 'error', /refused to serve "ghcr\.io\/acme\/shop:1\.4\.2"/]]],
  ['unauthorized, a pull secret node exists: fix', withRegcred, ['pod-imagepull-unauthorized'], [['image-pull.unauthorized', 'error', /without valid credentials/, 'add-image-pull-secret:web']]],
  ['unauthorized, the namespace has a registry Secret: fix', plain, ['pod-imagepull-unauthorized', 'secret-registry-in-cluster', 'secret'], [['image-pull.unauthorized', 'error', /without valid credentials/, 'add-image-pull-secret:web']]],
  ['unauthorized, secret already used: no fix', alreadyUsing, ['pod-imagepull-unauthorized'], [['image-pull.unauthorized', 'error', /without valid credentials/]]],
  ['Docker Hub "does not exist or may require authorization"', withRegcred, ['pod-imagepullbackoff', 'event-imagepull-not-found'], [['image-pull.unauthorized', 'error', /or the repository does not exist/, 'add-image-pull-secret:web']]],
  ['back-off with no cause known', plain, ['pod-imagepullbackoff'], [['image-pull.failed', 'error', /"nope:1" could not be pulled/]]],
  ['healthy pod', plain, ['pod-running'], []],
];

describe('detectImagePull', () => {
  it.each(cases)('%s', (_, graph, fixtures, expected) => {
    assertDiagnosis(graph, 'dep-1', fixtures, expected);
  });

  it('adds the pull secret to the workload and keeps the event as evidence', () => {
    const [finding] = assertDiagnosis(withRegcred, 'dep-1', ['pod-imagepullbackoff', 'event-imagepull-not-found'], [['image-pull.unauthorized', 'error', /./, 'add-image-pull-secret:web']]);
    expect(finding?.fix?.patch).toEqual({ op: 'set', nodeId: 'dep-1', set: [{ path: ['imagePullSecrets'], value: ['regcred'] }] });
    expect(finding?.evidence).toEqual([
      { kind: 'status', text: 'pod web-7f6d5c4b3-kxq2z: ImagePullBackOff: Back-off pulling image "nope:1"' },
      { kind: 'event', text: expect.stringMatching(/^Failed: Failed to pull image "nope:1": .*may require authorization$/) },
    ]);
  });

  it('points out a listed pull secret the cluster does not have (when Secrets were observed)', () => {
    const [finding] = assertDiagnosis(alreadyUsing, 'dep-1', ['pod-imagepull-unauthorized', 'secret'], [['image-pull.unauthorized', 'error', /./]]);
    expect(finding?.evidence.at(-1)).toEqual({ kind: 'status', text: 'imagePullSecrets names "regcred", which does not exist in namespace shop' });
  });

  it('pulls with a registry Secret the namespace already has when no node of the workflow is one', () => {
    const [finding] = assertDiagnosis(plain, 'dep-1', ['pod-imagepull-unauthorized', 'secret-registry-in-cluster', 'secret'], [['image-pull.unauthorized', 'error', /./, 'add-image-pull-secret:web']]);
    expect(finding?.fix?.patch).toEqual({ op: 'set', nodeId: 'dep-1', set: [{ path: ['imagePullSecrets'], value: ['ghcr-pull'] }] });
    expect(finding?.fix?.description).toMatch(/namespace shop already has/);
  });
});
