import { describe, expect, it } from 'vitest'
import type { K8sObject } from '../types.ts'
import { applyAction } from './apply-action.ts'

const fields = { 'f:spec': { 'f:replicas': {} }, 'f:metadata': { 'f:labels': { 'f:app': {} } } }
function deployment(rv: string, replicas: number, extra: { status?: unknown; annotations?: Record<string, string>; managers?: unknown[] } = {}): K8sObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      labels: { app: 'web' },
      annotations: extra.annotations,
      resourceVersion: rv,
      managedFields: extra.managers ?? [{ manager: 'kubeorch', operation: 'Apply', fieldsV1: fields }],
    },
    spec: { replicas },
    status: extra.status,
  }
}

describe('applyAction', () => {
  it('created when there was nothing before', () => {
    expect(applyAction(undefined, deployment('5', 1), 'kubeorch')).toBe('created')
  })

  it('unchanged when the resourceVersion stayed', () => {
    expect(applyAction(deployment('5', 1), deployment('5', 1), 'kubeorch')).toBe('unchanged')
  })

  it('unchanged when only a controller wrote (status, annotations) between read and apply', () => {
    const after = deployment('9', 1, { status: { availableReplicas: 1 }, annotations: { 'deployment.kubernetes.io/revision': '1' } })
    expect(applyAction(deployment('5', 1), after, 'kubeorch')).toBe('unchanged')
  })

  it('configured when an owned value changed', () => {
    expect(applyAction(deployment('5', 1), deployment('6', 3), 'kubeorch')).toBe('configured')
  })

  it('configured when the manager took over fields (ownership changed)', () => {
    const before = deployment('5', 1, { managers: [{ manager: 'kubectl', operation: 'Update', fieldsV1: fields }] })
    expect(applyAction(before, deployment('6', 1), 'kubeorch')).toBe('configured')
  })

  it('a dry-run answer keeps the resourceVersion even when it would change things', () => {
    expect(applyAction(deployment('5', 1), deployment('5', 3), 'kubeorch', { dryRun: true })).toBe('configured')
    expect(applyAction(deployment('5', 1), deployment('5', 1), 'kubeorch', { dryRun: true })).toBe('unchanged')
  })
})
