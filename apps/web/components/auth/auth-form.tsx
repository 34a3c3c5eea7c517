'use client'

import Link from 'next/link'
import { useRouter, useSearchParams } from 'next/navigation'
import { useEffect, useState, type FormEvent } from 'react'
import { useMutation } from 'urql'
import { useAuth } from '../../lib/auth/auth-context'
import type { Session } from '../../lib/auth/browser-session'
import { SIGN_IN, SIGN_UP } from '../../lib/graphql/auth-operations'
import { unwrap, type ApiError, type ApiResult } from '../../lib/graphql/result'

type Mode = 'sign-in' | 'register'

/** Only same-site paths: `?next=//evil.example` must not send people away. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/workflows'
}

export function AuthForm({ mode }: { mode: Mode }) {
  const router = useRouter()
  const params = useSearchParams()
  const { ready, session, signIn } = useAuth()
  // The API answers with the session cookie (httpOnly: this page never holds a token).
  const [{ fetching: loggingIn }, login] = useMutation<{ signIn: ApiResult<Session> }>(SIGN_IN)
  const [{ fetching: registering }, register] = useMutation<{ signUp: ApiResult<Session> }>(SIGN_UP)
  const [error, setError] = useState<ApiError | null>(null)
  const next = safeNext(params.get('next'))

  useEffect(() => {
    if (ready && session) router.replace(next)
  }, [ready, session, next, router])

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    setError(null)
    const form = new FormData(e.currentTarget)
    const email = String(form.get('email') ?? '').trim()
    const password = String(form.get('password') ?? '')
    const name = String(form.get('name') ?? '').trim()
    const res =
      mode === 'sign-in'
        ? await login({ email, password }).then((r) => unwrap(r.data?.signIn, r.error))
        : await register({ email, password, name: name || null }).then((r) => unwrap(r.data?.signUp, r.error))
    if (res.ok) signIn(res.data)
    else setError(res.error)
  }

  const busy = loggingIn || registering
  const issueFor = (field: string) => error?.issues?.find((i) => i.path[i.path.length - 1] === field)?.message
  const title = mode === 'sign-in' ? 'Sign in to KubeOrch' : 'Create your KubeOrch account'

  return (
    <main className="auth-wrap">
      <div className="card auth-card">
        <h1>{title}</h1>
        <form onSubmit={onSubmit} noValidate aria-describedby={error ? 'auth-error' : undefined}>
          {error && !error.issues?.length && (
            <p id="auth-error" className="form-error" role="alert">
              {error.message}
            </p>
          )}
          {mode === 'register' && (
            <Field name="name" label="Name" autoComplete="name" error={issueFor('name')} />
          )}
          <Field name="email" label="Email" type="email" autoComplete="email" required error={issueFor('email')} />
          <Field
            name="password"
            label="Password"
            type="password"
            autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
            required
            error={issueFor('password')}
            hint={mode === 'register' ? 'At least 8 characters.' : undefined}
          />
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Please wait…' : mode === 'sign-in' ? 'Sign in' : 'Create account'}
          </button>
        </form>
        <p className="muted" style={{ marginTop: '1rem' }}>
          {mode === 'sign-in' ? (
            <>
              No account yet? <Link href={`/register?next=${encodeURIComponent(next)}`}>Register</Link>
            </>
          ) : (
            <>
              Already registered? <Link href={`/sign-in?next=${encodeURIComponent(next)}`}>Sign in</Link>
            </>
          )}
        </p>
      </div>
    </main>
  )
}

function Field(props: {
  name: string
  label: string
  type?: string
  autoComplete?: string
  required?: boolean
  error?: string
  hint?: string
}) {
  const id = `auth-${props.name}`
  const describedBy = [props.error && `${id}-error`, props.hint && `${id}-hint`].filter(Boolean).join(' ') || undefined
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        autoComplete={props.autoComplete}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy}
      />
      {props.hint && (
        <span id={`${id}-hint`} className="field-hint">
          {props.hint}
        </span>
      )}
      {props.error && (
        <span id={`${id}-error`} className="field-error">
          {props.error}
        </span>
      )}
    </div>
  )
}
