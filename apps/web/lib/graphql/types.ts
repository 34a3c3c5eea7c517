import type { DesignPatch } from '@kubeorch/domain'

export type WorkflowStatus = 'DRAFT' | 'PUBLISHED' | 'ARCHIVED'
export type ClusterStatus = 'UNKNOWN' | 'CONNECTED' | 'UNREACHABLE' | 'UNUSABLE'

export type Cluster = {
  id: string
  name: string
  description: string | null
  server: string | null
  status: ClusterStatus
  statusMessage: string | null
  hasCredentials: boolean
  /** The local sandbox: fake nodes that never pull an image. */
  sandbox: boolean
  createdAt: string
}

export type WorkflowSummary = {
  id: string
  name: string
  description: string
  status: WorkflowStatus
  revision: number
  lastVersion: number
  runCount: number
  updatedAt: string
  cluster: { id: string; name: string; sandbox?: boolean }
}

/** The design as stored: what the canvas loads and saves. */
export type StoredNode = { id: string; type: string; position: { x: number; y: number }; data: Record<string, unknown> }
export type StoredEdge = { id: string; source: string; target: string; sourceHandle?: string | null; targetHandle?: string | null }

export type WorkflowDetail = WorkflowSummary & {
  nodes: StoredNode[]
  edges: StoredEdge[]
  currentVersion: number | null
}

export type VersionSummary = {
  id: string
  version: number
  name: string | null
  tag: string | null
  description: string | null
  automatic: boolean
  origin: VersionOrigin
  restoredFrom: number | null
  runStatus: string | null
  createdAt: string
}

/** What made a version (the API's VersionOrigin). */
export type VersionOrigin = 'MANUAL' | 'RUN' | 'RESTORE' | 'FIX'

export type VersionDetail = VersionSummary & { nodes: StoredNode[]; edges: StoredEdge[] }

export type FieldChange = { path: string; old: unknown; new: unknown }
export type ModifiedItem = { id: string; type?: string; name?: string; changes: FieldChange[] }
export type AddedOrRemovedItem = { id: string; type?: string; name?: string; source?: string; target?: string }
export type GraphDiff = {
  nodes: { added: AddedOrRemovedItem[]; removed: AddedOrRemovedItem[]; modified: ModifiedItem[] }
  edges: { added: AddedOrRemovedItem[]; removed: AddedOrRemovedItem[]; modified: ModifiedItem[] }
  summary?: Record<string, unknown> | string
}

export type Page<T> = { items: T[]; total: number; page: number; limit: number }

export type RunStatus = 'running' | 'completed' | 'failed' | 'cancelled'
export type HealthState = 'healthy' | 'partial' | 'error' | 'unknown'
export type RunObject = { apiVersion: string; kind: string; namespace?: string; name: string; action: string; error?: string }
export type RunNodeState = { nodeId: string; state: string; message: string; objects: RunObject[] }
export type RunLogLine = { at: string; level: string; message: string }

export type RunSummary = {
  id: string
  status: RunStatus
  version: number | null
  triggeredBy: string
  triggeredByUserId: string | null
  error: string | null
  startedAt: string
  completedAt: string | null
  duration: number | null
}
export type RunDetail = RunSummary & { nodeStates: RunNodeState[]; logs: RunLogLine[] }
export type StartedRun = { runId: string; status: RunStatus; version: number }

/** One event of `workflowEvents` (SPEC §9); `payload` holds the event's own fields. */
export type WorkflowEvent =
  | { type: 'metadata'; workflowId: string; payload: { status: WorkflowStatus; revision: number; activeRunId: string | null; nodes: NodeStateEvent[] } }
  | { type: 'workflow_updated'; workflowId: string; payload: { revision: number; status: WorkflowStatus } }
  | { type: 'version_created'; workflowId: string; payload: { version: number } }
  | { type: 'run_started'; workflowId: string; payload: { runId: string; version: number; triggeredBy: string } }
  | { type: 'node_update'; workflowId: string; payload: NodeStateEvent }
  | { type: 'run_log'; workflowId: string; payload: { runId: string } & RunLogLine }
  | { type: 'run_completed'; workflowId: string; payload: { runId: string; status: RunStatus; durationMs: number; error: string | null } }
export type NodeStateEvent = { nodeId: string; state: HealthState; message: string; details?: Record<string, unknown> }

export type NodeLogLine = { pod: string; container: string; line: string; text: string }
export type SuggestedFix = { id: string; title: string; description: string; patch: DesignPatch }
export type Finding = {
  id: string
  type: string
  severity: 'error' | 'warning' | 'info'
  message: string
  evidence: { kind: string; text: string }[]
  fix: SuggestedFix | null
}
export type NodeDiagnostics = { nodeId: string; observedAt: string; findings: Finding[] }
export type FixPreview = { findingId: string; revision: number; diff: GraphDiff; fix: SuggestedFix }
export type AppliedFix = { findingId: string; runId: string | null; runVersion: number | null; workflow: { id: string; revision: number; status: WorkflowStatus } }

export type NodeResourceObject = {
  apiVersion: string
  kind: string
  name: string
  namespace: string | null
  /** As the last run rendered it (secret values redacted). */
  manifest: Record<string, unknown> | null
  /** As on the cluster now (Secret values removed); null when absent. */
  live: Record<string, unknown> | null
}
export type NodeResourceEvent = { type: string; reason: string; message: string; object: string; count: number; lastSeen: string | null }
export type NodeContainer = { name: string; image: string; ready: boolean; restartCount: number; state: string; reason: string | null; message: string | null }
export type NodePod = { name: string; phase: string; nodeName: string | null; createdAt: string | null; containers: NodeContainer[] }
export type NodeResources = {
  nodeId: string
  version: number | null
  observedAt: string
  health: { state: string; message: string; updatedAt: string } | null
  objects: NodeResourceObject[]
  events: NodeResourceEvent[]
  pods: NodePod[]
}

/** What the cluster holds of a workflow now (what archiving or deleting it removes). */
export type DeployedObjects = { clusterName: string; objects: { apiVersion: string; kind: string; namespace: string | null; name: string }[] }
