import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

// AES-256-GCM: 12-byte random IV ‖ 16-byte tag ‖ ciphertext. A version byte in front lets the
// format change without guessing.
const VERSION = 1

export type Sealer = { seal(plain: Buffer | string): Buffer; open(sealed: Uint8Array): Buffer }

export function createSealer(base64Key: string): Sealer {
  const key = Buffer.from(base64Key, 'base64')
  if (key.length !== 32) throw new Error('encryption key must be 32 bytes')
  return {
    seal(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain), cipher.final()])
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body])
    },
    open(sealed) {
      const buf = Buffer.from(sealed)
      if (buf[0] !== VERSION) throw new Error('unknown sealed format')
      const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(1, 13))
      decipher.setAuthTag(buf.subarray(13, 29))
      return Buffer.concat([decipher.update(buf.subarray(29)), decipher.final()])
    },
  }
}
