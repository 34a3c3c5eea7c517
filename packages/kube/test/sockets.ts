import { readdirSync, readFileSync, readlinkSync } from 'node:fs'

/**
 * Established TCP connections from this process to `port` on loopback, read from /proc: the
 * socket inodes among our file descriptors, matched against the kernel's TCP tables.
 */
export function openConnections(port: number): number {
  const inodes = new Set<string>()
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`))
      if (match) inodes.add(match[1]!)
    } catch {
      // fd closed while we looked
    }
  }
  let count = 0
  for (const table of ['/proc/self/net/tcp', '/proc/self/net/tcp6']) {
    let text: string
    try {
      text = readFileSync(table, 'utf8')
    } catch {
      continue
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/)
      if (cols.length < 10) continue
      const remotePort = parseInt(cols[2]!.split(':')[1]!, 16)
      if (remotePort === port && cols[3] === '01' && inodes.has(cols[9]!)) count++
    }
  }
  return count
}
