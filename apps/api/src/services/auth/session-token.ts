import { SignJWT, jwtVerify } from 'jose'

const ISSUER = 'kubeorch'

/** A bearer JWT for scripts: names the user (`sub`) and its Session row (`sid`), so it can be revoked. */
export async function signSessionToken(userId: string, sessionId: string, secret: string, ttlSeconds: number): Promise<string> {
  return new SignJWT({ sid: sessionId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(new TextEncoder().encode(secret))
}

/** The user and session of a valid token, or undefined (tokens without a session id predate revocation: refused). */
export async function verifySessionToken(token: string, secret: string): Promise<{ userId: string; sessionId: string } | undefined> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { issuer: ISSUER, algorithms: ['HS256'] })
    return payload.sub && typeof payload.sid === 'string' ? { userId: payload.sub, sessionId: payload.sid } : undefined
  } catch {
    return undefined
  }
}
