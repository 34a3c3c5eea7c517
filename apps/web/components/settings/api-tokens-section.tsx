'use client'

import { useState, type FormEvent } from 'react'
import { useMutation, useQuery } from 'urql'
import { API_TOKENS, CREATE_API_TOKEN, REVOKE_API_TOKEN } from '../../lib/graphql/auth-operations'
import { unwrap, type ApiError, type ApiResult } from '../../lib/graphql/result'
import { FormError } from '../ui/form-error'

type Scope = 'READ' | 'WRITE' | 'RUN'
type ApiToken = { id: string; name: string; prefix: string; scopes: Scope[]; createdAt: string; lastUsedAt: string | null; expiresAt: string | null }

const SCOPES: { value: Scope; label: string; hint: string }[] = [
  { value: 'READ', label: 'Read', hint: 'workflows, runs, logs, live status' },
  { value: 'WRITE', label: 'Write', hint: 'change designs, versions, clusters, triggers' },
  { value: 'RUN', label: 'Run', hint: 'start and cancel runs, open terminals' },
]

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—')

/** Create (the token is shown once) and revoke API tokens for scripts. */
export function ApiTokensSection() {
  const [{ data, error: listError }, refetch] = useQuery<{ apiTokens: ApiToken[] }>({ query: API_TOKENS })
  const [{ fetching: creating }, create] = useMutation<{ createApiToken: ApiResult<{ token: string; apiToken: ApiToken }> }>(CREATE_API_TOKEN)
  const [, revoke] = useMutation<{ revokeApiToken: ApiResult<boolean> }>(REVOKE_API_TOKEN)
  const [error, setError] = useState<ApiError | null>(null)
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null)
  const reload = () => refetch({ requestPolicy: 'network-only' })
  const listFailure = listError ? unwrap(null, listError) : null

  async function onCreate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    setError(null)
    const formEl = e.currentTarget
    const form = new FormData(formEl)
    const days = String(form.get('expiresInDays') ?? '').trim()
    const res = await create({
      name: String(form.get('name') ?? '').trim(),
      scopes: form.getAll('scope').map(String),
      expiresInDays: days ? Number(days) : null,
    }).then((r) => unwrap(r.data?.createApiToken, r.error))
    if (!res.ok) return setError(res.error)
    setCreated({ name: res.data.apiToken.name, token: res.data.token })
    formEl.reset()
    reload()
  }

  async function onRevoke(t: ApiToken) {
    setError(null)
    const res = await revoke({ id: t.id }).then((r) => unwrap(r.data?.revokeApiToken, r.error))
    if (!res.ok) setError(res.error)
    if (created?.name === t.name) setCreated(null)
    reload()
  }

  return (
    <section className="card" aria-labelledby="api-tokens-title" style={{ marginBottom: '1.5rem' }}>
      <h2 id="api-tokens-title">API tokens</h2>
      <p className="muted">For scripts and CI: send one as <code>Authorization: Bearer ko_…</code>. A token can do only what its scopes allow.</p>
      {listFailure && !listFailure.ok && <FormError error={listFailure.error} />}
      <table className="list" style={{ marginBottom: '1rem' }}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Scopes</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Expires</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {data?.apiTokens.map((t) => (
            <tr key={t.id} data-testid="api-token-row">
              <td>
                <strong>{t.name}</strong> <span className="mono small muted">{t.prefix}…</span>
              </td>
              <td>{t.scopes.map((s) => s.toLowerCase()).join(', ')}</td>
              <td className="small">{when(t.createdAt)}</td>
              <td className="small">{when(t.lastUsedAt)}</td>
              <td className="small">{t.expiresAt ? when(t.expiresAt) : 'never'}</td>
              <td style={{ textAlign: 'right' }}>
                <button type="button" className="btn btn-sm btn-danger" onClick={() => void onRevoke(t)} aria-label={`Revoke token ${t.name}`}>
                  Revoke
                </button>
              </td>
            </tr>
          ))}
          {data && data.apiTokens.length === 0 && (
            <tr>
              <td colSpan={6} className="empty">
                No API tokens.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {created && (
        <div role="status" style={{ background: 'var(--accent-weak)', border: '1px solid var(--accent)', borderRadius: 'var(--radius)', padding: '0.6rem', marginBottom: '1rem' }}>
          <p style={{ margin: '0 0 0.3rem' }}>
            Token <strong>{created.name}</strong> — copy it now, it is not shown again:
          </p>
          <input aria-label="New API token" className="mono" readOnly value={created.token} onFocus={(e) => e.currentTarget.select()} style={{ width: '100%' }} />
        </div>
      )}
      <form onSubmit={onCreate} aria-label="Create an API token" noValidate>
        <h3>Create a token</h3>
        <FormError error={error} />
        <div className="field">
          <label htmlFor="token-name">Name</label>
          <input id="token-name" name="name" required maxLength={100} placeholder="ci-deploy" />
        </div>
        <fieldset className="checkbox-group">
          <legend>Scopes</legend>
          {SCOPES.map((s) => (
            <label key={s.value} className="checkbox" title={s.hint}>
              <input type="checkbox" name="scope" value={s.value} defaultChecked={s.value === 'READ'} />
              {s.label} <span className="muted small">({s.hint})</span>
            </label>
          ))}
        </fieldset>
        <div className="field" style={{ maxWidth: '12rem' }}>
          <label htmlFor="token-days">Expires after (days)</label>
          <input id="token-days" name="expiresInDays" type="number" min={1} max={3650} placeholder="never" />
        </div>
        <button type="submit" className="btn btn-primary" disabled={creating}>
          {creating ? 'Creating…' : 'Create token'}
        </button>
      </form>
    </section>
  )
}
