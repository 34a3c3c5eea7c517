import { createHash, randomBytes } from 'node:crypto'
import { NotFoundError } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { deployedGraph } from '../logs/node-target.ts'
import { loadWorkflowWithGraph } from '../workflows/workflow-access.ts'

/** A ticket opens one terminal within this time, once. */
export const TERMINAL_TICKET_TTL_MS = 30_000
const PREFIX = 'kot_'

const hashTicket = (ticket: string) => createHash('sha256').update(ticket).digest('hex')

/**
 * A single-use ticket for one node's terminal WebSocket (`?ticket=`): browsers cannot send headers
 * on a WebSocket, and a session token in a URL would end up in proxy and server logs, where a
 * used or 30-second-old ticket is worth nothing. Only users who may edit the workflow get one
 * (as for the terminal itself); another user's workflow or an unknown node is "not found".
 * Stored in PostgreSQL (its SHA-256), so a ticket minted on one replica opens on another.
 */
export async function createTerminalTicket(deps: Deps, actor: Actor, workflowId: string, nodeId: string): Promise<{ ticket: string; expiresAt: Date }> {
  const workflow = await loadWorkflowWithGraph(deps, actor, workflowId, 'edit')
  const inCanvas = Array.isArray(workflow.nodes) && (workflow.nodes as { id?: unknown }[]).some((n) => n?.id === nodeId)
  if (!inCanvas && !(await deployedGraph(deps, workflow)).nodes.some((n) => n.id === nodeId)) throw new NotFoundError(`node ${nodeId}`)
  const ticket = PREFIX + randomBytes(24).toString('base64url')
  const now = Date.now()
  const expiresAt = new Date(now + TERMINAL_TICKET_TTL_MS)
  await deps.db.$transaction([
    deps.db.terminalTicket.deleteMany({ where: { expiresAt: { lt: new Date(now) } } }),
    deps.db.terminalTicket.create({ data: { tokenHash: hashTicket(ticket), userId: actor.userId, workflowId: workflow.id, nodeId, expiresAt } }),
  ])
  return { ticket, expiresAt }
}

/**
 * The user a ticket was minted for, if it is unused, unexpired and for this workflow and node. The
 * ticket is deleted in the same statement that reads it: two racing uses cannot both succeed.
 */
export async function redeemTerminalTicket(deps: Deps, ticket: string, workflowId: string, nodeId: string): Promise<Actor | undefined> {
  if (!ticket.startsWith(PREFIX) || ticket.length > 100) return undefined
  const [row] = await deps.db.$queryRaw<{ userId: string; workflowId: string; nodeId: string; expiresAt: Date }[]>`
    DELETE FROM "TerminalTicket" WHERE "tokenHash" = ${hashTicket(ticket)} RETURNING "userId", "workflowId", "nodeId", "expiresAt"`
  if (!row || row.expiresAt.getTime() <= Date.now() || row.workflowId !== workflowId || row.nodeId !== nodeId) return undefined
  return { userId: row.userId }
}
