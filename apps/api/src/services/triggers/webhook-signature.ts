import { createHmac, timingSafeEqual } from 'node:crypto'

export const SIGNATURE_HEADER = 'x-kubeorch-signature'
export const TIMESTAMP_HEADER = 'x-kubeorch-timestamp'

/**
 * `sha256=` + hex HMAC-SHA256 over `<timestamp>.<raw body>` with the trigger's secret; the
 * timestamp (Unix seconds) is signed too, so an old delivery cannot be re-sent with a new one.
 */
export function signWebhook(secret: string, timestamp: number | string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

export function signatureMatches(secret: string, timestamp: string, body: string, given: string): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body))
  const actual = Buffer.from(given.trim())
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}
