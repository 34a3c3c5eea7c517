import { isIP } from 'node:net'

/** Who is calling, as far as the HTTP layer can tell: what throttles and session records use. */
export type Client = {
  /** The client's IP address ('unknown' when the request did not come over a socket, e.g. in-process tests). */
  address: string
  userAgent?: string
  /** The Origin header, when the browser sent one. */
  origin?: string
  /** The request reached us (or our trusted proxy) over https. */
  secure: boolean
}

/**
 * The client of a request. The address is the TCP peer's unless `trustProxyHops` > 0: then it is
 * the X-Forwarded-For entry that many hops from the right (the one our nearest trusted proxy saw),
 * so a client cannot pick its own address by sending the header. IPv4-mapped IPv6 is unwrapped.
 */
export function clientOf(request: Request, socketAddress: string | undefined, trustProxyHops: number): Client {
  const headers = request.headers
  let address = socketAddress
  let secure = new URL(request.url).protocol === 'https:'
  if (trustProxyHops > 0) {
    const forwarded = (headers.get('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean)
    const candidate = forwarded[Math.max(0, forwarded.length - trustProxyHops)]
    if (candidate && isIP(unmap(candidate))) address = candidate
    const proto = (headers.get('x-forwarded-proto') ?? '').split(',').pop()?.trim()
    if (proto) secure = proto === 'https'
  }
  return {
    address: address ? unmap(address) : 'unknown',
    userAgent: headers.get('user-agent')?.slice(0, 300) || undefined,
    origin: headers.get('origin') ?? undefined,
    secure,
  }
}

const unmap = (a: string) => a.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1')

/**
 * The address as a throttle counts it: IPv4 as is, IPv6 by its /64 (one subscriber usually holds a
 * whole /64, so counting single IPv6 addresses would let one client rotate through billions).
 */
export function throttledAddress(address: string): string {
  if (isIP(address) !== 6) return address
  const [head = '', tail = ''] = address.toLowerCase().split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`
}
