import { KubeConfig } from '@kubernetes/client-node'
import { describe, expect, it } from 'vitest'
import { credentialsOf, redact } from './redact.ts'

describe('redact', () => {
  it('removes given secrets, bearer tokens and URL passwords', () => {
    const text = 'GET https://me:pw123456@host/api failed (Authorization: Bearer abc.def.ghi) with token s3cr3t-token'
    expect(redact(text, ['s3cr3t-token', undefined, 'ab'])).toBe('GET https://[redacted]@host/api failed (Authorization: Bearer [redacted]) with token [redacted]')
  })

  it('knows the current user’s credentials, raw and decoded', () => {
    const kc = new KubeConfig()
    kc.loadFromOptions({
      clusters: [{ name: 'c', server: 'https://h', skipTLSVerify: false }],
      users: [{ name: 'u', token: 'tok-123456789', keyData: Buffer.from('-----BEGIN KEY-----\nXYZ').toString('base64') }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    })
    const secrets = credentialsOf(kc)
    expect(secrets).toContain('tok-123456789')
    expect(secrets).toContain('-----BEGIN KEY-----\nXYZ')
    expect(redact('the key -----BEGIN KEY-----\nXYZ leaked', secrets)).toBe('the key [redacted] leaked')
  })
})
