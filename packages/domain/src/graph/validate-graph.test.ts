import { describe, expect, it } from 'vitest';
import { makeEdge, makeGraph, makeNode } from '../testing/factories.ts';
import { sampleApp } from '../testing/sample-app.ts';
import type { GraphIssue } from './graph-issue.ts';
import { validateGraph } from './validate-graph.ts';
import type { WorkflowGraph } from './workflow-graph.ts';

function issuesOf(input: unknown): GraphIssue[] {
  const result = validateGraph(input);
  if (result.ok) throw new Error('expected the graph to be invalid');
  return result.issues;
}

function validGraph(input: unknown): WorkflowGraph {
  const result = validateGraph(input);
  if (!result.ok) throw new Error(`expected a valid graph, got ${JSON.stringify(result.issues, null, 2)}`);
  return result.graph;
}

const dep = (id: string, data: Record<string, unknown> = {}) => makeNode('deployment', id, { name: id, image: 'nginx', ...data });
const oneNode = (type: Parameters<typeof makeNode>[0], data: Record<string, unknown>) => makeGraph([makeNode(type, 'n1', data)]);

describe('validateGraph: shape', () => {
  it('accepts the sample app', () => {
    expect(validateGraph(sampleApp()).ok).toBe(true);
  });

  it.each([
    [null, [], 'must be an object with nodes and edges'],
    [[], [], 'must be an object with nodes and edges'],
    [{ edges: [] }, ['nodes'], 'is required'],
    [{ nodes: {}, edges: [] }, ['nodes'], 'must be an array'],
  ])('refuses %j', (input, path, message) => {
    expect(issuesOf(input)).toEqual([{ path, message }]);
  });

  it('refuses more than 2000 nodes', () => {
    const nodes = Array.from({ length: 2001 }, (_, i) => dep(`d${i}`));
    expect(issuesOf({ nodes, edges: [] })).toEqual([{ path: ['nodes'], message: 'must have at most 2000 nodes' }]);
  });

  it('names the structural field of a bad node', () => {
    const issues = issuesOf({
      nodes: [{ id: 'a', type: 'pod', position: { x: 0, y: 0 }, data: {} }, { id: '', type: 'job', position: { x: Number.NaN, y: 1 }, data: [] }],
      edges: [{ id: 'e', source: 'a' }, { id: 'f', source: 'a', target: 7 }],
    });
    expect(issues).toEqual([
      { nodeId: 'a', path: ['nodes', 0, 'type'], message: expect.stringMatching(/^must be one of: deployment, statefulset, .*networkpolicy$/) },
      { nodeId: '', path: ['nodes', 1, 'id'], message: 'must not be empty' },
      { nodeId: '', path: ['nodes', 1, 'position', 'x'], message: 'must be a finite number' },
      { nodeId: '', path: ['nodes', 1, 'data'], message: 'must be an object' },
      { edgeId: 'e', path: ['edges', 0, 'target'], message: 'is required' },
      { edgeId: 'f', path: ['edges', 1, 'target'], message: 'must be a string of 1 to 100 characters' },
    ]);
  });
});

describe('validateGraph: normalization', () => {
  it('drops view state, applies defaults, and never trusts client link or status fields', () => {
    const graph = validGraph({
      nodes: [
        { ...makeNode('service', 's', { name: 'web', _linkedDeployment: { nodeId: 'evil', name: 'evil' }, _status: 'healthy' }), selected: true, measured: { width: 10 }, dragging: false },
        { ...dep('d', { port: 8080 }), width: 100, height: 40 },
      ],
      edges: [{ ...makeEdge('e', 's', 'd'), animated: true, style: { stroke: 'red' } }],
    });
    expect(graph.nodes[0]).toEqual({
      id: 's',
      type: 'service',
      position: { x: 0, y: 0 },
      data: {
        name: 'web',
        namespace: 'default',
        serviceType: 'ClusterIP',
        port: 80,
        sessionAffinity: 'None',
        protocol: 'TCP',
        _linkedDeployment: {
          nodeId: 'd',
          name: 'd',
          kind: 'deployment',
          selector: { 'app.kubernetes.io/name': 'd', 'kubeorch.io/node': 'd' },
          targetPort: 8080,
        },
      },
    });
    expect(graph.nodes[1]?.data).toEqual({
      name: 'd',
      namespace: 'default',
      image: 'nginx',
      replicas: 1,
      ports: [{ containerPort: 8080, protocol: 'TCP' }],
      env: [],
    });
    expect(graph.edges).toEqual([{ id: 'e', source: 's', target: 'd' }]);
  });

  it('drops a forged ingress path backend when no edge sets it', () => {
    const graph = validGraph(makeGraph([makeNode('ingress', 'i', { name: 'i', paths: [{ id: 'p', path: '/', _linkedService: { nodeId: 'x', name: 'evil', port: 1 } }] })]));
    expect(graph.nodes[0]?.data.paths).toEqual([{ id: 'p', path: '/', pathType: 'Prefix' }]);
  });

  it('is stable: validating a normalized graph returns it unchanged', () => {
    const once = validGraph(sampleApp());
    expect(validGraph(once)).toEqual(once);
  });
});

describe('validateGraph: node data', () => {
  it.each([
    ['deployment', { name: 'web', image: 'nginx', replicas: -1 }, ['replicas'], 'must be an integer ≥ 0'],
    ['deployment', { name: 'web', image: 'nginx', replicas: 1.5 }, ['replicas'], 'must be an integer ≥ 0'],
    ['deployment', { name: 'web', image: 'nginx', replicas: '3' }, ['replicas'], 'must be an integer ≥ 0'],
    ['deployment', { name: 'web' }, ['image'], 'is required'],
    ['deployment', { name: 'web', image: 42 }, ['image'], 'must be a container image reference, e.g. "nginx:1.27"'],
    ['deployment', { name: 'web', image: 'nginx latest' }, ['image'], 'must not contain whitespace'],
    ['deployment', { image: 'nginx' }, ['name'], 'is required'],
    ['deployment', { name: 'Web', image: 'nginx' }, ['name'], expect.stringContaining('must be a DNS-1123 label')],
    ['deployment', { name: 'web', namespace: 'Prod', image: 'nginx' }, ['namespace'], expect.stringContaining('must be a DNS-1123 label')],
    ['deployment', { name: 'web', image: 'nginx', replica: 2 }, ['replica'], 'is not a known field'],
    ['deployment', { name: 'web', image: 'nginx', ports: [{ containerPort: 70000 }] }, ['ports', 0, 'containerPort'], 'must be an integer between 1 and 65535'],
    ['deployment', { name: 'web', image: 'nginx', ports: [{ containerPort: 80, protocol: 'HTTP' }] }, ['ports', 0, 'protocol'], 'must be one of: TCP, UDP, SCTP'],
    ['deployment', { name: 'web', image: 'nginx', port: 80, ports: [{ containerPort: 81 }] }, ['port'], 'use either port or ports, not both'],
    ['deployment', { name: 'web', image: 'nginx', ports: [{ containerPort: 80 }, { containerPort: 80 }] }, ['ports', 1, 'containerPort'], 'duplicates another port with the same protocol'],
    ['deployment', { name: 'web', image: 'nginx', env: [{ name: 'A', value: 1 }] }, ['env', 0, 'value'], 'must be a string'],
    ['deployment', { name: 'web', image: 'nginx', env: [{ name: 'A' }, { name: 'A' }] }, ['env', 1, 'name'], 'duplicates another environment variable'],
    ['deployment', { name: 'web', image: 'nginx', resources: { limits: { memory: '1GB' } } }, ['resources', 'limits', 'memory'], 'must be a Kubernetes quantity such as "256Mi"'],
    ['deployment', { name: 'web', image: 'nginx', resources: { requests: { cpu: '2' }, limits: { cpu: '500m' } } }, ['resources', 'requests', 'cpu'], 'must be ≤ limits.cpu (500m)'],
    ['deployment', { name: 'web', image: 'nginx', probes: { readiness: { httpGet: { path: '/', port: 80 }, exec: { command: ['true'] } } } }, ['probes', 'readiness'], 'must have exactly one of httpGet, tcpSocket or exec, got httpGet and exec'],
    ['deployment', { name: 'web', image: 'nginx', probes: { liveness: { tcpSocket: { port: 'HTTP!' } } } }, ['probes', 'liveness', 'tcpSocket', 'port'], expect.stringContaining('must be a port name')],
    ['deployment', { name: 'web', image: 'nginx', probes: { liveness: { tcpSocket: { port: true } } } }, ['probes', 'liveness', 'tcpSocket', 'port'], 'must be a port number (1-65535) or a port name'],
    ['deployment', { name: 'web', image: 'nginx', probes: { liveness: { tcpSocket: { port: 80 }, successThreshold: 2 } } }, ['probes', 'liveness', 'successThreshold'], 'must be 1 for a liveness probe'],
    ['statefulset', { name: 'db', image: 'redis', volumeClaimTemplates: [{ name: 'data', storage: '0', mountPath: '/data' }] }, ['volumeClaimTemplates', 0, 'storage'], 'must be greater than 0'],
    ['statefulset', { name: '1db', image: 'redis' }, ['name'], 'must start with a letter, since the headless Service is named after it (or set serviceName)'],
    ['daemonset', { name: 'agent', image: 'x', tolerations: [{ operator: 'Exists', value: 'x' }] }, ['tolerations', 0, 'value'], 'must be empty when operator is Exists'],
    ['daemonset', { name: 'agent', image: 'x', nodeSelector: { 'bad key!': 'x' } }, ['nodeSelector', 'bad key!'], expect.stringContaining('must be a label key')],
    ['job', { name: 'migrate', image: 'x', restartPolicy: 'Always' }, ['restartPolicy'], 'must be one of: Never, OnFailure'],
    ['cronjob', { name: 'backup', image: 'x', schedule: '* * *' }, ['schedule'], 'must have 5 fields (minute hour day-of-month month day-of-week), got 3'],
    ['cronjob', { name: 'backup', image: 'x' }, ['schedule'], 'is required'],
    ['cronjob', { name: 'a'.repeat(53), image: 'x', schedule: '@daily' }, ['name'], expect.stringContaining('at most 52 characters')],
    ['service', { name: '9web' }, ['name'], expect.stringContaining('must be a DNS-1035 label')],
    ['service', { name: 'web', nodePort: 30080 }, ['nodePort'], 'is only allowed when serviceType is NodePort or LoadBalancer'],
    ['service', { name: 'web', serviceType: 'NodePort', nodePort: 80 }, ['nodePort'], 'must be an integer between 30000 and 32767'],
    ['ingress', { name: 'web', paths: [{ id: 'a', path: 'api' }] }, ['paths', 0, 'path'], 'must be a path starting with "/", without spaces'],
    ['ingress', { name: 'web', paths: [{ id: 'a', path: '/' }, { id: 'a', path: '/x' }] }, ['paths', 1, 'id'], 'duplicates another path id'],
    ['ingress', { name: 'web', host: '10.0.0.1' }, ['host'], expect.stringContaining('not an IP address')],
    ['configmap', { name: 'cfg', data: { 'bad key': 'x' } }, ['data', 'bad key'], 'must be a key of letters, digits, "-", "_" and ".", at most 253 characters'],
    ['configmap', { name: 'cfg', mountPath: 'etc/cfg' }, ['mountPath'], 'must be an absolute path (starting with "/") without ":"'],
    ['secret', { name: 'tls', secretType: 'kubernetes.io/tls', entries: [{ key: 'tls.crt' }] }, ['entries'], 'must include the key "tls.key" for type kubernetes.io/tls'],
    ['secret', { name: 's', entries: [{ key: 'a' }, { key: 'a' }] }, ['entries', 1, 'key'], 'duplicates another key'],
    ['persistentvolumeclaim', { name: 'data', accessModes: [] }, ['accessModes'], 'must have at least one access mode'],
    ['persistentvolumeclaim', { name: 'data', volumeMode: 'Raw' }, ['volumeMode'], 'must be one of: Filesystem, Block'],
    ['hpa', { name: 'web', minReplicas: 5, maxReplicas: 2 }, ['maxReplicas'], 'must be ≥ minReplicas (5)'],
    ['hpa', { name: 'web', minReplicas: 0 }, ['minReplicas'], 'must be an integer ≥ 1'],
    ['networkpolicy', { name: 'np', ingress: [{ ports: [{ port: 80 }] }] }, ['ingress', 0, 'from'], expect.stringContaining('would allow traffic from everywhere')],
    ['networkpolicy', { name: 'np', policyTypes: ['Egress'], egress: [{ to: [] }] }, ['egress', 0, 'to'], expect.stringContaining('would allow traffic to everywhere')],
    ['networkpolicy', { name: 'np', ingress: [{ from: [{}] }] }, ['ingress', 0, 'from', 0], 'must set podSelector, namespaceSelector or ipBlock'],
    ['networkpolicy', { name: 'np', ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['11.0.0.0/16'] } }] }] }, ['ingress', 0, 'from', 0, 'ipBlock', 'except', 0], 'must be a strict subset of 10.0.0.0/8'],
    ['networkpolicy', { name: 'np', policyTypes: ['Egress'], ingress: [{ allPeers: true }] }, ['ingress'], 'has rules but policyTypes does not include Ingress'],
  ] as const)('%s %j → %j', (type, data, path, message) => {
    expect(issuesOf(oneNode(type, data))).toContainEqual({ nodeId: 'n1', path: ['nodes', 0, 'data', ...path], message });
  });

  it('never lets a "__proto__" key through a map', () => {
    const graph = validGraph(oneNode('configmap', { name: 'cfg', data: JSON.parse('{"__proto__": {"polluted": "x"}, "a": "b"}') }));
    const data = graph.nodes[0]?.data.data as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(['a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts an explicit allow-all rule', () => {
    expect(validateGraph(oneNode('networkpolicy', { name: 'np', ingress: [{ allPeers: true, ports: [{ port: 80 }] }] })).ok).toBe(true);
  });

  it('reports every bad node, not just the first', () => {
    const issues = issuesOf(makeGraph([dep('a', { replicas: -1 }), dep('b', { image: '' })]));
    expect(issues.map((i) => i.nodeId)).toEqual(['a', 'b']);
  });
});

describe('validateGraph: ids and edges', () => {
  const svc = (id: string, data: Record<string, unknown> = {}) => makeNode('service', id, { name: id, ...data });

  it('refuses duplicate node and edge ids', () => {
    const issues = issuesOf(makeGraph([dep('a'), makeNode('job', 'a', { name: 'j', image: 'x' }), svc('s')], [makeEdge('e', 's', 'a'), makeEdge('e', 's', 'a')]));
    expect(issues).toContainEqual({ nodeId: 'a', path: ['nodes', 1, 'id'], message: 'duplicates the id of nodes[0]' });
    expect(issues).toContainEqual({ edgeId: 'e', path: ['edges', 1, 'id'], message: 'duplicates the id of edges[0]' });
  });

  it('refuses edges to unknown nodes and self-loops', () => {
    const issues = issuesOf(makeGraph([dep('a')], [makeEdge('e1', 'a', 'ghost'), makeEdge('e2', 'a', 'a')]));
    expect(issues).toEqual([
      { edgeId: 'e1', path: ['edges', 0, 'target'], message: 'refers to no node (id "ghost")' },
      { edgeId: 'e2', path: ['edges', 1, 'target'], message: 'must differ from source: a node cannot connect to itself' },
    ]);
  });

  it('refuses a disallowed pair, naming both kinds', () => {
    const issues = issuesOf(makeGraph([dep('a'), makeNode('configmap', 'c', { name: 'c' }), svc('s')], [makeEdge('e', 's', 'c')]));
    expect(issues).toEqual([
      { edgeId: 'e', path: ['edges', 0], message: 'service cannot connect to configmap: a service may connect to: deployment, statefulset, daemonset' },
    ]);
  });

  it('refuses duplicate edges and a second target for a service', () => {
    const issues = issuesOf(makeGraph([dep('a'), dep('b'), svc('s')], [makeEdge('e1', 's', 'a'), makeEdge('e2', 's', 'a'), makeEdge('e3', 's', 'b')]));
    expect(issues).toEqual([
      { edgeId: 'e2', path: ['edges', 1], message: 'duplicates edges[0]' },
      { edgeId: 'e3', path: ['edges', 2], message: 'service "s" may connect to only one node; edges[0] already connects it to deployment "a"' },
    ]);
  });

  it('refuses a workload scaled by two hpas', () => {
    const hpa = (id: string) => makeNode('hpa', id, { name: id });
    const issues = issuesOf(makeGraph([dep('a'), hpa('h1'), hpa('h2')], [makeEdge('e1', 'h1', 'a'), makeEdge('e2', 'h2', 'a')]));
    expect(issues).toEqual([
      { edgeId: 'e2', path: ['edges', 1], message: 'deployment "a" is already scaled by hpa "h1" (edges[0]); two autoscalers would fight' },
    ]);
  });

  it('refuses links across namespaces', () => {
    const issues = issuesOf(makeGraph([dep('a', { namespace: 'prod' }), svc('s')], [makeEdge('e', 's', 'a')]));
    expect(issues).toEqual([
      { edgeId: 'e', path: ['edges', 0], message: 'connects service "s" in namespace "default" to deployment "a" in namespace "prod"; linked objects must share a namespace' },
    ]);
  });

  it('routes ingress paths by sourceHandle, one service per path', () => {
    const ingress = makeNode('ingress', 'i', { name: 'web', paths: [{ id: 'p1', path: '/' }, { id: 'p2', path: '/api' }] });
    const nodes = [dep('a'), dep('b'), svc('s1'), svc('s2'), ingress];
    expect(validateGraph(makeGraph(nodes, [makeEdge('e1', 'i', 's1', 'p1'), makeEdge('e2', 'i', 's2', 'p2')])).ok).toBe(true);
    expect(issuesOf(makeGraph(nodes, [makeEdge('e1', 'i', 's1'), makeEdge('e2', 'i', 's2', 'p1'), makeEdge('e3', 'i', 's2', 'nope')]))).toEqual([
      { edgeId: 'e2', path: ['edges', 1], message: 'this path of ingress "web" may connect to only one node; edges[0] already connects it to service "s1"' },
      { edgeId: 'e3', path: ['edges', 2, 'sourceHandle'], message: 'names no path of ingress "web" (no path has the id "nope")' },
    ]);
  });

  it('reports a cycle even among edges refused for their kinds', () => {
    const issues = issuesOf(makeGraph([dep('a'), svc('s')], [makeEdge('e1', 's', 'a'), makeEdge('e2', 'a', 's')]));
    expect(issues).toContainEqual({ edgeId: 'e1', path: ['edges', 0], message: 'closes a cycle: a → s → a' });
  });
});

describe('validateGraph: objects and mounts', () => {
  it('refuses two nodes that would write the same object', () => {
    const issues = issuesOf(makeGraph([dep('a', { name: 'web' }), dep('b', { name: 'web' }), dep('c', { name: 'web', namespace: 'other' }), makeNode('service', 's', { name: 'web' })]));
    expect(issues).toEqual([
      { nodeId: 'b', path: ['nodes', 1, 'data', 'name'], message: 'Deployment "web" in namespace "default" is already defined by deployment "web" (nodes[0])' },
    ]);
  });

  it('counts a StatefulSet’s headless Service', () => {
    const issues = issuesOf(makeGraph([makeNode('statefulset', 'db', { name: 'db', image: 'redis' }), makeNode('service', 's', { name: 'db-headless' })]));
    expect(issues).toEqual([
      { nodeId: 's', path: ['nodes', 1, 'data', 'name'], message: 'Service "db-headless" in namespace "default" is already defined by the Service "db-headless" of statefulset "db" (nodes[0])' },
    ]);
  });

  it('refuses two volumes at one mount path in a workload', () => {
    const issues = issuesOf(
      makeGraph(
        [
          makeNode('statefulset', 'db', { name: 'db', image: 'redis', volumeClaimTemplates: [{ name: 'data', storage: '1Gi', mountPath: '/data' }] }),
          makeNode('persistentvolumeclaim', 'p', { name: 'extra', mountPath: '/data' }),
          makeNode('configmap', 'c1', { name: 'c1', mountPath: '/etc/app' }),
          makeNode('secret', 's1', { name: 's1', mountPath: '/etc/app' }),
        ],
        [makeEdge('e1', 'p', 'db'), makeEdge('e2', 'c1', 'db'), makeEdge('e3', 's1', 'db')],
      ),
    );
    expect(issues).toEqual([
      { edgeId: 'e1', path: ['edges', 0], message: 'mounts persistentvolumeclaim "extra" at /data in statefulset "db", where its volume claim template "data" is already mounted' },
      { edgeId: 'e3', path: ['edges', 2], message: 'mounts secret "s1" at /etc/app in statefulset "db", where configmap "c1" is already mounted' },
    ]);
  });
});
