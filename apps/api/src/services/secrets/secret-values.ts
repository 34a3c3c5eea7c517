import { extractSecretValues, type SecretValues, type WorkflowGraph } from '@kubeorch/domain'
import type { Sealer } from './seal.ts'

/**
 * Takes the write-only values out of secret nodes (the domain's extractSecretValues) and merges
 * them with the stored ones: values sent now replace stored ones; entries sent without a value
 * keep the stored one; keys and nodes that are gone lose theirs.
 */
export function separateSecretValues(graph: WorkflowGraph, stored: SecretValues): { graph: WorkflowGraph; values: SecretValues } {
  const { graph: stripped, values: sent } = extractSecretValues(graph)
  const values: SecretValues = {}
  for (const node of stripped.nodes) {
    if (node.type !== 'secret') continue
    const kept: Record<string, string> = {}
    for (const { key } of (node.data as { entries?: { key: string }[] }).entries ?? []) {
      const value = sent[node.id]?.[key] ?? stored[node.id]?.[key]
      if (value !== undefined) kept[key] = value
    }
    if (Object.keys(kept).length) values[node.id] = kept
  }
  return { graph: stripped, values }
}

export function sealSecretValues(sealer: Sealer, values: SecretValues): Uint8Array<ArrayBuffer> | null {
  return Object.keys(values).length ? new Uint8Array(sealer.seal(JSON.stringify(values))) : null
}

export function openSecretValues(sealer: Sealer, sealed: Uint8Array | null | undefined): SecretValues {
  return sealed ? (JSON.parse(sealer.open(sealed).toString('utf8')) as SecretValues) : {}
}
