'use client'

import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react'
import { useClient, useMutation } from 'urql'
import { CREATE_CLUSTER, KUBECONFIG_CONTEXTS } from '../../lib/graphql/operations'
import { unwrap, type ApiError, type ApiResult } from '../../lib/graphql/result'
import type { Cluster } from '../../lib/graphql/types'
import { useDebouncedValue } from '../../lib/use-debounced-value'
import { FormError } from '../ui/form-error'

type Method = 'kubeconfig' | 'token' | 'none'
type KubeContext = { name: string; cluster: string; server: string }

const METHODS: { value: Method; label: string }[] = [
  { value: 'kubeconfig', label: 'From a kubeconfig' },
  { value: 'token', label: 'Server and token' },
  { value: 'none', label: 'Name only (credentials later)' },
]

/** A CA pasted as PEM is sent as the base64 a kubeconfig's certificate-authority-data holds. */
export function caDataOf(text: string): string | undefined {
  const trimmed = text.trim()
  if (!trimmed) return undefined
  return trimmed.startsWith('-----BEGIN') ? btoa(trimmed + '\n') : trimmed.replace(/\s+/g, '')
}

/**
 * Registers a cluster: from a kubeconfig (pasted or uploaded, with the context chosen from the
 * server's reading of it), from server + token + CA, or by name only. The API tests the connection
 * on create; the form is cleared afterwards so no secret stays on screen.
 */
export function RegisterClusterForm({ onCreated }: { onCreated(c: Cluster): void }) {
  const client = useClient()
  const [{ fetching: creating }, createCluster] = useMutation<{ createCluster: ApiResult<Cluster> }>(CREATE_CLUSTER)
  const [method, setMethod] = useState<Method>('kubeconfig')
  const [kubeconfig, setKubeconfig] = useState('')
  const [fileName, setFileName] = useState<string | null>(null)
  const [contexts, setContexts] = useState<KubeContext[] | null>(null)
  const [contextsError, setContextsError] = useState<string | null>(null)
  const [context, setContext] = useState('')
  const [formError, setFormError] = useState<ApiError | null>(null)
  const [formKey, setFormKey] = useState(0)
  const debounced = useDebouncedValue(kubeconfig, 400)

  // The contexts come from the API (the same parser that will store it), never from a local guess.
  useEffect(() => {
    if (method !== 'kubeconfig' || !debounced.trim()) {
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
          setContext((c) => (res.data.some((x) => x.name === c) ? c : (res.data[0]?.name ?? '')))
        } else {
          setContexts(null)
          setContextsError(res.error.issues?.[0] ? kubeconfigIssue(res.error.issues[0]) : res.error.message)
        }
      })
    return () => {
      live = false
    }
  }, [client, debounced, method])

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0]
    if (!file) return
    setKubeconfig(await file.text())
    setFileName(file.name)
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    const text = (k: string) => String(form.get(k) ?? '').trim()
    let connection: Record<string, unknown> | null = null
    if (method === 'kubeconfig') connection = { kubeconfig, context: context || null }
    if (method === 'token')
      connection = { server: text('server'), token: text('token'), caData: caDataOf(text('caData')) ?? null, insecureSkipTlsVerify: form.get('insecure') === 'on' }
    setFormError(null)
    const r = await createCluster({ input: { name: text('name'), description: text('description') || null, connection } }, { additionalTypenames: ['Cluster'] })
    const res = unwrap(r.data?.createCluster, r.error)
    if (!res.ok) return setFormError(res.error)
    // Forget every credential typed or uploaded: it is sealed on the server and never shown again.
    setKubeconfig('')
    setFileName(null)
    setContexts(null)
    setContext('')
    setFormKey((k) => k + 1)
    onCreated(res.data)
  }

  const issueAt = (...keys: string[]) => formError?.issues?.find((i) => keys.includes(i.path[i.path.length - 1] ?? ''))?.message
  const nameIssue = formError?.issues?.find((i) => i.path[0] === 'name')?.message
  const inKubeconfig = formError?.issues?.find((i) => i.path.includes('kubeconfig'))
  const fieldIssues = { kubeconfig: inKubeconfig && kubeconfigIssue(inKubeconfig), context: issueAt('context'), server: issueAt('server'), token: issueAt('token'), caData: issueAt('caData') }
  const shownElsewhere = nameIssue || Object.values(fieldIssues).some(Boolean)

  return (
    <section className="card" aria-labelledby="new-cluster-title" style={{ maxWidth: 640 }}>
      <h2 id="new-cluster-title">Add a cluster</h2>
      <form key={formKey} onSubmit={onSubmit} aria-label="Add a cluster">
        {formError && !shownElsewhere && <FormError error={formError} />}
        <Field id="cluster-name" label="Name" error={nameIssue}>
          <input id="cluster-name" name="name" required placeholder="e.g. production-cluster" aria-invalid={nameIssue ? true : undefined} aria-describedby={nameIssue ? 'cluster-name-error' : undefined} />
        </Field>
        <div className="field">
          <label htmlFor="cluster-description">Description (optional)</label>
          <input id="cluster-description" name="description" />
        </div>
        <fieldset className="checkbox-group">
          <legend>Connection</legend>
          {METHODS.map((m) => (
            <label key={m.value} className="checkbox">
              <input type="radio" name="method" value={m.value} checked={method === m.value} onChange={() => setMethod(m.value)} />
              {m.label}
            </label>
          ))}
        </fieldset>

        {method === 'kubeconfig' && (
          <>
            <Field id="cluster-kubeconfig" label="Kubeconfig" error={fieldIssues.kubeconfig ?? contextsError ?? undefined} hint="Paste it, or upload the file. exec plugins and file paths are refused.">
              <textarea
                id="cluster-kubeconfig"
                rows={6}
                required
                spellCheck={false}
                className="mono"
                value={kubeconfig}
                onChange={(e) => {
                  setKubeconfig(e.target.value)
                  setFileName(null)
                }}
                aria-invalid={fieldIssues.kubeconfig || contextsError ? true : undefined}
                aria-describedby={fieldIssues.kubeconfig || contextsError ? 'cluster-kubeconfig-error' : 'cluster-kubeconfig-hint'}
              />
            </Field>
            <div className="field">
              <label htmlFor="cluster-kubeconfig-file">Kubeconfig file</label>
              <input id="cluster-kubeconfig-file" type="file" onChange={(e) => void onFile(e)} />
              {fileName && <span className="field-hint">Read from {fileName}</span>}
            </div>
            <Field id="cluster-context" label="Context" error={fieldIssues.context}>
              <select id="cluster-context" value={context} onChange={(e) => setContext(e.target.value)} disabled={!contexts?.length}>
                {!contexts?.length && <option value="">{kubeconfig.trim() ? 'Reading contexts…' : 'Paste or upload a kubeconfig first'}</option>}
                {contexts?.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name} — {c.server}
                  </option>
                ))}
              </select>
            </Field>
          </>
        )}

        {method === 'token' && (
          <>
            <Field id="cluster-server" label="API server URL" error={fieldIssues.server}>
              <input id="cluster-server" name="server" type="url" required placeholder="https://203.0.113.10:6443" />
            </Field>
            <Field id="cluster-token" label="Bearer token" error={fieldIssues.token}>
              <input id="cluster-token" name="token" type="password" required autoComplete="off" />
            </Field>
            <Field id="cluster-ca" label="CA certificate (optional)" error={fieldIssues.caData} hint="PEM or base64.">
              <textarea id="cluster-ca" name="caData" rows={3} className="mono" spellCheck={false} />
            </Field>
            <label className="checkbox">
              <input type="checkbox" name="insecure" /> Skip TLS verification (not for production)
            </label>
          </>
        )}

        <div className="row" style={{ marginTop: '0.5rem' }}>
          <button type="submit" className="btn btn-primary" disabled={creating}>
            {creating ? (method === 'none' ? 'Adding…' : 'Adding and testing…') : 'Add cluster'}
          </button>
          {method !== 'none' && <span className="field-hint">The connection is tested when the cluster is added.</span>}
        </div>
      </form>
    </section>
  )
}

function Field(props: { id: string; label: string; error?: string; hint?: string; children: React.ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.hint && !props.error && (
        <span id={`${props.id}-hint`} className="field-hint">
          {props.hint}
        </span>
      )}
      {props.error && (
        <span id={`${props.id}-error`} className="field-error">
          {props.error}
        </span>
      )}
    </div>
  )
}

/** An issue inside the kubeconfig names its field there: `users[1].user.exec: is an exec credential plugin…`. */
function kubeconfigIssue(issue: { path: string[]; message: string }): string {
  const inner = issue.path.slice(issue.path.indexOf('kubeconfig') + 1)
  if (!inner.length) return `kubeconfig ${issue.message}`
  return `${inner.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i ? `.${p}` : p)).join('')}: ${issue.message}`
}
