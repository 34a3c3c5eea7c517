import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { Component } from './processes.ts'
import { tailLog } from './processes.ts'

export interface TlsOptions {
  ca?: Buffer
  cert?: Buffer
  key?: Buffer
  /** For KCM and the scheduler, which serve a self-signed cert of their own. */
  insecure?: boolean
}

/** One GET; resolves with status and body, or rejects on a connection error. Loopback only. */
export function get(url: string, tls?: TlsOptions): Promise<{ status: number; body: string }> {
  const u = new URL(url)
  if (u.hostname !== '127.0.0.1' && u.hostname !== 'localhost') throw new Error(`refusing non-loopback probe ${url}`)
  return new Promise((resolve, reject) => {
    const options = {
      method: 'GET',
      timeout: 5_000,
      ...(u.protocol === 'https:'
        ? { ca: tls?.ca, cert: tls?.cert, key: tls?.key, rejectUnauthorized: !tls?.insecure }
        : {}),
    }
    const req = (u.protocol === 'https:' ? httpsRequest : httpRequest)(u, options, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', reject)
    req.end()
  })
}

/**
 * Polls `check` every 250 ms until it returns true. Fails early if the
 * component exits, and on timeout; both errors carry the tail of its log,
 * which is where a wrong flag or a port clash shows up.
 */
export async function waitUntil(
  what: string,
  component: Component | undefined,
  check: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let lastError = ''
  for (;;) {
    if (component?.exitStatus !== undefined) {
      throw new Error(`${component.name} exited (${component.exitStatus}) before ${what}:\n${tailLog(component.logFile)}`)
    }
    try {
      if (await check()) return
    } catch (err) {
      lastError = (err as Error).message
    }
    if (Date.now() > deadline) {
      const log = component ? `\n${component.name} log:\n${tailLog(component.logFile)}` : ''
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}${log}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/** Waits for a GET of `url` to answer 200 with body "ok". */
export function waitForOk(what: string, component: Component, url: string, timeoutMs: number, tls?: TlsOptions): Promise<void> {
  return waitUntil(what, component, async () => {
    const res = await get(url, tls)
    return res.status === 200 && res.body.trim() === 'ok'
  }, timeoutMs)
}
