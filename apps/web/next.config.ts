import type { NextConfig } from 'next'

const config: NextConfig = {
  // Workspace packages export TypeScript source.
  transpilePackages: ['@kubeorch/domain'],
  output: 'standalone',
}
export default config
