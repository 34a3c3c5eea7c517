import { kindRegistry, NODE_KINDS, type KindCategory, type NodeKind } from '@kubeorch/domain'

/** Short names people type for kinds (kubectl's). */
const ALIASES: Partial<Record<NodeKind, string[]>> = {
  deployment: ['deploy'],
  statefulset: ['sts'],
  daemonset: ['ds'],
  cronjob: ['cj'],
  service: ['svc'],
  ingress: ['ing'],
  configmap: ['cm'],
  persistentvolumeclaim: ['pvc', 'volume'],
  hpa: ['autoscaler'],
  networkpolicy: ['netpol'],
}

export type PaletteItem = { kind: NodeKind; label: string; description: string; category: KindCategory; search: string[] }

export const PALETTE_ITEMS: PaletteItem[] = NODE_KINDS.map((kind) => {
  const def = kindRegistry[kind]
  return {
    kind,
    label: def.label,
    description: def.description,
    category: def.category,
    search: [def.label, kind, ...(ALIASES[kind] ?? []), def.category, def.description],
  }
})

/** The drag data type: a palette drag carries only the kind. */
export const KIND_DRAG_TYPE = 'application/x-kubeorch-kind'

/**
 * "HorizontalPodAutoscaler" → ["Horizontal", "Pod", "Autoscaler"]: where a long kind name may wrap
 * in a narrow list (at word starts, never inside a word).
 */
export function labelParts(label: string): string[] {
  return label.split(/(?<=[a-z])(?=[A-Z])/)
}
