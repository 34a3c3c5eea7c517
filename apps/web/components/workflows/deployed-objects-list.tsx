'use client'

import { useQuery } from 'urql'
import { DEPLOYED_OBJECTS } from '../../lib/graphql/operations'
import { unwrap, type ApiResult } from '../../lib/graphql/result'
import type { DeployedObjects } from '../../lib/graphql/types'

/**
 * The objects a workflow has on its cluster now, read from the cluster (the same label selection
 * archive and delete remove), so a confirmation names exactly what goes.
 */
export function DeployedObjectsList({ workflowId, verb }: { workflowId: string; verb: string }) {
  const [{ data, error }] = useQuery<{ deployedObjects: ApiResult<DeployedObjects> }>({
    query: DEPLOYED_OBJECTS,
    variables: { workflowId },
    requestPolicy: 'network-only',
  })
  const result = data || error ? unwrap(data?.deployedObjects, error) : null
  if (!result) return <p className="muted" role="status">Reading what is deployed…</p>
  if (!result.ok) return <p className="form-error">{result.error.message}; every object labelled with this workflow will be {verb}.</p>
  const { clusterName, objects } = result.data
  if (objects.length === 0) return <p data-testid="deployed-objects">Nothing of it is deployed on {clusterName}: nothing will be {verb}.</p>
  return (
    <div data-testid="deployed-objects">
      <p>
        These {objects.length} object{objects.length === 1 ? '' : 's'} on <strong>{clusterName}</strong> will be {verb}:
      </p>
      <ul className="object-list">
        {objects.slice(0, 50).map((o) => (
          <li key={`${o.kind}/${o.namespace}/${o.name}`} className="mono small">
            {o.kind} {o.namespace ? `${o.namespace}/` : ''}
            {o.name}
          </li>
        ))}
        {objects.length > 50 && <li className="muted">and {objects.length - 50} more</li>}
      </ul>
    </div>
  )
}
