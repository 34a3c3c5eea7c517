import { describe, expect, it } from 'vitest'
import { KubeApiError, toFailure } from './api-error.ts'

describe('toFailure', () => {
  it('takes message, reason and the first field from a Status', () => {
    const err = new KubeApiError(422, {
      kind: 'Status',
      message: 'Service "zero" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      reason: 'Invalid',
      details: { causes: [{ reason: 'FieldValueInvalid', field: 'spec.ports[0].port' }, { field: 'spec.ports[0].targetPort' }] },
      code: 422,
    })
    expect(toFailure(err)).toEqual({ error: expect.stringContaining('must be between 1 and 65535'), reason: 'Invalid', field: 'spec.ports[0].port', code: 422 })
  })

  it('reads a client-node ApiException whose body is a JSON string', () => {
    const err = Object.assign(new Error('HTTP-Code: 403'), { code: 403, body: JSON.stringify({ message: 'secrets is forbidden', reason: 'Forbidden' }) })
    expect(toFailure(err)).toEqual({ error: 'secrets is forbidden', reason: 'Forbidden', code: 403 })
  })

  it('finds the field in a server-side apply schema error', () => {
    const err = new KubeApiError(400, { message: 'failed to create typed patch object (ns/web; apps/v1, Kind=Deployment): .spec.replcas: field not declared in schema', reason: 'BadRequest' })
    expect(toFailure(err).field).toBe('spec.replcas')
  })

  it('derives the reason from the code when the body has none', () => {
    expect(toFailure(new KubeApiError(404, undefined, '404 page not found'))).toEqual({ error: 'HTTP 404: 404 page not found', reason: 'NotFound', code: 404 })
  })

  it('unwraps undici transport errors, also when client-node prefixed them', () => {
    const refused = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') })
    expect(toFailure(refused)).toEqual({ error: 'connect ECONNREFUSED 127.0.0.1:9' })
    const prefixed = new TypeError('Failed to fetch resource metadata for v1/ConfigMap: fetch failed', { cause: new AggregateError([new Error('connect ETIMEDOUT')]) })
    expect(toFailure(prefixed)).toEqual({ error: 'Failed to fetch resource metadata for v1/ConfigMap: connect ETIMEDOUT' })
  })

  it('names timeouts and aborts, and survives non-errors', () => {
    expect(toFailure(new DOMException('x', 'TimeoutError')).error).toBe('request timed out')
    expect(toFailure('boom').error).toBe('boom')
    expect(toFailure(undefined).error).toBe('unknown error')
  })
})
