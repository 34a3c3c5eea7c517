'use client'

import '@xterm/xterm/css/xterm.css'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useClient, useQuery } from 'urql'
import { useApiUrl } from '../../../lib/api-url-context'
import { CREATE_TERMINAL_TICKET } from '../../../lib/graphql/auth-operations'
import { NODE_PODS } from '../../../lib/graphql/operations'
import { unwrap, type ApiResult } from '../../../lib/graphql/result'
import type { NodePod } from '../../../lib/graphql/types'
import { terminalUrl } from '../../../lib/terminal-url'

type PodChoice = Pick<NodePod, 'name' | 'phase'> & { containers: { name: string; ready: boolean }[] }

type Phase = { state: 'idle' } | { state: 'connecting' } | { state: 'ready'; pod: string; container: string; shell: string } | { state: 'closed'; message: string; failed: boolean }

/**
 * A shell in one of the node's containers (SPEC §10): xterm.js over the API's terminal WebSocket
 * (JSON messages: stdin / resize out; ready / stdout / exit / error in). Without a pod, the API
 * picks the node's first running one. Leaving the panel closes the socket, which ends the exec.
 */
export function TerminalPanel({ workflowId, nodeId }: { workflowId: string; nodeId: string }) {
  const apiUrl = useApiUrl()
  const client = useClient()
  const host = useRef<HTMLDivElement>(null)
  const [target, setTarget] = useState<{ pod: string; container: string } | null>(null)
  const [phase, setPhase] = useState<Phase>({ state: 'idle' })
  const [pod, setPod] = useState('')
  const [container, setContainer] = useState('')
  const ids = useId()
  // The node's pods, as the logs panel offers them: a list to choose from, not a name to type.
  const [{ data }, refetchPods] = useQuery<{ nodeResources: ApiResult<{ pods: PodChoice[] }> }>({
    query: NODE_PODS,
    variables: { workflowId, nodeId },
    requestPolicy: 'network-only',
  })
  const podsResult = data ? unwrap(data.nodeResources) : null
  const pods = podsResult?.ok ? podsResult.data.pods : []
  const containers = pods.find((p) => p.name === pod)?.containers ?? []

  useEffect(() => {
    if (!target || !host.current) return
    let disposed = false
    let cleanup = () => {}
    setPhase({ state: 'connecting' })
    // A single-use ticket for this node opens the socket (no token in its URL).
    const ticket = client
      .mutation<{ createTerminalTicket: ApiResult<{ ticket: string }> }>(CREATE_TERMINAL_TICKET, { workflowId, nodeId }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((r) => unwrap(r.data?.createTerminalTicket, r.error))
    // xterm touches the DOM when loaded: load it in the browser only.
    void Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit'), ticket]).then(([{ Terminal }, { FitAddon }, minted]) => {
      if (disposed || !host.current) return
      if (!minted.ok) return setPhase({ state: 'closed', message: minted.error.message, failed: true })
      const term = new Terminal({ fontSize: 13, cursorBlink: true, convertEol: false, theme: { background: '#0f172a' } })
      const fit = new FitAddon()
      term.loadAddon(fit)
      term.open(host.current)
      fit.fit()
      const ws = new WebSocket(terminalUrl(apiUrl, { workflowId, nodeId, ticket: minted.data.ticket, ...target, cols: term.cols, rows: term.rows }))
      const send = (m: object) => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify(m))
      ws.onmessage = (e) => {
        const m = JSON.parse(String(e.data)) as { type: string; data?: string; message?: string; pod?: string; container?: string; shell?: string }
        if (m.type === 'stdout' && m.data) term.write(m.data)
        if (m.type === 'ready') {
          setPhase({ state: 'ready', pod: m.pod!, container: m.container!, shell: m.shell! })
          term.focus()
        }
        if (m.type === 'exit' || m.type === 'error') {
          term.write(`\r\n\x1b[31m${m.message}\x1b[0m\r\n`)
          setPhase({ state: 'closed', message: m.message ?? 'closed', failed: m.type === 'error' })
        }
      }
      ws.onclose = (e) => setPhase((p) => (p.state === 'closed' ? p : { state: 'closed', message: e.reason || 'the connection closed', failed: e.code !== 1000 }))
      const input = term.onData((data) => send({ type: 'stdin', data }))
      const resized = term.onResize(({ cols, rows }) => send({ type: 'resize', cols, rows }))
      const observer = new ResizeObserver(() => fit.fit())
      observer.observe(host.current)
      cleanup = () => {
        observer.disconnect()
        input.dispose()
        resized.dispose()
        // Closed on purpose: its close event must not overwrite the state that caused it.
        ws.onclose = null
        ws.onmessage = null
        ws.close()
        term.dispose()
      }
    })
    return () => {
      disposed = true
      cleanup()
    }
  }, [target, apiUrl, workflowId, nodeId, client])

  function onConnect(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    setTarget({ pod, container })
  }

  const live = phase.state === 'connecting' || phase.state === 'ready'
  return (
    <section className="monitor-panel" aria-label="Terminal">
      <form className="row monitor-controls" onSubmit={onConnect}>
        <span className="inline-field">
          <label htmlFor={`${ids}-pod`}>Pod</label>
          <select id={`${ids}-pod`} value={pod} disabled={live} onChange={(e) => (setPod(e.target.value), setContainer(''))} onFocus={() => refetchPods({ requestPolicy: 'network-only' })}>
            <option value="">{pods.length ? 'First running pod' : podsResult ? 'No pods yet' : 'Loading pods…'}</option>
            {pods.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name} ({p.phase})
              </option>
            ))}
          </select>
        </span>
        <span className="inline-field">
          <label htmlFor={`${ids}-container`}>Container</label>
          <select id={`${ids}-container`} value={container} disabled={live || !pod} onChange={(e) => setContainer(e.target.value)}>
            <option value="">First container</option>
            {containers.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </span>
        {live ? (
          // Keys: React must not turn this button into the submit one while its click is handled.
          <button key="disconnect" type="button" className="btn btn-sm" onClick={() => (setTarget(null), setPhase({ state: 'closed', message: 'disconnected', failed: false }))}>
            Disconnect
          </button>
        ) : (
          <button key="connect" type="submit" className="btn btn-sm btn-primary">
            {phase.state === 'closed' ? 'Reconnect' : 'Connect'}
          </button>
        )}
        <span className="spacer" />
        <span className={`small${phase.state === 'closed' && phase.failed ? ' text-danger' : ' muted'}`} role="status">
          {phase.state === 'idle' && 'Not connected'}
          {phase.state === 'connecting' && 'Connecting…'}
          {phase.state === 'ready' && `${phase.shell} in ${phase.pod}/${phase.container}`}
          {phase.state === 'closed' && phase.message}
        </span>
      </form>
      <div className="terminal-host" ref={host} aria-label="Terminal screen" />
    </section>
  )
}
