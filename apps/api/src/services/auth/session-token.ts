import { SignJWT, jwtVerify } from 'jose'

const ISSUER = 'kubeorch'

export async function signSessionToken(userId: string, secret: string, ttlSeconds: number): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(new TextEncoder().encode(secret))
}

/** The user id of a valid session token, or undefined. */
export async function verifySessionToken(token: string, secret: string): Promise<string | undefined> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { issuer: ISSUER, algorithms: ['HS256'] })
    return payload.sub
  } catch {
    return undefined
  }
}
