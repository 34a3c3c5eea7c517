import type { GraphDiff } from '../../lib/graphql/types'

const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v))

/** The differences as text: nodes and edges added, removed and modified, with field-level changes. */
export function ChangeList({ diff, nameOf }: { diff: GraphDiff; nameOf(id: string): string }) {
  const { nodes, edges } = diff
  const nothing = [nodes.added, nodes.removed, nodes.modified, edges.added, edges.removed, edges.modified].every((l) => l.length === 0)
  if (nothing) return <p className="muted">No differences in the design.</p>
  return (
    <div className="change-list">
      {nodes.added.map((n) => (
        <p key={`a-${n.id}`} className="change is-added">
          <strong>Added</strong> {n.type} “{n.name}”
        </p>
      ))}
      {nodes.removed.map((n) => (
        <p key={`r-${n.id}`} className="change is-removed">
          <strong>Removed</strong> {n.type} “{n.name}”
        </p>
      ))}
      {nodes.modified.map((n) => (
        <div key={`m-${n.id}`} className="change is-modified">
          <p>
            <strong>Modified</strong> {n.type} “{n.name}”
          </p>
          <table className="list changes-table">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {n.changes.map((c) => (
                <tr key={c.path}>
                  <td>
                    <code>{c.path}</code>
                  </td>
                  <td className="old">{show(c.old)}</td>
                  <td className="new">{show(c.new)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {edges.added.map((e) => (
        <p key={`ea-${e.id}`} className="change is-added">
          <strong>Added edge</strong> {nameOf(e.source ?? '')} → {nameOf(e.target ?? '')}
        </p>
      ))}
      {edges.removed.map((e) => (
        <p key={`er-${e.id}`} className="change is-removed">
          <strong>Removed edge</strong> {nameOf(e.source ?? '')} → {nameOf(e.target ?? '')}
        </p>
      ))}
      {edges.modified.map((e) => (
        <p key={`em-${e.id}`} className="change is-modified">
          <strong>Modified edge</strong> {e.id}: {e.changes.map((c) => `${c.path}: ${show(c.old)} → ${show(c.new)}`).join('; ')}
        </p>
      ))}
    </div>
  )
}

/** Marks for the two pictures: what is gone shows on the left, what is new on the right. */
export function diffMarks(diff: GraphDiff) {
  const before: Record<string, 'removed' | 'modified'> = {}
  const after: Record<string, 'added' | 'modified'> = {}
  const edgesBefore: Record<string, 'removed'> = {}
  const edgesAfter: Record<string, 'added' | 'modified'> = {}
  for (const n of diff.nodes.removed) before[n.id] = 'removed'
  for (const n of diff.nodes.added) after[n.id] = 'added'
  for (const n of diff.nodes.modified) before[n.id] = after[n.id] = 'modified'
  for (const e of diff.edges.removed) edgesBefore[e.id] = 'removed'
  for (const e of diff.edges.added) edgesAfter[e.id] = 'added'
  for (const e of diff.edges.modified) edgesAfter[e.id] = 'modified'
  return { before, after, edgesBefore, edgesAfter }
}
