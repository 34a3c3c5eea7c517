'use client'

import { ApiTokensSection } from './api-tokens-section'
import { SessionsSection } from './sessions-section'

/** Credentials: API tokens for scripts, and the sessions signed in as you. */
export function SettingsPage() {
  return (
    <main className="page">
      <h1>Settings</h1>
      <ApiTokensSection />
      <SessionsSection />
    </main>
  )
}
