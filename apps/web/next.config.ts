import type { NextConfig } from 'next'
import { STATIC_SECURITY_HEADERS } from './lib/security-headers'

const config: NextConfig = {
  // Workspace packages export TypeScript source.
  // (@kubeorch/testenv: only its failure images, offered in image fields on the sandbox.)
  transpilePackages: ['@kubeorch/domain', '@kubeorch/testenv'],
  output: 'standalone',
  poweredByHeader: false,
  // The Content-Security-Policy, which needs a nonce per answer, is set in proxy.ts.
  headers: async () => [{ source: '/:path*', headers: STATIC_SECURITY_HEADERS }],
}
export default config
