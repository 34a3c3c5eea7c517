'use client'

import { useEffect, useRef, useState, type ChangeEvent, type ReactNode } from 'react'
import { useClient } from 'urql'
import { KUBECONFIG_CONTEXTS } from '../../lib/graphql/operations'
import { unwrap, type ApiResult } from '../../lib/graphql/result'
import { useDebouncedValue } from '../../lib/use-debounced-value'

export type KubeContext = { name: string; cluster: string; server: string; current: boolean }
export type KubeconfigValue = { kubeconfig: string; context: string }

/**
 * A kubeconfig pasted or uploaded, and the context to use. The contexts come from the API (the
 * same strict reading that will store it), never from a local guess; the kubeconfig's
 * current-context is chosen first, as kubectl would.
 */
export function KubeconfigFields(props: {
  idPrefix: string
  value: KubeconfigValue
  onChange(value: KubeconfigValue): void
  /** A server-side issue about the kubeconfig or the context, from the last submit. */
  errors?: { kubeconfig?: string; context?: string }
  required?: boolean
  hint?: ReactNode
}) {
  const client = useClient()
  const { value, onChange, idPrefix } = props
  const [contexts, setContexts] = useState<KubeContext[] | null>(null)
  const [contextsError, setContextsError] = useState<string | null>(null)
  const [fileName, setFileName] = useState<string | null>(null)
  const debounced = useDebouncedValue(value.kubeconfig, 400)
  // The answer arrives later: it must not overwrite what was typed meanwhile.
  const latest = useRef(value)
  latest.current = value

  useEffect(() => {
    if (!debounced.trim()) {
      setContexts(null)
      setContextsError(null)
      return
    }
    let live = true
    void client
      .query<{ kubeconfigContexts: ApiResult<KubeContext[]> }>(KUBECONFIG_CONTEXTS, { kubeconfig: debounced }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((r) => {
        if (!live) return
        const res = unwrap(r.data?.kubeconfigContexts, r.error)
        if (res.ok) {
          setContexts(res.data)
          setContextsError(res.data.length ? null : 'This kubeconfig has no contexts.')
          const now = latest.current
          if (!res.data.some((x) => x.name === now.context)) onChange({ ...now, context: (res.data.find((x) => x.current) ?? res.data[0])?.name ?? '' })
        } else {
          setContexts(null)
          setContextsError(res.error.issues?.[0] ? kubeconfigIssue(res.error.issues[0]) : res.error.message)
        }
      })
    return () => {
      live = false
    }
    // The context choice must not re-run the lookup; only a new kubeconfig does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, debounced])

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0]
    if (!file) return
    onChange({ ...value, kubeconfig: await file.text() })
    setFileName(file.name)
  }

  const kubeconfigError = props.errors?.kubeconfig ?? contextsError ?? undefined
  const id = (s: string) => `${idPrefix}-${s}`
  return (
    <>
      <div className="field">
        <label htmlFor={id('kubeconfig')}>Kubeconfig</label>
        <textarea
          id={id('kubeconfig')}
          rows={6}
          required={props.required}
          spellCheck={false}
          className="mono"
          value={value.kubeconfig}
          onChange={(e) => {
            onChange({ ...value, kubeconfig: e.target.value })
            setFileName(null)
          }}
          aria-invalid={kubeconfigError ? true : undefined}
          aria-describedby={kubeconfigError ? `${id('kubeconfig')}-error` : `${id('kubeconfig')}-hint`}
        />
        {kubeconfigError ? (
          <span id={`${id('kubeconfig')}-error`} className="field-error">
            {kubeconfigError}
          </span>
        ) : (
          <span id={`${id('kubeconfig')}-hint`} className="field-hint">
            {props.hint ?? 'Paste it, or upload the file. exec plugins and file paths are refused.'}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor={id('kubeconfig-file')}>Kubeconfig file</label>
        <input id={id('kubeconfig-file')} type="file" onChange={(e) => void onFile(e)} />
        {fileName && <span className="field-hint">Read from {fileName}</span>}
      </div>
      <div className="field">
        <label htmlFor={id('context')}>Context</label>
        <select id={id('context')} value={value.context} onChange={(e) => onChange({ ...value, context: e.target.value })} disabled={!contexts?.length}>
          {!contexts?.length && <option value="">{value.kubeconfig.trim() ? 'Reading contexts…' : 'Paste or upload a kubeconfig first'}</option>}
          {contexts?.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name} — {c.server}
              {c.current ? ' (current-context)' : ''}
            </option>
          ))}
        </select>
        {props.errors?.context && <span className="field-error">{props.errors.context}</span>}
      </div>
    </>
  )
}

/** An issue inside the kubeconfig names its field there: `users[1].user.exec: is an exec credential plugin…`. */
export function kubeconfigIssue(issue: { path: string[]; message: string }): string {
  const inner = issue.path.slice(issue.path.indexOf('kubeconfig') + 1)
  if (!inner.length) return `kubeconfig ${issue.message}`
  return `${inner.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i ? `.${p}` : p)).join('')}: ${issue.message}`
}
