import { describe, expect, it } from 'vitest'
import type { K8sObject } from '../types.ts'
import { relatedEvents, snapshotSignature } from './related-kinds.ts'

const obj = (name: string, extra: Record<string, unknown> = {}): K8sObject => ({ apiVersion: 'v1', kind: 'X', metadata: { name, namespace: 'ns', ...extra } })

describe('relatedEvents', () => {
  it('keeps the events about known objects, oldest first', () => {
    const objects = [obj('web', { uid: 'u1' }), obj('db', { uid: 'u2' })]
    const events = [
      { ...obj('e1'), involvedObject: { uid: 'u2' }, lastTimestamp: '2026-01-01T00:00:02Z' },
      { ...obj('e2'), involvedObject: { uid: 'other' }, lastTimestamp: '2026-01-01T00:00:00Z' },
      { ...obj('e3'), involvedObject: { uid: 'u1' }, lastTimestamp: '2026-01-01T00:00:01Z' },
    ]
    expect(relatedEvents(events, objects).map((e) => e.metadata.name)).toEqual(['e3', 'e1'])
  })
})

describe('snapshotSignature', () => {
  it('ignores order and changes with a resourceVersion', () => {
    const a = obj('a', { resourceVersion: '1' })
    const b = obj('b', { resourceVersion: '2' })
    expect(snapshotSignature([a, b])).toBe(snapshotSignature([b, a]))
    expect(snapshotSignature([a, b])).not.toBe(snapshotSignature([a, obj('b', { resourceVersion: '3' })]))
  })
})
