import type { NodeContainer, NodePod } from '../../lib/graphql/types'

/** The node's pods and, per pod, each container: image, ready, restarts, state and its reason. */
export function PodsTable({ pods }: { pods: NodePod[] }) {
  return (
    <table className="list" aria-label="Pods">
      <thead>
        <tr>
          <th scope="col">Pod</th>
          <th scope="col">Phase</th>
          <th scope="col">Containers</th>
        </tr>
      </thead>
      <tbody>
        {pods.map((p) => (
          <tr key={p.name} data-testid="pod-row">
            <td>
              <code>{p.name}</code>
              <div className="muted small">{p.nodeName ? `on ${p.nodeName}` : 'not scheduled'}</div>
            </td>
            <td>{p.phase}</td>
            <td>
              <ul className="object-list">
                {p.containers.map((c) => (
                  <ContainerLine key={c.name} container={c} />
                ))}
              </ul>
            </td>
          </tr>
        ))}
        {pods.length === 0 && (
          <tr>
            <td colSpan={3} className="empty">
              No pods.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  )
}

function ContainerLine({ container: c }: { container: NodeContainer }) {
  const tone = c.ready ? 'is-created' : c.state === 'running' ? 'is-configured' : 'is-failed'
  return (
    <li data-testid={`container-${c.name}`}>
      <span className={`action-badge ${tone}`}>{c.ready ? 'ready' : 'not ready'}</span> <strong>{c.name}</strong> <code>{c.image}</code>
      <span className="muted small">
        {' '}
        · {c.state}
        {c.reason ? ` (${c.reason})` : ''} · {c.restartCount} restart{c.restartCount === 1 ? '' : 's'}
      </span>
      {c.message && <div className="small text-danger">{c.message}</div>}
    </li>
  )
}
