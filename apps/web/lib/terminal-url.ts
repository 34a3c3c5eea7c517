/**
 * The terminal WebSocket of a node (apps/api terminal-server). Browsers cannot set headers on a
 * WebSocket, and a session token in a URL ends up in logs: the socket is opened with a single-use
 * ticket (createTerminalTicket, valid 30 s) instead.
 */
export function terminalUrl(apiUrl: string, o: { workflowId: string; nodeId: string; ticket: string; pod?: string; container?: string; cols: number; rows: number }): string {
  const url = new URL(`${apiUrl.replace(/^http/, 'ws')}/v1/api/workflows/${encodeURIComponent(o.workflowId)}/nodes/${encodeURIComponent(o.nodeId)}/terminal`)
  if (o.pod) url.searchParams.set('pod', o.pod)
  if (o.container) url.searchParams.set('container', o.container)
  url.searchParams.set('cols', String(o.cols))
  url.searchParams.set('rows', String(o.rows))
  url.searchParams.set('ticket', o.ticket)
  return url.toString()
}
