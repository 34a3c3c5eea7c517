import { randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'

// argon2id with the library's defaults (OWASP-recommended parameters).
export const hashPassword = (password: string) => hash(password)
export const verifyPassword = (hashed: string, password: string) => verify(hashed, password)

let dummy: Promise<string> | undefined
/**
 * A hash of a random password with the same parameters as real ones: a login for an unknown email
 * verifies against it, so it costs what a wrong password costs and its timing does not tell
 * which emails are registered.
 */
export const dummyPasswordHash = () => (dummy ??= hashPassword(randomBytes(24).toString('base64url')))
