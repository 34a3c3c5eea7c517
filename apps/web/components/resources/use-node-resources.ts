'use client'

import { useCallback, useEffect, useRef, useState } from 'react'
import { useQuery } from 'urql'
import { NODE_RESOURCES } from '../../lib/graphql/operations'
import { unwrap, type ApiResult } from '../../lib/graphql/result'
import type { HealthState, NodeResources, WorkflowEvent } from '../../lib/graphql/types'
import { useWorkflowEvents } from '../../lib/graphql/use-workflow-events'

export type NodeHealth = { state: HealthState; message: string }
const STATES = new Set<string>(['healthy', 'partial', 'error', 'unknown'])
const asHealth = (h: { state: string; message: string }): NodeHealth => ({ state: (STATES.has(h.state) ? h.state : 'unknown') as HealthState, message: h.message })

/**
 * A node's objects, events and pods (`nodeResources`), with its health kept live by the
 * workflow's events: a node_update of this node moves the colour at once and refetches the rest
 * (at most once a second), as does the end of a run.
 */
export function useNodeResources(workflowId: string, nodeId: string, refetchMs = 1000) {
  const [{ data, error, fetching }, refetch] = useQuery<{ nodeResources: ApiResult<NodeResources> }>({
    query: NODE_RESOURCES,
    variables: { workflowId, nodeId },
    requestPolicy: 'network-only',
  })
  const result = data || error ? unwrap(data?.nodeResources, error) : null
  // undefined: no event yet (the query's persisted health shows); null: the stream knows no state.
  const [liveHealth, setLiveHealth] = useState<NodeHealth | null | undefined>(undefined)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), [])
  const reload = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch])

  useWorkflowEvents(
    workflowId,
    useCallback(
      (event: WorkflowEvent) => {
        if (event.type === 'metadata') {
          const own = event.payload.nodes.find((n) => n.nodeId === nodeId)
          setLiveHealth(own ? asHealth(own) : null)
          return
        }
        const ours = event.type === 'node_update' && event.payload.nodeId === nodeId
        if (ours) setLiveHealth(asHealth(event.payload))
        if ((ours || event.type === 'run_completed') && !timer.current)
          timer.current = setTimeout(() => {
            timer.current = null
            reload()
          }, refetchMs)
      },
      [nodeId, reload, refetchMs],
    ),
  )

  const resources = result?.ok ? result.data : null
  const health: NodeHealth = liveHealth ?? (resources?.health ? asHealth(resources.health) : { state: 'unknown', message: 'Not deployed yet' })
  return { result, resources, health, fetching, reload }
}
