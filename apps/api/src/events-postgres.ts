import pg from 'pg'
import { createInProcessEventBus, type EventBus, type WorkflowEvent } from './events.ts'
import type { ReplicaResource } from './services/replicas/replica.ts'

const CHANNEL = 'kubeorch_events'
// PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; keep a margin for the envelope.
export const MAX_NOTIFY_BYTES = 7900
const RECONNECT_MS = 1000

type Envelope = { o: string; e: WorkflowEvent }

/**
 * The event bus for several API replicas on one PostgreSQL: every event is delivered to this
 * replica's subscribers at once (in-process, in full) and sent with NOTIFY on one channel; every
 * replica LISTENs and hands the events of the others to its own subscribers. Events of one
 * workflow keep their order (one publishing connection, one listening connection).
 *
 * NOTIFY carries at most 8000 bytes: a larger event reaches the other replicas trimmed (node
 * `details` dropped, long messages cut, `truncated: true`); the full data stays in the database
 * (node status, run log), where a reconnecting client's snapshot reads it. Events published while
 * the listening connection is down are lost for the other replicas' subscribers, as for a slow
 * subscriber: they reconnect and get the current state.
 */
export function createPostgresEventBus(databaseUrl: string, replicaId: string): EventBus & ReplicaResource {
  const local = createInProcessEventBus()
  const publisher = new pg.Pool({ connectionString: databaseUrl, max: 1 })
  publisher.on('error', (e) => console.warn(`event bus (publish): ${e.message}`))
  let listener: pg.Client | undefined
  let stopping = false
  let sending: Promise<unknown> = Promise.resolve()
  let retry: NodeJS.Timeout | undefined

  const connect = async () => {
    const client = new pg.Client({ connectionString: databaseUrl })
    client.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return
      let envelope: Envelope
      try {
        envelope = JSON.parse(msg.payload) as Envelope
      } catch {
        return
      }
      if (envelope.o !== replicaId) local.publish(envelope.e)
    })
    const reconnect = () => {
      if (stopping || listener !== client) return
      listener = undefined
      client.end().catch(() => {})
      retry = setTimeout(() => connect().catch((e) => console.warn(`event bus (listen): ${e.message}`)), RECONNECT_MS)
    }
    client.on('error', (e) => {
      console.warn(`event bus (listen): ${e.message}`)
      reconnect()
    })
    client.on('end', reconnect)
    listener = client
    try {
      await client.connect()
      await client.query(`LISTEN ${CHANNEL}`)
    } catch (e) {
      reconnect()
      throw e
    }
  }

  return {
    publish(event) {
      local.publish(event)
      const payload = encode({ o: replicaId, e: event })
      if (payload === undefined) {
        console.warn(`event bus: ${event.type} of workflow ${event.workflowId} too large for NOTIFY even trimmed; not sent to other replicas`)
        return
      }
      sending = sending
        .then(() => publisher.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]))
        .catch((e: Error) => console.warn(`event bus (publish): ${e.message}`))
    },
    subscribe: local.subscribe,
    subscriberCount: local.subscriberCount,
    async start() {
      await connect()
    },
    async stop() {
      stopping = true
      clearTimeout(retry)
      await sending
      await listener?.end().catch(() => {})
      listener = undefined
      await publisher.end().catch(() => {})
    },
  }
}

/** JSON within MAX_NOTIFY_BYTES, trimming the event if needed; undefined if even that is too large. */
export function encode(envelope: Envelope): string | undefined {
  let text = JSON.stringify(envelope)
  if (Buffer.byteLength(text) <= MAX_NOTIFY_BYTES) return text
  const e = { ...envelope.e, truncated: true } as Record<string, unknown>
  if ('details' in e) e.details = { truncated: true }
  text = JSON.stringify({ o: envelope.o, e })
  for (const field of ['message', 'error'] as const) {
    const excess = Buffer.byteLength(text) - MAX_NOTIFY_BYTES
    if (excess <= 0) break
    const value = e[field]
    if (typeof value !== 'string') continue
    // Cut by characters with room for multi-byte ones; JSON escaping only makes the cut larger.
    e[field] = `${value.slice(0, Math.max(0, value.length - excess - 16))}… [truncated]`
    text = JSON.stringify({ o: envelope.o, e })
  }
  return Buffer.byteLength(text) <= MAX_NOTIFY_BYTES ? text : undefined
}
