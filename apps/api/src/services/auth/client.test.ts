import { describe, expect, it } from 'vitest'
import { clientOf, throttledAddress } from './client.ts'

const req = (headers: Record<string, string>, url = 'http://api.test/graphql') => new Request(url, { headers })

describe('clientOf', () => {
  it('takes the TCP peer and ignores X-Forwarded-* unless proxies are trusted', () => {
    const c = clientOf(req({ 'x-forwarded-for': '6.6.6.6', 'x-forwarded-proto': 'https', 'user-agent': 'curl/8', origin: 'http://web' }), '10.0.0.5', 0)
    expect(c).toEqual({ address: '10.0.0.5', userAgent: 'curl/8', origin: 'http://web', secure: false })
  })

  it('with N trusted hops, the entry N from the right (what the nearest trusted proxy saw)', () => {
    const headers = { 'x-forwarded-for': '6.6.6.6, 198.51.100.1, 10.0.0.2', 'x-forwarded-proto': 'http, https' }
    expect(clientOf(req(headers), '10.0.0.9', 1)).toMatchObject({ address: '10.0.0.2', secure: true })
    expect(clientOf(req(headers), '10.0.0.9', 2).address).toBe('198.51.100.1')
    expect(clientOf(req({ 'x-forwarded-for': '198.51.100.1' }), '10.0.0.9', 3).address).toBe('198.51.100.1')
    // Not an address: the peer's is used.
    expect(clientOf(req({ 'x-forwarded-for': 'evil, <script>' }), '10.0.0.9', 1).address).toBe('10.0.0.9')
  })

  it('unwraps IPv4-mapped IPv6; no socket is "unknown"; https URLs are secure', () => {
    expect(clientOf(req({}), '::ffff:192.0.2.4', 0).address).toBe('192.0.2.4')
    expect(clientOf(req({}, 'https://api.test/'), undefined, 0)).toMatchObject({ address: 'unknown', secure: true })
  })
})

describe('throttledAddress', () => {
  it('counts IPv6 by /64 and IPv4 as is', () => {
    expect(throttledAddress('192.0.2.4')).toBe('192.0.2.4')
    expect(throttledAddress('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64')
    expect(throttledAddress('2001:0DB8:0001:0002:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64')
    expect(throttledAddress('::1')).toBe('0:0:0:0::/64')
    expect(throttledAddress('fe80::1:2:3:4')).toBe('fe80:0:0:0::/64')
    expect(throttledAddress('unknown')).toBe('unknown')
  })
})
