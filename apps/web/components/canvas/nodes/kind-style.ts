import type { KindCategory } from '@kubeorch/domain'

/** Colour per palette category, shared by the palette, cards and the minimap. */
export const CATEGORY_COLOR: Record<KindCategory, string> = {
  workloads: '#2f5bd3',
  networking: '#0e8a7e',
  configuration: '#8a5cd1',
  storage: '#b7791f',
  scaling: '#c2410c',
  security: '#be123c',
}

export const CATEGORY_LABEL: Record<KindCategory, string> = {
  workloads: 'Workloads',
  networking: 'Networking',
  configuration: 'Configuration',
  storage: 'Storage',
  scaling: 'Scaling',
  security: 'Security',
}

export const HEALTH_COLOR = { healthy: '#2e8540', partial: '#d69e2e', error: '#c0392b', unknown: '#8a94a3' } as const
