'use client'

import { useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { useAuth } from '../../lib/auth/auth-context'
import { REVOKE_SESSION, SESSIONS } from '../../lib/graphql/auth-operations'
import { unwrap, type ApiError, type ApiResult } from '../../lib/graphql/result'
import { FormError } from '../ui/form-error'

type Session = { id: string; kind: 'BROWSER' | 'BEARER'; current: boolean; userAgent: string | null; address: string | null; createdAt: string; expiresAt: string }

/** Every session signed in as you (this browser, others, script logins); each can be signed out. */
export function SessionsSection() {
  const { signOut } = useAuth()
  const [{ data }, refetch] = useQuery<{ sessions: Session[] }>({ query: SESSIONS })
  const [, revoke] = useMutation<{ revokeSession: ApiResult<boolean> }>(REVOKE_SESSION)
  const [error, setError] = useState<ApiError | null>(null)

  async function onRevoke(s: Session) {
    setError(null)
    if (s.current) return signOut()
    const res = await revoke({ id: s.id }).then((r) => unwrap(r.data?.revokeSession, r.error))
    if (!res.ok) setError(res.error)
    refetch({ requestPolicy: 'network-only' })
  }

  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Sessions</h2>
      <p className="muted">Browsers and scripts signed in as you. Signing one out stops it at once.</p>
      <FormError error={error} />
      <table className="list">
        <thead>
          <tr>
            <th scope="col">Where</th>
            <th scope="col">From</th>
            <th scope="col">Signed in</th>
            <th scope="col">Expires</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {data?.sessions.map((s) => (
            <tr key={s.id} data-testid="session-row">
              <td>
                {s.kind === 'BROWSER' ? 'Browser' : 'Script (bearer token)'}
                {s.current && <span className="badge" style={{ marginLeft: '0.4rem' }}>this session</span>}
                {s.userAgent && <div className="muted small">{s.userAgent}</div>}
              </td>
              <td className="mono small">{s.address ?? '—'}</td>
              <td className="small">{new Date(s.createdAt).toLocaleString()}</td>
              <td className="small">{new Date(s.expiresAt).toLocaleString()}</td>
              <td style={{ textAlign: 'right' }}>
                <button type="button" className="btn btn-sm btn-danger" onClick={() => void onRevoke(s)} aria-label={s.current ? 'Sign out this session' : `Sign out session from ${s.address ?? 'unknown address'}`}>
                  Sign out
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
