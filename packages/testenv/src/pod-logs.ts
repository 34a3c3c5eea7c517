import { appendFile } from 'node:fs/promises'

/**
 * Appends lines to a kwok-served pod log file in the CRI log format
 * (`<RFC3339Nano> <stream> F <text>`), which kwok reads with the kubelet's own
 * CRI log reader. Appending while a client follows the log streams the lines
 * to it.
 */
export async function appendPodLog(file: string, lines: string | string[], stream: 'stdout' | 'stderr' = 'stdout'): Promise<void> {
  const list = Array.isArray(lines) ? lines : [lines]
  const now = new Date().toISOString()
  await appendFile(file, list.map((line) => `${now} ${stream} F ${line}\n`).join(''))
}
