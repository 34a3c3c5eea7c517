import { spawn } from 'node:child_process'
import { chown, mkdtemp, rm } from 'node:fs/promises'
import { homedir, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { PassThrough } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { CoreV1Api, Exec, type V1Status } from '@kubernetes/client-node'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { EXEC_LAUNCHER, EXEC_UID, launcherEnv } from '../src/exec-confinement.ts'
import { createNamespace, deleteNamespace, kubeConfig, podSpec, waitFor } from './helpers.ts'

const kc = kubeConfig()
const core = kc.makeApiClient(CoreV1Api)
const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const apiserverPort = new URL(kc.getCurrentCluster()!.server).port

/** Runs `sh -c script` in the pod through the apiserver's exec, as kubectl exec does. */
async function execIn(namespace: string, pod: string, script: string): Promise<{ out: string; status: V1Status }> {
  const stdout = new PassThrough()
  let out = ''
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  const status = await new Promise<V1Status>((resolve, reject) => {
    new Exec(kc).exec(namespace, pod, 'main', ['bash', '-c', `${script} 2>&1`], stdout, null, null, false, resolve).catch(reject)
  })
  return { out, status }
}

/** What each probe prints, given the commands' own words (bash: /dev/tcp needs no tool). */
const probes = {
  id: 'id -u; id -g',
  repo: `cat ${repoRoot}/package.json >/dev/null && echo READ-REPO || echo no-repo`,
  home: `ls ${homedir()} >/dev/null && echo READ-HOME || echo no-home`,
  kubeconfig: `cat ${inject('kubeconfigPath')} >/dev/null && echo READ-KUBECONFIG || echo no-kubeconfig`,
  apiserver: `(exec 3<>/dev/tcp/127.0.0.1/${apiserverPort}) && echo REACHED-APISERVER || echo no-network`,
}

describe('exec into a testenv pod is confined', () => {
  let namespace: string
  const pod = 'probe'
  beforeAll(async () => {
    namespace = await createNamespace(core)
    await core.createNamespacedPod({ namespace, body: { metadata: { name: pod }, spec: podSpec('busybox:1.36', 'main') } })
    await waitFor('pod Running', async () => ((await core.readNamespacedPod({ name: pod, namespace })).status?.phase === 'Running' ? true : undefined))
  })
  afterAll(() => deleteNamespace(core, namespace))

  it('runs as uid/gid 65534 and cannot see the repository, $HOME or the control plane, nor reach it', async () => {
    const { out, status } = await execIn(namespace, pod, Object.values(probes).join('; '))
    expect(status.status).toBe('Success')
    expect(out.split('\n').slice(0, 2)).toEqual([String(EXEC_UID), String(EXEC_UID)])
    expect(out).toContain('no-repo')
    expect(out).toContain('no-home')
    expect(out).toContain('no-kubeconfig')
    expect(out).toContain('no-network')
    expect(out).not.toMatch(/READ-|REACHED-/)
  })

  it('sees only its own processes, a read-only root, an empty environment and a scratch dir of its own', async () => {
    const { out } = await execIn(namespace, pod, [
      'echo "pids=$(ls /proc | grep -c "^[0-9]")"',
      'echo "users=$(ps -eo user= | sort -u | tr "\\n" " ")"',
      'touch /usr/x 2>/dev/null && echo WROTE-USR || echo usr-read-only',
      'echo "env=$(env | cut -d= -f1 | sort | tr "\\n" " ")"',
      'echo "cwd=$(pwd)"',
      'echo kept > /scratch/mark && cat /scratch/mark',
      'df -k /scratch | tail -1',
    ].join('; '))
    // The shell, ps/ls and their pipes: a handful, never the host's hundreds (kwok, the apiserver, …).
    expect(Number(/pids=(\d+)/.exec(out)![1])).toBeLessThan(10)
    expect(out).toContain('users=nobody ')
    expect(out).toContain('usr-read-only')
    // PATH, HOME, LANG from the launcher; the rest is bash's own.
    expect(/env=(.*)/.exec(out)![1]!.trim().split(' ')).toEqual(['HOME', 'LANG', 'PATH', 'PWD', 'SHLVL', '_'])
    expect(out).toContain('cwd=/scratch')
    expect(out).toContain('kept')
    // A tmpfs of its own (64 MiB), not a directory of the host.
    expect(out).toMatch(/^scratch\s+65536\s/m)
    expect((await execIn(namespace, pod, 'cat /scratch/mark')).out).toContain('No such file')
  })
})

describe('the exec launcher on its own', () => {
  let execDir: string
  beforeAll(async () => {
    execDir = await mkdtemp(join(tmpdir(), 'exec-confine-'))
    if (process.getuid!() === 0) await chown(execDir, EXEC_UID, EXEC_UID)
  })
  afterAll(() => rm(execDir, { recursive: true, force: true }))

  function launch(args: string[], as: string[] = []) {
    const child = spawn(as[0] ?? EXEC_LAUNCHER, as.length ? [...as.slice(1), EXEC_LAUNCHER, ...args] : args, {
      cwd: execDir, env: launcherEnv(execDir), stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (out += c.toString()))
    return new Promise<{ code: number | null; out: string }>((resolve) => child.on('close', (code) => resolve({ code, out })))
  }

  // Started by an unprivileged user (a developer's sandbox), the same confinement comes from a
  // user namespace. Tests running as root play that user with setpriv.
  it.runIf(process.getuid!() === 0)('confines an unprivileged starter through a user namespace', async () => {
    const nobody = ['setpriv', `--reuid=${EXEC_UID}`, `--regid=${EXEC_UID}`, '--clear-groups']
    const { code, out } = await launch(['--', 'bash', '-c', `${probes.id}; ${probes.repo}; ${probes.apiserver} 2>/dev/null; echo "root=$(ls / | tr '\\n' ' ')"`], nobody)
    expect(code).toBe(0)
    expect(out.split('\n').slice(0, 2)).toEqual([String(EXEC_UID), String(EXEC_UID)])
    expect(out).toContain('no-repo')
    expect(out).toContain('no-network')
    expect(/root=(.*)/.exec(out)![1]).not.toMatch(/\b(work|root|home)\b/)
  })

  it('refuses, saying why, when it is not configured or not called as kwok calls it', async () => {
    const bad = spawn(EXEC_LAUNCHER, ['--', 'id'], { env: {}, stdio: ['ignore', 'pipe', 'pipe'] })
    let err = ''
    bad.stderr.on('data', (c: Buffer) => (err += c.toString()))
    expect(await new Promise((resolve) => bad.on('close', resolve))).toBe(126)
    expect(err).toContain('exec refused: KUBEORCH_EXEC_ROOT must name a directory')
    const usage = await launch(['id'])
    expect(usage).toEqual({ code: 126, out: expect.stringContaining('exec refused: usage') })
    // The second stage sets up mounts: only inside the namespaces stage 1 makes, never here.
    const stage2 = await launch(['--inside-root', 'id'])
    expect(stage2).toEqual({ code: 126, out: expect.stringContaining('exec refused: stage 2 outside its own namespaces') })
  })
})
