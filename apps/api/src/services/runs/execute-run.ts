import { MANAGED_TYPES, NODE_LABEL, groupByApplyOrder, renderManifests, validateGraph, workflowSelector, type RenderedManifest, type WorkflowGraph } from '@kubeorch/domain'
import { type Applier, type ApplyResult, type K8sObject, type ObjectRef } from '@kubeorch/kube'
import type { Prisma, RunStatus } from '@kubeorch/db'
import type { Deps } from '../context.ts'
import { openSecretValues } from '../secrets/secret-values.ts'
import { claimMonitorLease } from '../replicas/monitor-leases.ts'
import { kubeForCluster } from './cluster-access.ts'
import type { RunObjectAction } from './public-run.ts'
import { createRunJournal, type RunJournal } from './run-journal.ts'
import { waitForHealth } from './wait-for-health.ts'

class RunStop extends Error {
  constructor(readonly status: RunStatus, message: string) {
    super(message)
  }
}

const refOf = (m: RenderedManifest): ObjectRef => ({ apiVersion: m.apiVersion, kind: m.kind, namespace: m.namespace, name: m.name })
const keyOf = (r: ObjectRef) => `${r.apiVersion}/${r.kind}/${r.namespace ?? ''}/${r.name}`
const describe = (r: ObjectRef) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`

/**
 * The background part of a run (SPEC §7): validate, render, dry-run every object, create
 * namespaces, server-side apply in kind order, prune, wait for health, record. Never throws:
 * every outcome ends in the run row.
 */
export async function executeRun(deps: Deps, runId: string): Promise<void> {
  const run = await deps.db.workflowRun.findUniqueOrThrow({ where: { id: runId }, include: { workflow: true } })
  const wf = run.workflow
  const journal = createRunJournal(deps, wf.id, runId)
  const started = run.startedAt.getTime()
  const actions = new Map<string, RunObjectAction[]>()
  const record = (nodeId: string, a: RunObjectAction) => actions.set(nodeId, [...(actions.get(nodeId) ?? []), a])
  const checkCancel = async () => {
    const r = await deps.db.workflowRun.findUnique({ where: { id: runId }, select: { cancelRequested: true, status: true } })
    if (r?.cancelRequested) throw new RunStop('CANCELLED', 'cancelled by request')
    if (r?.status !== 'RUNNING') throw new RunStop(r?.status ?? 'FAILED', 'the run was ended elsewhere')
  }

  let status: RunStatus = 'FAILED'
  let error: string | null = null
  // Once the health outcome is recorded per node, a failure must not overwrite it.
  let nodesRecorded = false
  try {
    const version = await deps.db.workflowVersion.findUniqueOrThrow({ where: { workflowId_version: { workflowId: wf.id, version: run.version! } } })
    await journal.log(`run of version ${version.version} started`)
    const checked = validateGraph({ nodes: version.nodes, edges: version.edges })
    if (!checked.ok) {
      await journal.nodeStates(checked.issues.flatMap((i) => (i.nodeId ? [{ nodeId: i.nodeId, state: 'error', message: i.message }] : [])))
      throw new RunStop('FAILED', `the design is invalid: ${checked.issues[0]?.message}`)
    }
    const graph = checked.graph
    const manifests = renderManifests(graph, { workflowId: wf.id, secretValues: openSecretValues(deps.sealer, version.secretValues) })
    // The stored copy is rendered without secret values: versions never hold them.
    await deps.db.workflowVersion.update({
      where: { id: version.id },
      data: { manifests: renderManifests(graph, { workflowId: wf.id }) as unknown as Prisma.InputJsonValue },
    })
    await journal.log(`rendered ${manifests.length} objects from ${graph.nodes.length} nodes`)

    const { applier } = await kubeForCluster(deps, wf.clusterId)
    await checkCancel()

    const dry = await applier.dryRun(manifests.map((m) => m.object as never))
    const dryFailures = failuresByNode(manifests, dry)
    if (dryFailures.size) {
      await journal.nodeStates([...dryFailures].map(([nodeId, messages]) => ({ nodeId, state: 'error', message: `dry-run: ${messages.join('; ')}` })))
      for (const [, messages] of dryFailures) for (const m of messages) await journal.log(`dry-run failed: ${m}`, 'error')
      throw new RunStop('FAILED', `server-side dry-run failed for ${dryFailures.size} node(s); nothing was changed`)
    }
    await journal.log('server-side dry-run passed for every object')
    await checkCancel()

    const namespaces = [...new Set(manifests.flatMap((m) => (m.namespace ? [m.namespace] : [])))]
    for (const r of await applier.ensureNamespaces(namespaces)) {
      if (!r.ok) throw new RunStop('FAILED', `namespace ${r.object.name}: ${r.error}`)
      if (r.action === 'created') await journal.log(`created namespace ${r.object.name}`)
    }

    // Kind by kind (SPEC §7 order), all objects of a kind at once. Reading an object's current
    // state (which tells created/configured/unchanged) changes nothing, so the next kind's objects
    // are read while the current kind is written, and prune lists what the workflow owns while the
    // last kind is written; every write still waits for the cancel check before it.
    const steps = groupByApplyOrder(manifests).map((step) => ({ kind: step[0]!.kind, step }))
    const objectsOf = (step: RenderedManifest[]) => step.map((m) => m.object as never)
    let prepared = steps[0] && applier.prepareApply(objectsOf(steps[0].step))
    let listing: Promise<K8sObject[]> | undefined
    for (const [index, { kind, step }] of steps.entries()) {
      await checkCancel()
      const next = steps[index + 1] && applier.prepareApply(objectsOf(steps[index + 1]!.step))
      if (!next) listing = listManaged(applier, wf.id)
      const results = await prepared!.apply()
      prepared = next
      let failed = 0
      results.forEach((r, i) => {
        const m = step[i]!
        if (r.ok) record(m.nodeId, { ...refOf(m), action: r.action })
        else {
          failed++
          record(m.nodeId, { ...refOf(m), action: 'failed', error: r.error })
        }
      })
      for (const r of results) await journal.log(r.ok ? `${describe(r.object)} ${r.action}` : `${describe(r.object)} failed: ${r.error}`, r.ok ? 'info' : 'error')
      if (failed) throw new RunStop('FAILED', `applying ${kind} failed for ${failed} object(s)`)
    }

    await checkCancel()
    await prune(applier, listing ?? listManaged(applier, wf.id), manifests, journal, record)

    await journal.nodeStates(graph.nodes.map((node) => ({ nodeId: node.id, state: 'partial', message: 'applied; waiting for health', objects: actions.get(node.id) ?? [] })))
    await journal.log('waiting for every node to be healthy')
    // The executing replica takes the workflow's monitor over; a former holder stops its watcher.
    await claimMonitorLease(deps, wf.id, { force: true })
    const monitor = await deps.monitors.watch(deps, wf.id, wf.clusterId, graph)
    const outcome = await waitForHealth(monitor, graph.nodes.map((n) => n.id), {
      timeoutMs: deps.config.runHealthTimeoutMs,
      cancelled: async () => Boolean((await deps.db.workflowRun.findUnique({ where: { id: runId }, select: { cancelRequested: true } }))?.cancelRequested),
    })
    const current = monitor.current()
    await journal.nodeStates(
      graph.nodes.map((node) => {
        const h = current.get(node.id)
        return { nodeId: node.id, state: h?.state ?? 'unknown', message: h?.message ?? 'not observed', objects: actions.get(node.id) ?? [] }
      }),
    )
    nodesRecorded = true
    if (outcome.ok) {
      status = 'COMPLETED'
      await journal.log('every node is healthy')
    } else if (outcome.reason === 'cancelled') throw new RunStop('CANCELLED', 'cancelled by request while waiting for health')
    else if (outcome.reason === 'error') {
      const first = outcome.nodes[0]!
      throw new RunStop('FAILED', `node ${nodeName(graph, first.nodeId)} failed: ${first.health.message}`)
    } else {
      const names = outcome.nodes.map((n) => `${nodeName(graph, n.nodeId)} (${n.health?.message ?? 'not observed'})`)
      throw new RunStop('FAILED', `timed out after ${Math.round(deps.config.runHealthTimeoutMs / 1000)}s; not ready: ${names.join(', ')}`)
    }
  } catch (e) {
    status = e instanceof RunStop ? e.status : 'FAILED'
    error = e instanceof Error ? e.message : String(e)
    await journal.log(status === 'CANCELLED' ? `run cancelled: ${error}` : `run failed: ${error}`, status === 'CANCELLED' ? 'warn' : 'error').catch(() => {})
    if (!nodesRecorded)
      await journal
        .nodeStates([...actions].map(([nodeId, objects]) => ({ nodeId, state: 'partial', message: 'applied before the run ended', objects })))
        .catch(() => {})
  }
  await journal.flush().catch((e: Error) => console.warn(`run ${runId}: writing its log failed: ${e.message}`))
  await finishRun(deps, runId, wf.id, status, error, started)
}

/** Records the end of a run once, unless something else (a restart recovery) already ended it. */
export async function finishRun(deps: Deps, runId: string, workflowId: string, status: RunStatus, error: string | null, startedAt: number) {
  const completedAt = new Date()
  const durationMs = completedAt.getTime() - startedAt
  const { count } = await deps.db.workflowRun.updateMany({
    where: { id: runId, status: 'RUNNING' },
    data: { status, error, completedAt, durationMs },
  })
  if (count === 0) return
  await deps.db.workflowVersion.updateMany({ where: { runId }, data: { runStatus: status } })
  deps.events.publish({ type: 'run_completed', workflowId, runId, status: status.toLowerCase(), durationMs, error })
}

function failuresByNode(manifests: RenderedManifest[], results: ApplyResult[]): Map<string, string[]> {
  const out = new Map<string, string[]>()
  results.forEach((r, i) => {
    if (r.ok) return
    const m = manifests[i]!
    out.set(m.nodeId, [...(out.get(m.nodeId) ?? []), `${describe(r.object)}: ${r.error}`])
  })
  return out
}

/** What the workflow owns in the cluster (by its label), for prune. */
function listManaged(applier: Applier, workflowId: string): Promise<K8sObject[]> {
  const listing = applier.listManaged(workflowSelector(workflowId), [...MANAGED_TYPES])
  // Started before the last kind is applied; a run that stops earlier never awaits it.
  listing.catch(() => {})
  return listing
}

async function prune(
  applier: Applier,
  listing: Promise<K8sObject[]>,
  manifests: RenderedManifest[],
  journal: RunJournal,
  record: (nodeId: string, a: RunObjectAction) => void,
) {
  const wanted = new Set(manifests.map((m) => keyOf(refOf(m))))
  const existing = await listing
  const stale = existing.filter((o) => !wanted.has(keyOf({ apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name })))
  if (stale.length === 0) return
  const results = await applier.delete(stale.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name })))
  results.forEach((r, i) => {
    const nodeId = stale[i]!.metadata.labels?.[NODE_LABEL] ?? 'unknown'
    if (r.ok) record(nodeId, { ...r.object, action: r.action === 'pruned' ? 'pruned' : 'absent' })
  })
  for (const r of results) await journal.log(r.ok ? `pruned ${describe(r.object)}` : `prune of ${describe(r.object)} failed: ${r.error}`, r.ok ? 'info' : 'warn')
}

const nodeName = (graph: WorkflowGraph, nodeId: string) =>
  (graph.nodes.find((n) => n.id === nodeId)?.data as { name?: string } | undefined)?.name ?? nodeId
