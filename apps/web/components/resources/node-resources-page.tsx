'use client'

import { isWorkloadKind, kindRegistry, NODE_KINDS, type NodeKind } from '@kubeorch/domain'
import Link from 'next/link'
import { useState } from 'react'
import { useQuery } from 'urql'
import { VERSION, WORKFLOW } from '../../lib/graphql/operations'
import type { ApiResult } from '../../lib/graphql/result'
import type { StoredNode, VersionDetail, WorkflowDetail } from '../../lib/graphql/types'
import { LogsPanel } from '../canvas/monitor/logs-panel'
import { TerminalPanel } from '../canvas/monitor/terminal-panel'
import { HEALTH_COLOR } from '../canvas/nodes/kind-style'
import { FormError } from '../ui/form-error'
import { EventsTable } from './events-table'
import { ObjectCompare } from './object-compare'
import { PodsTable } from './pods-table'
import { useNodeResources } from './use-node-resources'

/**
 * The resource detail page of one node (SPEC §15): its health and cause, the rendered manifest
 * beside the live object, events, pods with their containers, and its logs and terminal (the
 * dock's panels). The node is described as its last run deployed it.
 */
export function NodeResourcesPage({ workflowId, nodeId }: { workflowId: string; nodeId: string }) {
  const { result, resources, health, fetching, reload } = useNodeResources(workflowId, nodeId)
  const [wf] = useQuery<{ workflow: ApiResult<WorkflowDetail> }>({ query: WORKFLOW, variables: { id: workflowId } })
  const [version] = useQuery<{ version: ApiResult<VersionDetail> }>({
    query: VERSION,
    variables: { workflowId, version: resources?.version ?? 0 },
    pause: !resources?.version,
  })
  const workflow = wf.data?.workflow?.data
  const node: StoredNode | undefined =
    version.data?.version?.data?.nodes.find((n) => n.id === nodeId) ?? workflow?.nodes.find((n) => n.id === nodeId)
  const kind = node && (NODE_KINDS as readonly string[]).includes(node.type) ? (node.type as NodeKind) : null
  const name = typeof node?.data.name === 'string' && node.data.name ? node.data.name : nodeId
  const namespace = typeof node?.data.namespace === 'string' && node.data.namespace ? node.data.namespace : 'default'

  return (
    <main className="page page-wide">
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link href="/workflows">Workflows</Link> / <Link href={`/workflows/${workflowId}`}>{workflow?.name ?? 'Workflow'}</Link> / Nodes / {name}
      </nav>
      <div className="row" style={{ marginBottom: '0.5rem' }}>
        <h1 style={{ margin: 0 }}>{name}</h1>
        {kind && <span className="badge">{kindRegistry[kind].label}</span>}
        <span className="spacer" />
        <button type="button" className="btn btn-sm" onClick={reload} disabled={fetching}>
          {fetching ? 'Reading the cluster…' : 'Refresh'}
        </button>
        <Link className="btn btn-sm" href={`/workflows/${workflowId}`}>
          Open canvas
        </Link>
        <Link className="btn btn-sm" href={`/workflows/${workflowId}/runs`}>
          Run history
        </Link>
      </div>

      <section aria-label="Overview" className="card node-overview">
        <p className="node-health" data-testid="node-health" data-health={health.state}>
          <span className="health-dot" style={{ background: HEALTH_COLOR[health.state] }} aria-hidden />{' '}
          <span className={`health-label is-${health.state}`}>{health.state}</span> <span className="node-health-cause">{health.message}</span>
        </p>
        <dl className="facts" style={{ margin: 0 }}>
          <dt>Kind</dt>
          <dd>{kind ? kindRegistry[kind].label : (node?.type ?? '—')}</dd>
          <dt>Namespace</dt>
          <dd>{namespace}</dd>
          <dt>Deployed version</dt>
          <dd>{resources ? (resources.version ?? 'never run') : '—'}</dd>
          <dt>Observed</dt>
          <dd>{resources ? new Date(resources.observedAt).toLocaleTimeString() : '—'}</dd>
        </dl>
      </section>
      {result && !result.ok && <FormError error={result.error} />}
      {!result && <p className="empty">Reading the cluster…</p>}

      {resources && (
        <>
          <h2>Manifest and live object</h2>
          <ObjectCompare objects={resources.objects} version={resources.version} />
          {kind && isWorkloadKind(kind) && (
            <>
              <h2>Pods</h2>
              <PodsTable pods={resources.pods} />
            </>
          )}
          <h2>Events</h2>
          <EventsTable events={resources.events} />
        </>
      )}
      {kind && isWorkloadKind(kind) && resources?.version != null && <NodeConsole workflowId={workflowId} nodeId={nodeId} />}
    </main>
  )
}

type ConsoleTab = 'logs' | 'terminal'

/** Logs and terminal of the node: the same panels as the canvas dock. */
function NodeConsole({ workflowId, nodeId }: { workflowId: string; nodeId: string }) {
  const [tab, setTab] = useState<ConsoleTab>('logs')
  return (
    <section aria-label="Logs and terminal" className="node-console">
      <h2>Logs and terminal</h2>
      <div className="dock is-open">
        <div className="dock-tabs" role="tablist" aria-label="Logs and terminal">
          {(['logs', 'terminal'] as const).map((t) => (
            <button key={t} type="button" role="tab" id={`node-tab-${t}`} aria-selected={tab === t} aria-controls="node-console-panel" className="dock-tab" onClick={() => setTab(t)}>
              {t === 'logs' ? 'Logs' : 'Terminal'}
            </button>
          ))}
        </div>
        <div className="dock-body node-console-body" role="tabpanel" id="node-console-panel" aria-labelledby={`node-tab-${tab}`}>
          {tab === 'logs' ? <LogsPanel workflowId={workflowId} nodeId={nodeId} /> : <TerminalPanel workflowId={workflowId} nodeId={nodeId} />}
        </div>
      </div>
    </section>
  )
}
