import type { NodeResourceEvent } from '../../lib/graphql/types'

/** Events about the node's objects, replica sets and pods, newest first. */
export function EventsTable({ events }: { events: NodeResourceEvent[] }) {
  return (
    <table className="list" aria-label="Events">
      <thead>
        <tr>
          <th scope="col">Type</th>
          <th scope="col">Reason</th>
          <th scope="col">Object</th>
          <th scope="col">Message</th>
          <th scope="col">Last seen</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e, i) => (
          <tr key={i} className={e.type === 'Warning' ? 'is-warning-row' : undefined}>
            <td>{e.type === 'Warning' ? <span className="severity is-warning">Warning</span> : <span className="muted">{e.type}</span>}</td>
            <td>{e.reason}</td>
            <td>
              <code className="small">{e.object}</code>
            </td>
            <td className="small">
              {e.message}
              {e.count > 1 && <span className="muted"> (×{e.count})</span>}
            </td>
            <td className="small muted">{e.lastSeen ? new Date(e.lastSeen).toLocaleTimeString() : '—'}</td>
          </tr>
        ))}
        {events.length === 0 && (
          <tr>
            <td colSpan={5} className="empty">
              No events (the cluster keeps them for about an hour).
            </td>
          </tr>
        )}
      </tbody>
    </table>
  )
}
