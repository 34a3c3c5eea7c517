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
import { ValidationError, invalidField } from '../errors.ts'
import { saveFromRest } from './kubeorch/save-input.ts'
import type { Route } from './router.ts'
import { workflowAnswer, workflowWithStatuses, workflowsToRest } from './workflow-answers.ts'

type Body = Record<string, unknown>
const obj = (b: unknown): Body => (b && typeof b === 'object' && !Array.isArray(b) ? (b as Body) : {})

export const workflowRoutes: Route[] = [
  {
    method: 'POST', path: '/workflows', summary: 'Create { name, cluster_id (id or name), description? } → { id, message, workflow }', status: 201,
    handler: async ({ deps, actor, body }) => {
      const b = obj(body)
      const wf = await createWorkflow(deps, actor, { name: b.name, clusterId: b.cluster_id, description: b.description })
      return { id: wf.id, message: 'Workflow created', workflow: await workflowAnswer(deps, wf) }
    },
  },
  {
    method: 'GET', path: '/workflows', summary: 'List ?page&limit&status&search → { workflows, total, page, limit }',
    handler: async ({ deps, actor, query }) => {
      const page = await listWorkflows(deps, actor, query)
      return { workflows: await workflowsToRest(deps, page.items), total: page.total, page: page.page, limit: page.limit }
    },
  },
  {
    method: 'GET', path: '/workflows/:id', summary: 'Get a workflow; each node carries its last known status in data._status',
    handler: async ({ deps, actor, params }) => workflowWithStatuses(deps, actor, await getWorkflow(deps, actor, params.id!)),
  },
  {
    method: 'PUT', path: '/workflows/:id', summary: 'Update { name?, description?, cluster_id? } (the canvas: POST …/save; the status: PUT …/status)',
    handler: async ({ deps, actor, params, body }) => {
      const b = obj(body)
      // KubeOrch's PUT also takes these; here each has its own route, with its own rules.
      if (b.status !== undefined) throw invalidField(['status'], 'is changed with PUT /workflows/:id/status, which applies the allowed transitions (and archiving removes the objects)')
      for (const field of ['nodes', 'edges'])
        if (b[field] !== undefined) throw invalidField([field], 'the canvas is saved with POST /workflows/:id/save')
      return workflowAnswer(deps, await updateWorkflow(deps, actor, params.id!, { name: b.name, description: b.description, clusterId: b.cluster_id }))
    },
  },
  {
    method: 'DELETE', path: '/workflows/:id', summary: 'Soft-delete a workflow',
    handler: async ({ deps, actor, params }) => void (await deleteWorkflow(deps, actor, params.id!)),
  },
  {
    method: 'PUT', path: '/workflows/:id/status', summary: 'Change status { status: draft|published|archived } → the workflow and a message',
    handler: async ({ deps, actor, params, body }) => {
      const wf = await changeWorkflowStatus(deps, actor, params.id!, body)
      return { ...(await workflowAnswer(deps, wf)), message: `Workflow status changed to ${wf.status.toLowerCase()}` }
    },
  },
  {
    method: 'POST', path: '/workflows/:id/clone', summary: 'Clone { name } → { id, message, workflow }', status: 201,
    handler: async ({ deps, actor, params, body }) => {
      const wf = await cloneWorkflow(deps, actor, params.id!, body)
      return { id: wf.id, message: 'Workflow cloned', workflow: await workflowAnswer(deps, wf) }
    },
  },
  {
    method: 'POST', path: '/workflows/:id/save',
    summary: 'Save the canvas { nodes, edges, revision?, description? }: ours, or KubeOrch\'s node data (answered as sent) → the workflow and a message (and, without revision, KubeOrch\'s `workflow`)',
    handler: async ({ deps, actor, params, body }) => {
      const save = saveFromRest(body)
      let wf
      try {
        wf = await saveWorkflow(deps, actor, params.id!, save.input, { clientData: save.clientData })
      } catch (e) {
        throw e instanceof ValidationError ? save.renameIssues(e) : e
      }
      const answer = await workflowAnswer(deps, wf)
      // A save without a revision is KubeOrch's (or a legacy script's): KubeOrch answers { message, workflow }.
      return { ...answer, message: 'Workflow saved', ...(obj(body).revision === undefined ? { workflow: answer } : {}) }
    },
  },
]
