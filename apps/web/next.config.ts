import type { NextConfig } from 'next'

const config: NextConfig = {
  // Workspace packages export TypeScript source.
  // (@kubeorch/testenv: only its failure images, offered in image fields on the sandbox.)
  transpilePackages: ['@kubeorch/domain', '@kubeorch/testenv'],
  output: 'standalone',
}
export default config
