'use client'

import { objectToYaml } from '@kubeorch/domain'
import type { NodeResourceObject } from '../../lib/graphql/types'
import { orderForDisplay } from './yaml-order'

/**
 * Each object of the node: what the last run rendered beside what the cluster has now, as YAML.
 * Secret values never reach the browser (the API blanks them); the rendered copy holds placeholders.
 */
export function ObjectCompare({ objects, version }: { objects: NodeResourceObject[]; version: number | null }) {
  if (objects.length === 0)
    return <p className="muted">{version === null ? 'Nothing deployed yet: run the workflow to see its objects.' : 'The last run rendered no object for this node.'}</p>
  return (
    <>
      {objects.map((o) => {
        const ref = `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`
        return (
          <article key={`${o.kind}/${o.namespace}/${o.name}`} className="object-compare card" aria-label={ref} data-testid={`object-${o.kind}-${o.name}`}>
            <h3 className="object-compare-title">
              <code>{ref}</code> <span className="muted small">{o.apiVersion}</span>
              {!o.live && <span className="severity is-error">not on the cluster</span>}
            </h3>
            <div className="object-compare-cols">
              <YamlPane label={`Rendered manifest (version ${version ?? '—'})`} object={o.manifest} empty="not rendered" />
              <YamlPane label="Live object" object={o.live} empty="The cluster has no such object (deleted, or the run did not apply it)." />
            </div>
          </article>
        )
      })}
    </>
  )
}

function YamlPane({ label, object, empty }: { label: string; object: Record<string, unknown> | null; empty: string }) {
  return (
    <figure className="yaml-pane">
      <figcaption className="small muted">{label}</figcaption>
      <pre className="yaml-view" aria-label={label} tabIndex={0}>
        {object ? objectToYaml(orderForDisplay(object)) : <span className="muted">{empty}</span>}
      </pre>
    </figure>
  )
}
