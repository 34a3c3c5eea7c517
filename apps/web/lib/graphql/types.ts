export type WorkflowStatus = 'DRAFT' | 'PUBLISHED' | 'ARCHIVED'
export type ClusterStatus = 'UNKNOWN' | 'CONNECTED' | 'UNREACHABLE'

export type Cluster = {
  id: string
  name: string
  description: string | null
  server: string | null
  status: ClusterStatus
  statusMessage: string | null
  hasCredentials: boolean
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
  cluster: { id: string; name: string }
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
  restoredFrom: number | null
  runStatus: string | null
  createdAt: string
}

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
