import {
  DomainError,
  memoizedManifestText,
  renderManifests,
  type ManifestText,
  type RenderedManifest,
  type WorkflowGraph,
} from '@kubeorch/domain'
import type { Db } from '@kubeorch/db'

/** A version's graph and its rendered objects, or why they cannot be rendered. */
export type VersionRendering = {
  graph: WorkflowGraph
  manifests: { ok: true; objects: RenderedManifest[] } | { ok: false; error: string }
}

export type VersionRenderings = {
  /** The rendering of the version row `versionId` (the caller has checked access to it). */
  get(db: Db, versionId: string): Promise<VersionRendering>
  /** Texts (JSON, YAML) of rendered objects, remembered while their renderings are kept. */
  text: ManifestText
}

/**
 * Renderings of versions, kept in memory. A version's graph never changes once stored (only its
 * name, tag and description can), and rendering is pure, so a version is read and rendered once
 * and then compared against any other at the cost of the comparison alone. Bounded by the total
 * node count kept (least recently used first out), so large designs cannot grow it without limit.
 */
export function createVersionRenderings(maxNodes = 20_000): VersionRenderings {
  const kept = new Map<string, { nodes: number; rendering: VersionRendering }>()
  let total = 0

  const evict = () => {
    for (const [id, entry] of kept) {
      if (total <= maxNodes || kept.size === 1) break
      kept.delete(id)
      total -= entry.nodes
    }
  }

  return {
    text: memoizedManifestText(),
    async get(db, versionId) {
      const hit = kept.get(versionId)
      if (hit) {
        kept.delete(versionId) // re-inserted: Map order is recency
        kept.set(versionId, hit)
        return hit.rendering
      }
      // Read as JSON text and parsed here: Prisma decodes a Json field value by value, which for a
      // 1,000-node graph cost several times JSON.parse.
      const [row] = await db.$queryRaw<{ workflowId: string; nodes: string; edges: string }[]>`
        SELECT "workflowId"::text AS "workflowId", "nodes"::text AS "nodes", "edges"::text AS "edges"
          FROM "WorkflowVersion" WHERE "id" = ${versionId}::uuid`
      if (!row) throw new Error(`version row ${versionId} not found`)
      const graph = { nodes: JSON.parse(row.nodes), edges: JSON.parse(row.edges) } as WorkflowGraph
      const entry = { nodes: graph.nodes.length, rendering: render(graph, row.workflowId) }
      if (!kept.has(versionId)) {
        kept.set(versionId, entry)
        total += entry.nodes
        evict()
      }
      return entry.rendering
    },
  }
}

/**
 * Secret values are not part of a version's graph (they are sealed beside it), so a rendering
 * never holds one. A version saved mid-design (an ingress path without a service, say) cannot be
 * rendered: that is kept as its error, and must not hide the design diff.
 */
function render(graph: WorkflowGraph, workflowId: string): VersionRendering {
  try {
    return { graph, manifests: { ok: true, objects: renderManifests(graph, { workflowId }) } }
  } catch (e) {
    if (e instanceof DomainError) return { graph, manifests: { ok: false, error: `manifests cannot be rendered: ${e.message}` } }
    throw e
  }
}
