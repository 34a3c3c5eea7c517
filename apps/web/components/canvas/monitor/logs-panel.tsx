'use client'

import { useEffect, useId, useRef, useState } from 'react'
import { useClient } from 'urql'
import { NODE_LOGS } from '../../../lib/graphql/operations'
import { cleanMessage } from '../../../lib/graphql/result'
import type { NodeLogLine } from '../../../lib/graphql/types'

const LIMIT = 2000
const ALL = ''

/**
 * A node's logs (SPEC §10) over the `nodeLogs` subscription: every pod merged (each line prefixed
 * with its pod/container), or one pod and container. Pods and containers to choose from are the
 * ones seen in the stream. Follow keeps the stream open and the view at the bottom.
 */
export function LogsPanel({ workflowId, nodeId }: { workflowId: string; nodeId: string }) {
  const client = useClient()
  const [pod, setPod] = useState(ALL)
  const [container, setContainer] = useState(ALL)
  const [follow, setFollow] = useState(true)
  const [previous, setPrevious] = useState(false)
  const [tailLines, setTailLines] = useState(200)
  const [lines, setLines] = useState<NodeLogLine[]>([])
  const [seen, setSeen] = useState<Record<string, string[]>>({})
  const [state, setState] = useState<'streaming' | 'ended' | 'error'>('streaming')
  const [error, setError] = useState<string | null>(null)
  const view = useRef<HTMLPreElement>(null)
  const ids = useId()

  useEffect(() => {
    setLines([])
    setError(null)
    setState('streaming')
    const vars = { workflowId, nodeId, pod: pod || null, container: container || null, follow, tailLines, previous }
    const { unsubscribe } = client.subscription<{ nodeLogs: NodeLogLine }>(NODE_LOGS, vars).subscribe((result) => {
      if (result.error) {
        setError(cleanMessage(result.error.message))
        setState('error')
        return
      }
      const line = result.data?.nodeLogs
      if (!line) return
      setLines((l) => [...l.slice(-LIMIT + 1), line])
      setSeen((s) => (s[line.pod]?.includes(line.container) ? s : { ...s, [line.pod]: [...(s[line.pod] ?? []), line.container] }))
    })
    // urql does not report completion to this sink; a non-following stream ends by itself.
    const settled = follow ? undefined : setTimeout(() => setState((s) => (s === 'streaming' ? 'ended' : s)), 3000)
    return () => {
      clearTimeout(settled)
      unsubscribe()
    }
  }, [client, workflowId, nodeId, pod, container, follow, tailLines, previous])

  useEffect(() => {
    const el = view.current
    if (el && follow) el.scrollTop = el.scrollHeight
  }, [lines, follow])

  const pods = Object.keys(seen).sort()
  const containers = pod ? (seen[pod] ?? []) : [...new Set(Object.values(seen).flat())]

  return (
    <section className="monitor-panel" aria-label="Node logs">
      <div className="row monitor-controls">
        <span className="inline-field">
          <label htmlFor={`${ids}-pod`}>Pod</label>
          <select id={`${ids}-pod`} value={pod} onChange={(e) => (setPod(e.target.value), setContainer(ALL))}>
            <option value={ALL}>All pods</option>
            {pods.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </span>
        <span className="inline-field">
          <label htmlFor={`${ids}-container`}>Container</label>
          <select id={`${ids}-container`} value={container} onChange={(e) => setContainer(e.target.value)} disabled={!pod}>
            <option value={ALL}>{pod ? 'First container' : 'Each pod’s first'}</option>
            {containers.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </span>
        <span className="inline-field">
          <label htmlFor={`${ids}-tail`}>Last</label>
          <select id={`${ids}-tail`} value={tailLines} onChange={(e) => setTailLines(Number(e.target.value))}>
            {[50, 200, 1000, 5000].map((n) => (
              <option key={n} value={n}>
                {n} lines
              </option>
            ))}
          </select>
        </span>
        <label className="checkbox">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={previous} onChange={(e) => setPrevious(e.target.checked)} /> Previous container
        </label>
        <span className="spacer" />
        <span className="muted small" role="status">
          {state === 'error' ? 'stopped' : state === 'ended' ? `${lines.length} lines` : follow ? `following · ${lines.length} lines` : 'loading…'}
        </span>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <pre className="log-view" ref={view} role="log" aria-label="Log lines" tabIndex={0}>
        {lines.length === 0 && !error ? <span className="muted">No log lines yet.</span> : lines.map((l) => (pod ? l.line : l.text)).join('\n')}
      </pre>
    </section>
  )
}
