import { createTerminalTicket, requires } from '../../services/index.ts'
import { builder } from '../builder.ts'
import { WRITE_ERRORS } from './errors.ts'

// The terminal itself is a WebSocket (REST table: /v1/api/workflows/:id/nodes/:nodeId/terminal);
// browsers open it with a ticket from here.

const TicketRef = builder.objectRef<{ ticket: string; expiresAt: Date }>('TerminalTicket').implement({
  fields: (t) => ({
    ticket: t.exposeString('ticket', { description: 'Pass as ?ticket= to the terminal WebSocket; works once.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
  }),
})

builder.mutationFields((t) => ({
  createTerminalTicket: t.field({
    type: TicketRef,
    authScopes: { loggedIn: true },
    extensions: requires('run'),
    errors: { types: WRITE_ERRORS },
    description: 'A single-use ticket (valid 30 s) for one node\'s terminal WebSocket.',
    args: { workflowId: t.arg.id(), nodeId: t.arg.string() },
    resolve: (_r, a, ctx) => createTerminalTicket(ctx.deps, ctx.actor!, String(a.workflowId), a.nodeId),
  }),
}))
