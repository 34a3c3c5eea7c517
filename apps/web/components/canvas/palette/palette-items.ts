import { kindRegistry, NODE_KINDS, type KindCategory, type NodeKind } from '@kubeorch/domain'

export type PaletteItem = { kind: NodeKind; label: string; description: string; category: KindCategory; search: string[] }

export const PALETTE_ITEMS: PaletteItem[] = NODE_KINDS.map((kind) => {
  const def = kindRegistry[kind]
  return {
    kind,
    label: def.label,
    description: def.description,
    category: def.category,
    search: [def.label, kind, ...def.shortNames, def.category, def.description],
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
