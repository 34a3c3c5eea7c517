import type { DesignPatch, Finding, Fix } from '@kubeorch/domain'
import { applyNodeFix, createTerminalTicket, diagnoseWorkflowNode, previewNodeFix, streamNodeLogs, type FixPreview, type LogLines } from '../services/index.ts'
import { workflowAnswer } from './workflow-answers.ts'
import type { Route } from './router.ts'

type Body = Record<string, unknown>
const obj = (b: unknown): Body => (b && typeof b === 'object' && !Array.isArray(b) ? (b as Body) : {})

// Top-level keys in snake_case; nodes and edges keep the shapes the save body uses.
const patchToRest = (p: DesignPatch) =>
  p.op === 'set' ? { op: p.op, node_id: p.nodeId, set: p.set } : p.op === 'add-node' ? { op: p.op, node: p.node, edges: p.edges } : { op: p.op, edges: p.edges }
const fixToRest = (f: Fix) => ({ id: f.id, title: f.title, description: f.description, patch: patchToRest(f.patch) })
const findingToRest = (f: Finding) => ({
  id: f.id, type: f.type, severity: f.severity, message: f.message, evidence: f.evidence, fix: f.fix ? fixToRest(f.fix) : null,
})
const previewToRest = (p: FixPreview) => ({ finding_id: p.finding.id, fix: fixToRest(p.fix), revision: p.revision, diff: p.diff })

export const monitorRoutes: Route[] = [
  {
    method: 'GET', path: '/workflows/:id/nodes/:nodeId/logs/stream',
    summary: 'SSE of a node\'s logs ?pod&container&follow(=true)&tail_lines&since_seconds&previous&timestamps: `event: log` data { pod, container, line, text }',
    handler: async ({ deps, actor, params, query, request }) => {
      const q = query
      const input = Object.fromEntries(
        Object.entries({
          pod: q.pod, container: q.container, follow: q.follow, tailLines: q.tail_lines, sinceSeconds: q.since_seconds, previous: q.previous, timestamps: q.timestamps,
        }).filter(([, v]) => v !== undefined && v !== ''),
      )
      const lines = await streamNodeLogs(deps, actor, params.id!, params.nodeId!, input, request.signal)
      return logSse(lines, request.signal)
    },
  },
  {
    method: 'POST', path: '/workflows/:id/nodes/:nodeId/terminal/ticket', status: 201, scope: 'run',
    summary: 'A single-use ticket (30 s) for the terminal WebSocket → { ticket, expires_at }; open it with ?ticket=',
    handler: async ({ deps, actor, params }) => {
      const { ticket, expiresAt } = await createTerminalTicket(deps, actor, params.id!, params.nodeId!)
      return { ticket, expires_at: expiresAt.toISOString() }
    },
  },
  {
    method: 'GET', path: '/workflows/:id/nodes/:nodeId/terminal', scope: 'run',
    summary: 'WebSocket (upgrade) into a container ?ticket&pod&container (or Authorization: Bearer): send {type:"stdin",data} / {type:"resize",cols,rows}; receive stdout, stderr, exit',
    handler: async () => new Response(JSON.stringify({ error: 'this route is a WebSocket: connect with an Upgrade: websocket request' }), {
      status: 426, headers: { 'content-type': 'application/json; charset=utf-8', upgrade: 'websocket' },
    }),
  },
  {
    method: 'GET', path: '/workflows/:id/nodes/:nodeId/diagnostics', summary: 'Findings of a node: severity, message, evidence, fix (a patch to the node data)',
    handler: async ({ deps, actor, params }) => {
      const d = await diagnoseWorkflowNode(deps, actor, params.id!, params.nodeId!)
      return { workflow_id: d.workflowId, node_id: d.nodeId, observed_at: d.observedAt.toISOString(), findings: d.findings.map(findingToRest) }
    },
  },
  {
    method: 'GET', path: '/workflows/:id/nodes/:nodeId/diagnostics/fixes/:fixId/preview', summary: 'The design diff a fix would make to the current canvas',
    handler: async ({ deps, actor, params }) => previewToRest(await previewNodeFix(deps, actor, params.id!, params.nodeId!, params.fixId!)),
  },
  {
    method: 'POST', path: '/workflows/:id/nodes/:nodeId/diagnostics/fixes/:fixId/apply', summary: 'Save the fix as a new revision { run?, revision? } → { fix, diff, workflow, run_id, run_version }',
    handler: async ({ deps, actor, params, body }) => {
      const b = obj(body)
      const applied = await applyNodeFix(deps, actor, params.id!, params.nodeId!, params.fixId!, { run: b.run, revision: b.revision })
      return { ...previewToRest(applied), workflow: await workflowAnswer(deps, applied.workflow), run_id: applied.run?.runId ?? null, run_version: applied.run?.version ?? null }
    },
  },
]

const encoder = new TextEncoder()
const KEEPALIVE_MS = 15_000

/** `event: log` frames, pulled only as fast as the client reads; the client leaving ends the source. */
function logSse(lines: LogLines, signal: AbortSignal): Response {
  let keepalive: NodeJS.Timeout | undefined
  const stop = () => {
    clearInterval(keepalive)
    void lines.return()
  }
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      keepalive = setInterval(() => controller.enqueue(encoder.encode(': keepalive\n\n')), KEEPALIVE_MS)
      signal.addEventListener('abort', stop, { once: true })
    },
    async pull(controller) {
      try {
        const next = await lines.next()
        if (!next.done) return controller.enqueue(encoder.encode(`event: log\ndata: ${JSON.stringify(next.value)}\n\n`))
      } catch (err) {
        controller.enqueue(encoder.encode(`event: error\ndata: ${JSON.stringify({ error: (err as Error).message })}\n\n`))
      }
      clearInterval(keepalive)
      controller.enqueue(encoder.encode('event: end\ndata: {}\n\n'))
      controller.close()
    },
    cancel: stop,
  })
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' } })
}
