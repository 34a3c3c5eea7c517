import type { WorkflowGraph } from '@kubeorch/domain'
import type { Sealer } from './seal.ts'

/** Secret node values by node id, then key. Never stored in a graph, only sealed beside it. */
export type SecretValues = Record<string, Record<string, string>>

type Entry = { key: string; value?: string }

/**
 * Takes the write-only values out of secret nodes' entries. Values sent now replace stored ones;
 * entries sent without a value keep the stored one; keys and nodes that are gone lose theirs.
 */
export function separateSecretValues(
  graph: WorkflowGraph,
  stored: SecretValues,
): { graph: WorkflowGraph; values: SecretValues } {
  const values: SecretValues = {}
  const nodes = graph.nodes.map((node) => {
    if (node.type !== 'secret') return node
    const entries = (node.data as { entries?: Entry[] }).entries ?? []
    const kept: Record<string, string> = {}
    const stripped = entries.map(({ value, ...entry }) => {
      const v = value ?? stored[node.id]?.[entry.key]
      if (v !== undefined) kept[entry.key] = v
      return entry
    })
    if (Object.keys(kept).length) values[node.id] = kept
    return { ...node, data: { ...node.data, entries: stripped } }
  })
  return { graph: { ...graph, nodes }, values }
}

export function sealSecretValues(sealer: Sealer, values: SecretValues): Uint8Array<ArrayBuffer> | null {
  return Object.keys(values).length ? new Uint8Array(sealer.seal(JSON.stringify(values))) : null
}

export function openSecretValues(sealer: Sealer, sealed: Uint8Array | null | undefined): SecretValues {
  return sealed ? (JSON.parse(sealer.open(sealed).toString('utf8')) as SecretValues) : {}
}
