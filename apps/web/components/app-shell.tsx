'use client'

import Link from 'next/link'
import { usePathname, useRouter } from 'next/navigation'
import { useEffect, type ReactNode } from 'react'
import { useAuth } from '../lib/auth/auth-context'

const NAV = [
  { href: '/workflows', label: 'Workflows' },
  { href: '/clusters', label: 'Clusters' },
  { href: '/settings', label: 'Settings' },
]

/** Signed-in pages: a top bar, and a redirect to sign in when there is no session. */
export function AppShell({ children }: { children: ReactNode }) {
  const { ready, session, signOut } = useAuth()
  const pathname = usePathname()
  const router = useRouter()

  useEffect(() => {
    if (ready && !session) router.replace(`/sign-in?next=${encodeURIComponent(pathname)}`)
  }, [ready, session, pathname, router])

  if (!ready || !session) return <p className="empty" role="status">Loading…</p>

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">KubeOrch</span>
        <nav aria-label="Main" className="row">
          {NAV.map((item) => (
            <Link key={item.href} href={item.href} aria-current={pathname.startsWith(item.href) ? 'page' : undefined}>
              {item.label}
            </Link>
          ))}
        </nav>
        <span className="spacer" />
        <span title={session.user.email}>{session.user.name || session.user.email}</span>
        <button type="button" className="btn btn-sm" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      {children}
    </div>
  )
}
