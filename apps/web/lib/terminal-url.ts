/**
 * The terminal WebSocket of a node (apps/api terminal-server): browsers cannot set headers on a
 * WebSocket, so the session token goes in `access_token`.
 */
export function terminalUrl(apiUrl: string, o: { workflowId: string; nodeId: string; token: string; pod?: string; container?: string; cols: number; rows: number }): string {
  const url = new URL(`${apiUrl.replace(/^http/, 'ws')}/v1/api/workflows/${encodeURIComponent(o.workflowId)}/nodes/${encodeURIComponent(o.nodeId)}/terminal`)
  if (o.pod) url.searchParams.set('pod', o.pod)
  if (o.container) url.searchParams.set('container', o.container)
  url.searchParams.set('cols', String(o.cols))
  url.searchParams.set('rows', String(o.rows))
  url.searchParams.set('access_token', o.token)
  return url.toString()
}
