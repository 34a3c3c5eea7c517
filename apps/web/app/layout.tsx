import type { ReactNode } from 'react'
import { connection } from 'next/server'
import '@xyflow/react/dist/style.css'
import './globals.css'
import { Providers } from '../components/providers'
import { serverApiUrl } from '../lib/api-url'

export const metadata = { title: 'KubeOrch', description: 'Design, run and watch Kubernetes applications as a graph' }

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request so the API URL comes from the running server's environment, not the build's.
  await connection()
  return (
    <html lang="en">
      <body>
        <Providers apiUrl={serverApiUrl()}>{children}</Providers>
      </body>
    </html>
  )
}
