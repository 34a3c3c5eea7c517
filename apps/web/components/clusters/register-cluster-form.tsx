'use client'

import { useState, type FormEvent } from 'react'
import { useMutation } from 'urql'
import { CREATE_CLUSTER, UPDATE_CLUSTER } from '../../lib/graphql/operations'
import { unwrap, type ApiError, type ApiResult } from '../../lib/graphql/result'
import type { Cluster } from '../../lib/graphql/types'
import { FormError } from '../ui/form-error'
import { KubeconfigFields, kubeconfigIssue, type KubeconfigValue } from './kubeconfig-fields'

type Method = 'kubeconfig' | 'token' | 'none' | 'keep'

const METHODS: { value: Method; label: string; editOnly?: boolean; createOnly?: boolean }[] = [
  { value: 'keep', label: 'Keep the current credentials', editOnly: true },
  { value: 'kubeconfig', label: 'From a kubeconfig' },
  { value: 'token', label: 'Server and token' },
  { value: 'none', label: 'Name only (credentials later)', createOnly: true },
]

/** A CA pasted as PEM is sent as the base64 a kubeconfig's certificate-authority-data holds. */
export function caDataOf(text: string): string | undefined {
  const trimmed = text.trim()
  if (!trimmed) return undefined
  return trimmed.startsWith('-----BEGIN') ? btoa(trimmed + '\n') : trimmed.replace(/\s+/g, '')
}

/**
 * Registers a cluster, or edits one (`editing`): name, description, and its credentials from a
 * kubeconfig (pasted or uploaded, with the context chosen from the server's reading of it), from
 * server + token + CA, or none yet. The API checks and tests the connection; the form is cleared
 * afterwards so no secret stays on screen.
 */
export function RegisterClusterForm({ editing, onSaved, onCancel }: { editing?: Cluster; onSaved(c: Cluster): void; onCancel?(): void }) {
  const [{ fetching: creating }, createCluster] = useMutation<{ createCluster: ApiResult<Cluster> }>(CREATE_CLUSTER)
  const [{ fetching: updating }, updateCluster] = useMutation<{ updateCluster: ApiResult<Cluster> }>(UPDATE_CLUSTER)
  const [method, setMethod] = useState<Method>(editing ? (editing.hasCredentials ? 'keep' : 'kubeconfig') : 'kubeconfig')
  const [kube, setKube] = useState<KubeconfigValue>({ kubeconfig: '', context: '' })
  const [formError, setFormError] = useState<ApiError | null>(null)
  const [formKey, setFormKey] = useState(0)
  const busy = creating || updating
  const prefix = editing ? 'edit-cluster' : 'cluster'

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    const text = (k: string) => String(form.get(k) ?? '').trim()
    let connection: Record<string, unknown> | null = null
    if (method === 'kubeconfig') connection = { kubeconfig: kube.kubeconfig, context: kube.context || null }
    if (method === 'token')
      connection = { server: text('server'), token: text('token'), caData: caDataOf(text('caData')) ?? null, insecureSkipTlsVerify: form.get('insecure') === 'on' }
    setFormError(null)
    const input = { name: text('name'), description: text('description') || null, connection }
    const res = editing
      ? await updateCluster({ id: editing.id, input }, { additionalTypenames: ['Cluster'] }).then((r) => unwrap(r.data?.updateCluster, r.error))
      : await createCluster({ input }, { additionalTypenames: ['Cluster'] }).then((r) => unwrap(r.data?.createCluster, r.error))
    if (!res.ok) return setFormError(res.error)
    // Forget every credential typed or uploaded: it is sealed on the server and never shown again.
    setKube({ kubeconfig: '', context: '' })
    setFormKey((k) => k + 1)
    onSaved(res.data)
  }

  const issueAt = (...keys: string[]) => formError?.issues?.find((i) => keys.includes(i.path[i.path.length - 1] ?? ''))?.message
  const nameIssue = formError?.issues?.find((i) => i.path[0] === 'name')?.message
  const inKubeconfig = formError?.issues?.find((i) => i.path.includes('kubeconfig'))
  const fieldIssues = { kubeconfig: inKubeconfig && kubeconfigIssue(inKubeconfig), context: issueAt('context'), server: issueAt('server'), token: issueAt('token'), caData: issueAt('caData') }
  const shownElsewhere = nameIssue || Object.values(fieldIssues).some(Boolean)
  const methods = METHODS.filter((m) => (editing ? !m.createOnly && (m.value !== 'keep' || editing.hasCredentials) : !m.editOnly))
  const title = editing ? `Edit cluster “${editing.name}”` : 'Add a cluster'

  return (
    <section className={editing ? undefined : 'card'} aria-labelledby={`${prefix}-title`} style={{ maxWidth: 640 }}>
      <h2 id={`${prefix}-title`}>{title}</h2>
      <form key={formKey} onSubmit={onSubmit} aria-label={title}>
        {formError && !shownElsewhere && <FormError error={formError} />}
        <Field id={`${prefix}-name`} label="Name" error={nameIssue}>
          <input
            id={`${prefix}-name`}
            name="name"
            required
            defaultValue={editing?.name}
            placeholder="e.g. production-cluster"
            aria-invalid={nameIssue ? true : undefined}
            aria-describedby={nameIssue ? `${prefix}-name-error` : undefined}
          />
        </Field>
        <div className="field">
          <label htmlFor={`${prefix}-description`}>Description (optional)</label>
          <input id={`${prefix}-description`} name="description" defaultValue={editing?.description ?? ''} />
        </div>
        <fieldset className="checkbox-group">
          <legend>{editing ? 'Credentials' : 'Connection'}</legend>
          {methods.map((m) => (
            <label key={m.value} className="checkbox">
              <input type="radio" name="method" value={m.value} checked={method === m.value} onChange={() => setMethod(m.value)} />
              {m.label}
            </label>
          ))}
        </fieldset>

        {method === 'kubeconfig' && <KubeconfigFields idPrefix={prefix} value={kube} onChange={setKube} errors={fieldIssues} required />}

        {method === 'token' && (
          <>
            <Field id={`${prefix}-server`} label="API server URL" error={fieldIssues.server}>
              <input id={`${prefix}-server`} name="server" type="url" required placeholder="https://203.0.113.10:6443" />
            </Field>
            <Field id={`${prefix}-token`} label="Bearer token" error={fieldIssues.token}>
              <input id={`${prefix}-token`} name="token" type="password" required autoComplete="off" />
            </Field>
            <Field id={`${prefix}-ca`} label="CA certificate (optional)" error={fieldIssues.caData} hint="PEM or base64.">
              <textarea id={`${prefix}-ca`} name="caData" rows={3} className="mono" spellCheck={false} />
            </Field>
            <label className="checkbox">
              <input type="checkbox" name="insecure" /> Skip TLS verification (not for production)
            </label>
          </>
        )}

        <div className="row" style={{ marginTop: '0.5rem' }}>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? (method === 'none' || method === 'keep' ? 'Saving…' : 'Saving and testing…') : editing ? 'Save cluster' : 'Add cluster'}
          </button>
          {onCancel && (
            <button type="button" className="btn" onClick={onCancel}>
              Cancel
            </button>
          )}
          {method !== 'none' && method !== 'keep' && <span className="field-hint">The connection is tested when the cluster is saved.</span>}
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
