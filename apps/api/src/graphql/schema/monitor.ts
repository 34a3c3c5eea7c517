import type { Evidence, Finding, Fix } from '@kubeorch/domain'
import {
  applyNodeFix,
  diagnoseWorkflowNode,
  previewNodeFix,
  streamNodeLogs,
  type AppliedFix,
  type FixPreview,
  type NodeDiagnostics,
  type NodeLogLine,
} from '../../services/index.ts'
import { builder } from '../builder.ts'
import { READ_ERRORS, WRITE_ERRORS } from './errors.ts'
import { WorkflowRef } from './workflows.ts'

// Logs, diagnostics and fixes of one node (SPEC §10). The terminal is a WebSocket of its own
// (REST table: /v1/api/workflows/:id/nodes/:nodeId/terminal).

const EvidenceRef = builder.objectRef<Evidence>('FindingEvidence').implement({
  fields: (t) => ({ kind: t.exposeString('kind', { description: 'event | status | log' }), text: t.exposeString('text') }),
})

const FixRef = builder.objectRef<Fix>('SuggestedFix').implement({
  description: 'A change to the design (node data, an added node, edges), never YAML; preview it, then apply it by id.',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    description: t.exposeString('description'),
    patch: t.expose('patch', {
      type: 'JSON',
      description: 'by op: set { nodeId, set: [{ path, value }] } on node data | add-node { node, edges } | connect { edges }',
    }),
  }),
})

const FindingRef = builder.objectRef<Finding>('Finding').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    type: t.exposeString('type'),
    severity: t.exposeString('severity', { description: 'error | warning | info' }),
    message: t.exposeString('message'),
    evidence: t.field({ type: [EvidenceRef], resolve: (f) => f.evidence }),
    fix: t.field({ type: FixRef, nullable: true, resolve: (f) => f.fix ?? null }),
  }),
})

const DiagnosticsRef = builder.objectRef<NodeDiagnostics>('NodeDiagnostics').implement({
  fields: (t) => ({
    workflowId: t.exposeID('workflowId'),
    nodeId: t.exposeString('nodeId'),
    observedAt: t.expose('observedAt', { type: 'DateTime' }),
    findings: t.field({ type: [FindingRef], resolve: (d) => d.findings }),
  }),
})

const PreviewRef = builder.objectRef<FixPreview>('FixPreview').implement({
  fields: (t) => ({
    findingId: t.string({ resolve: (p) => p.finding.id }),
    fix: t.field({ type: FixRef, resolve: (p) => p.fix }),
    revision: t.int({ resolve: (p) => p.revision, description: 'the canvas revision the diff is based on' }),
    diff: t.field({ type: 'JSON', resolve: (p) => p.diff, description: 'added / removed / modified nodes and edges (as versions/compare)' }),
  }),
})

const AppliedRef = builder.objectRef<AppliedFix>('AppliedFix').implement({
  fields: (t) => ({
    findingId: t.string({ resolve: (p) => p.finding.id }),
    fix: t.field({ type: FixRef, resolve: (p) => p.fix }),
    diff: t.field({ type: 'JSON', resolve: (p) => p.diff }),
    workflow: t.field({ type: WorkflowRef, resolve: (a) => a.workflow, description: 'the saved canvas (its revision is the new one)' }),
    runId: t.id({ nullable: true, resolve: (a) => a.run?.runId ?? null }),
    runVersion: t.int({ nullable: true, resolve: (a) => a.run?.version ?? null, description: 'the version the started run deploys' }),
  }),
})

const LogLineRef = builder.objectRef<NodeLogLine>('NodeLogLine').implement({
  fields: (t) => ({
    pod: t.exposeString('pod'),
    container: t.exposeString('container'),
    line: t.exposeString('line'),
    text: t.exposeString('text', { description: 'the line prefixed with "<pod>/<container> "' }),
  }),
})

builder.queryFields((t) => ({
  nodeDiagnostics: t.field({
    type: DiagnosticsRef,
    authScopes: { loggedIn: true },
    errors: { types: READ_ERRORS },
    args: { workflowId: t.arg.id(), nodeId: t.arg.string() },
    resolve: (_r, a, ctx) => diagnoseWorkflowNode(ctx.deps, ctx.actor!, String(a.workflowId), a.nodeId),
  }),
  nodeFixPreview: t.field({
    type: PreviewRef,
    authScopes: { loggedIn: true },
    errors: { types: READ_ERRORS },
    args: { workflowId: t.arg.id(), nodeId: t.arg.string(), fixId: t.arg.string() },
    resolve: (_r, a, ctx) => previewNodeFix(ctx.deps, ctx.actor!, String(a.workflowId), a.nodeId, a.fixId),
  }),
}))

builder.mutationFields((t) => ({
  applyNodeFix: t.field({
    type: AppliedRef,
    authScopes: { loggedIn: true },
    errors: { types: WRITE_ERRORS },
    description: 'Saves a suggested fix as a new revision (revision-checked) and, with run: true, starts a run.',
    args: { workflowId: t.arg.id(), nodeId: t.arg.string(), fixId: t.arg.string(), run: t.arg.boolean({ required: false }), revision: t.arg.int({ required: false }) },
    resolve: (_r, a, ctx) =>
      applyNodeFix(ctx.deps, ctx.actor!, String(a.workflowId), a.nodeId, a.fixId, { run: a.run ?? undefined, revision: a.revision ?? undefined }),
  }),
}))

builder.subscriptionFields((t) => ({
  nodeLogs: t.field({
    type: LogLineRef,
    authScopes: { loggedIn: true },
    description: 'A node\'s logs: one pod/container, or all pods merged (new pods join). follow defaults to true.',
    args: {
      workflowId: t.arg.id(),
      nodeId: t.arg.string(),
      pod: t.arg.string({ required: false }),
      container: t.arg.string({ required: false }),
      follow: t.arg.boolean({ required: false }),
      tailLines: t.arg.int({ required: false }),
      sinceSeconds: t.arg.int({ required: false }),
      previous: t.arg.boolean({ required: false }),
      timestamps: t.arg.boolean({ required: false }),
    },
    subscribe: (_r, { workflowId, nodeId, ...opts }, ctx) =>
      streamNodeLogs(ctx.deps, ctx.actor!, String(workflowId), nodeId, Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== null && v !== undefined))),
    resolve: (line) => line,
  }),
}))
