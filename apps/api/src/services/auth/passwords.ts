import { hash, verify } from '@node-rs/argon2'

// argon2id with the library's defaults (OWASP-recommended parameters).
export const hashPassword = (password: string) => hash(password)
export const verifyPassword = (hashed: string, password: string) => verify(hashed, password)
