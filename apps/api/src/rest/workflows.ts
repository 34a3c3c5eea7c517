import {
  changeWorkflowStatus,
  cloneWorkflow,
  createWorkflow,
  deleteWorkflow,
  getWorkflow,
  listWorkflows,
  saveWorkflow,
  updateWorkflow,
} from '../services/index.ts'
import { pageToRest, workflowToRest } from './mappers.ts'
import type { Route } from './router.ts'

type Body = Record<string, unknown>
const obj = (b: unknown): Body => (b && typeof b === 'object' && !Array.isArray(b) ? (b as Body) : {})

export const workflowRoutes: Route[] = [
  {
    method: 'POST', path: '/workflows', summary: 'Create { name, cluster_id (id or name), description? } → { id, workflow }', status: 201,
    handler: async ({ deps, actor, body }) => {
      const b = obj(body)
      const wf = await createWorkflow(deps, actor, { name: b.name, clusterId: b.cluster_id, description: b.description })
      return { id: wf.id, workflow: workflowToRest(wf) }
    },
  },
  {
    method: 'GET', path: '/workflows', summary: 'List ?page&limit&status&search → { workflows, total, page, limit }',
    handler: async ({ deps, actor, query }) => pageToRest('workflows', await listWorkflows(deps, actor, query), workflowToRest),
  },
  {
    method: 'GET', path: '/workflows/:id', summary: 'Get a workflow',
    handler: async ({ deps, actor, params }) => workflowToRest(await getWorkflow(deps, actor, params.id!)),
  },
  {
    method: 'PUT', path: '/workflows/:id', summary: 'Update { name?, description?, cluster_id? }',
    handler: async ({ deps, actor, params, body }) => {
      const b = obj(body)
      return workflowToRest(await updateWorkflow(deps, actor, params.id!, { name: b.name, description: b.description, clusterId: b.cluster_id }))
    },
  },
  {
    method: 'DELETE', path: '/workflows/:id', summary: 'Soft-delete a workflow',
    handler: async ({ deps, actor, params }) => void (await deleteWorkflow(deps, actor, params.id!)),
  },
  {
    method: 'PUT', path: '/workflows/:id/status', summary: 'Change status { status: draft|published|archived }',
    handler: async ({ deps, actor, params, body }) => workflowToRest(await changeWorkflowStatus(deps, actor, params.id!, body)),
  },
  {
    method: 'POST', path: '/workflows/:id/clone', summary: 'Clone { name } → { id, workflow }', status: 201,
    handler: async ({ deps, actor, params, body }) => {
      const wf = await cloneWorkflow(deps, actor, params.id!, body)
      return { id: wf.id, workflow: workflowToRest(wf) }
    },
  },
  {
    method: 'POST', path: '/workflows/:id/save', summary: 'Save the canvas { nodes, edges, revision? }',
    handler: async ({ deps, actor, params, body }) => workflowToRest(await saveWorkflow(deps, actor, params.id!, body)),
  },
]
