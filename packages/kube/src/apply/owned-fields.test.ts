import { describe, expect, it } from 'vitest'
import { projectOwned } from './owned-fields.ts'

describe('projectOwned', () => {
  const object = {
    metadata: { name: 'web', labels: { a: '1', b: '2' }, annotations: { 'deployment.kubernetes.io/revision': '3' } },
    spec: {
      replicas: 2,
      template: { spec: { containers: [{ name: 'app', image: 'nginx:1', ports: [{ containerPort: 80, protocol: 'TCP' }] }, { name: 'side', image: 'x' }] } },
      finalizers: ['a', 'b'],
    },
    status: { replicas: 2 },
  }

  it('keeps only owned fields, following f:, k:, v: and i: keys', () => {
    const fields = {
      'f:metadata': { 'f:labels': { 'f:a': {} } },
      'f:spec': {
        'f:replicas': {},
        'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"app"}': { '.': {}, 'f:image': {}, 'f:ports': { 'i:0': {} } } } } },
        'f:finalizers': { 'v:"b"': {} },
      },
    }
    expect(projectOwned(object, fields)).toEqual({
      metadata: { labels: { a: '1' } },
      spec: {
        finalizers: [['v:"b"', 'b']],
        replicas: 2,
        template: { spec: { containers: [['k:{"name":"app"}', { image: 'nginx:1', ports: [['i:0', { containerPort: 80, protocol: 'TCP' }]] }]] } },
      },
    })
  })

  it('marks owned fields that are gone as undefined, so removal is a change', () => {
    expect(projectOwned({ spec: {} }, { 'f:spec': { 'f:replicas': {} } })).toEqual({ spec: { replicas: undefined } })
  })

  it('returns the whole value for a leaf or a missing set', () => {
    expect(projectOwned(object.spec, {})).toBe(object.spec)
    expect(projectOwned(object, undefined)).toBe(object)
  })
})
