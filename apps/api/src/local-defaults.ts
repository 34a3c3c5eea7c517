import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Zero-setup keys for a local install: generated once into the data folder (mode 0600) when the
 * environment does not provide them. Production sets KUBEORCH_JWT_SECRET and KUBEORCH_ENCRYPTION_KEY.
 */
export function localKeys(dataDir: string): { jwtSecret: string; encryptionKey: string } {
  const file = join(dataDir, 'keys.json')
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true })
    const keys = { jwtSecret: randomBytes(48).toString('base64url'), encryptionKey: randomBytes(32).toString('base64') }
    writeFileSync(file, JSON.stringify(keys), { mode: 0o600 })
  }
  return JSON.parse(readFileSync(file, 'utf8'))
}
