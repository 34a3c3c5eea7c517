import { NextResponse, type NextRequest } from 'next/server'
import { serverApiUrl } from './lib/api-url'
import { contentSecurityPolicy } from './lib/security-headers'

/**
 * A fresh nonce and Content-Security-Policy per page (Next reads the nonce from the request's CSP
 * header and puts it on its scripts; pages render per request, see app/layout.tsx).
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64')
  // The host the browser asked for (nextUrl names the server's own listen address instead).
  const pageHostname = new URL(`http://${request.headers.get('host') ?? request.nextUrl.host}`).hostname
  const csp = contentSecurityPolicy({ nonce, apiUrl: serverApiUrl(), pageHostname, dev: process.env.NODE_ENV === 'development' })
  const headers = new Headers(request.headers)
  headers.set('x-nonce', nonce)
  headers.set('content-security-policy', csp)
  const response = NextResponse.next({ request: { headers } })
  response.headers.set('content-security-policy', csp)
  return response
}

export const config = {
  // Pages only: static files carry no scripts to allow, prefetches reuse the page's policy.
  matcher: [
    {
      source: '/((?!_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
}
