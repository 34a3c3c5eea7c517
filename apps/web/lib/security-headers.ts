import { sameSiteApiUrl } from './api-url'

/**
 * Headers every page of the web app carries (next.config.ts): never framed (clickjacking), no MIME
 * sniffing, no referrer to other origins, no powerful features.
 */
export const STATIC_SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
]

/**
 * The Content-Security-Policy of one page answer (set in proxy.ts). Scripts: this origin's, and
 * inline ones only with this answer's nonce (Next puts it on its own inline scripts and bundles;
 * 'strict-dynamic' lets those load their chunks). Styles may be inline: React Flow and xterm
 * position elements with style attributes. Connections: this origin and the API (HTTP and
 * WebSocket), at the address the browser will use for it (see sameSiteApiUrl).
 */
export function contentSecurityPolicy(o: { nonce: string; apiUrl: string; pageHostname: string; dev: boolean }): string {
  const api = new URL(sameSiteApiUrl(o.apiUrl, { hostname: o.pageHostname }))
  const apiWs = `${api.protocol === 'https:' ? 'wss:' : 'ws:'}//${api.host}`
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${o.nonce}' 'strict-dynamic'${o.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${api.origin} ${apiWs}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}
