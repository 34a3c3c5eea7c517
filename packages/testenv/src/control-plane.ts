import { existsSync, rmSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AdmissionregistrationV1Api, ApiregistrationV1Api, CoreV1Api, KubeConfig, StorageV1Api } from '@kubernetes/client-node'
import { stringify } from 'yaml'
import { componentArgs, type Ports } from './component-args.ts'
import { startConfigCheck, type ConfigCheck } from './config-check.ts'
import { ensureBinaries } from './ensure-binaries.ts'
import { assertKwokConfinesExec, EXEC_LAUNCHER, EXEC_LAUNCHER_ENV } from './exec-confinement.ts'
import { onExit } from './exit-hooks.ts'
import { renderKubeconfig } from './kubeconfig.ts'
import { renderKwokConfig } from './kwok-config.ts'
import { registerMetricsApi } from './metrics.ts'
import { createNodes, nodeSchedulable } from './nodes.ts'
import { generatePki } from './pki.ts'
import { appendPodLog } from './pod-logs.ts'
import { pickFreePorts } from './ports.ts'
import { killGroup, ProcessSet, type Component } from './processes.ts'
import { waitForOk, waitUntil } from './readiness.ts'
import { reapStaleRuns, RunRecord } from './run-registry.ts'
import { createDefaultStorageClass } from './storage.ts'

export interface ControlPlaneOptions {
  /** Where certs, configs, etcd data and component logs go; a fresh temp dir by default. Removed by stop(). */
  workDir?: string
  /** Number of kwok nodes (default 2). */
  nodes?: number
  /** Progress lines; default: none. */
  log?: (line: string) => void
  /** Directory with the six binaries; default: ensureBinaries(). */
  binDir?: string
}

export interface ControlPlane {
  kubeconfigPath: string
  /** Admin kubeconfig YAML (client cert, system:masters), server https://127.0.0.1:PORT. */
  kubeconfig: string
  server: string
  workDir: string
  /** CRI-format file kwok serves as every container's log; append with appendPodLog(). */
  podLogFile: string
  /** Served for `logs --previous`. */
  previousPodLogFile: string
  /** An empty dir each `exec` mounts its private root on, in a mount namespace of its own (exec-confinement.ts). */
  execDir: string
  /** Component logs (etcd.log, kube-apiserver.log, ...). */
  logDir: string
  /**
   * Stops one component (SIGTERM, then SIGKILL), for fault tests: clients see it go away as in
   * an outage. Its ports, certificates and data stay, so startComponent brings it back as it was.
   */
  stopComponent(name: ComponentName): Promise<void>
  /** Starts a stopped component again on the same ports with the same data; resolves once it is healthy. */
  startComponent(name: ComponentName): Promise<void>
  stop(): Promise<void>
}

/** The components a fault test can stop and start again. */
export type ComponentName = 'etcd' | 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'kwok'

const READY_TIMEOUT_MS = 120_000

/** etcd data on tmpfs when there is one: fsync-free and faster; falls back to the OS temp dir. */
function defaultTempRoot(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir()
}

/**
 * Starts etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok
 * and metrics-server on free loopback ports, creates the default
 * StorageClass, the metrics APIService and the kwok nodes, and resolves once
 * nodes are schedulable and the `default` ServiceAccount exists (so a test's
 * first pod is not refused by ServiceAccount admission).
 *
 * Every process runs in its own process group and is ended by stop(), by the
 * exit/signal hooks, by a watchdog if this process is SIGKILLed, or at the
 * latest by reapStaleRuns() on the next start.
 */
export async function startControlPlane(opts: ControlPlaneOptions = {}): Promise<ControlPlane> {
  const log = opts.log ?? (() => {})
  reapStaleRuns(log)
  const binDir = opts.binDir ?? (await ensureBinaries(log))
  await assertKwokConfinesExec(binDir)
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(opts, binDir, log)
    } catch (err) {
      // Free ports are picked, released, then bound by the components; another
      // process (e.g. a parallel test run) can grab one in between. Rare, and
      // harmless to retry with fresh ports.
      if (attempt >= 3 || !/address already in use/.test((err as Error).message)) throw err
      log(`testenv: a port was taken while starting (attempt ${attempt}); retrying with new ports`)
    }
  }
}

async function startOnce(opts: ControlPlaneOptions, binDir: string, log: (line: string) => void): Promise<ControlPlane> {
  const t0 = Date.now()
  const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`
  const workDir = opts.workDir ?? (await mkdtemp(join(defaultTempRoot(), 'kubeorch-testenv-')))
  const dirs = { pki: join(workDir, 'pki'), logs: join(workDir, 'logs'), exec: join(workDir, 'exec'), etcd: join(workDir, 'etcd') }
  await Promise.all(Object.values(dirs).map((d) => mkdir(d, { recursive: true })))

  const record = new RunRecord(workDir)
  const procs = new ProcessSet(dirs.logs, (c) => record.add(c.pid, c.name))
  let stopped = false
  let configCheck: ConfigCheck | undefined
  // The watchdog goes last, once the components are gone and the record removed (it exits
  // quietly without a record): if this process is killed in the middle of stopping them (tsx's CLI
  // SIGKILLs a script that does not answer a relayed SIGTERM at once), the watchdog finishes the job.
  const cleanupSync = () => {
    procs.killAllSync()
    record.remove()
    if (watchdog !== undefined) killGroup(watchdog, 'SIGKILL')
    if (!process.env.TESTENV_KEEP_WORKDIR) rmSyncQuiet(workDir)
  }
  const unregister = onExit(cleanupSync)
  const watchdog = record.startWatchdog()

  const stop = async () => {
    if (stopped) return
    stopped = true
    unregister()
    await configCheck?.stop()
    await procs.stopAll()
    record.remove()
    if (watchdog !== undefined) killGroup(watchdog, 'SIGKILL')
    if (process.env.TESTENV_KEEP_WORKDIR) log(`testenv: kept work dir ${workDir}`)
    else await rm(workDir, { recursive: true, force: true })
  }

  try {
    const [etcd, etcdPeer, apiserver, controllerManager, scheduler, kwok, metricsServer, configCheckPort] = await pickFreePorts(8)
    const ports: Ports = {
      etcd: etcd!, etcdPeer: etcdPeer!, apiserver: apiserver!, controllerManager: controllerManager!, scheduler: scheduler!,
      kwok: kwok!, metricsServer: metricsServer!,
    }
    const server = `https://127.0.0.1:${ports.apiserver}`

    const pki = await generatePki(dirs.pki)
    const kubeconfig = await renderKubeconfig(server, pki)
    const kubeconfigPath = join(workDir, 'admin.kubeconfig')
    await writeFile(kubeconfigPath, kubeconfig, { mode: 0o600 })
    const schedulerConfig = join(workDir, 'scheduler.yaml')
    await writeFile(schedulerConfig, stringify({
      apiVersion: 'kubescheduler.config.k8s.io/v1',
      kind: 'KubeSchedulerConfiguration',
      clientConnection: { kubeconfig: kubeconfigPath },
      leaderElection: { leaderElect: false },
    }))
    const podLogFile = join(dirs.logs, 'pod.log')
    const previousPodLogFile = join(dirs.logs, 'pod-previous.log')
    await appendPodLog(podLogFile, 'testenv: container started')
    await appendPodLog(previousPodLogFile, 'testenv: previous container instance')
    const kwokConfig = join(workDir, 'kwok.yaml')
    await writeFile(kwokConfig, await renderKwokConfig({ podLogFile, previousPodLogFile, execDir: dirs.exec }))

    const args = componentArgs({ workDir, etcdDataDir: dirs.etcd, ports, pki, kubeconfigPath, schedulerConfig, kwokConfig })
    const bin = (name: string) => join(binDir, name)
    // A small, fixed environment: nothing from the caller (tokens, proxies,
    // KUBECONFIG) leaks into the components. kwok also gets the exec launcher
    // (the confined commands themselves start from an empty environment).
    const env = { PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin', HOME: dirs.exec, LANG: 'C.UTF-8' }
    const kwokEnv = { ...env, [EXEC_LAUNCHER_ENV]: EXEC_LAUNCHER }
    const tls = { ca: await readFile(pki.caCert), cert: await readFile(pki.adminCert), key: await readFile(pki.adminKey) }

    const insecure = { insecure: true }
    // How each restartable component is started and when it counts as up: one table, used at
    // start and by startComponent.
    const specs: Record<ComponentName, { args: string[]; ready: (c: Component) => Promise<void> }> = {
      etcd: { args: args.etcd, ready: (c) => waitForOk('etcd /readyz', c, `http://127.0.0.1:${ports.etcd}/readyz`, 60_000) },
      'kube-apiserver': { args: args.apiserver, ready: (c) => waitForOk('kube-apiserver /readyz', c, `${server}/readyz`, READY_TIMEOUT_MS, tls) },
      'kube-controller-manager': { args: args.controllerManager, ready: (c) => waitForOk('kube-controller-manager /healthz', c, `https://127.0.0.1:${ports.controllerManager}/healthz`, READY_TIMEOUT_MS, insecure) },
      'kube-scheduler': { args: args.scheduler, ready: (c) => waitForOk('kube-scheduler /readyz', c, `https://127.0.0.1:${ports.scheduler}/readyz`, READY_TIMEOUT_MS, insecure) },
      kwok: { args: args.kwok, ready: (c) => waitForOk('kwok /healthz', c, `http://127.0.0.1:${ports.kwok}/healthz`, READY_TIMEOUT_MS) },
    }
    const running = new Map<ComponentName, Component>()
    const launch = (name: ComponentName) => {
      const c = procs.start(name, bin(name), specs[name].args, name === 'kwok' ? kwokEnv : env)
      running.set(name, c)
      return c
    }

    log(`testenv: starting etcd on 127.0.0.1:${ports.etcd}`)
    await specs.etcd.ready(launch('etcd'))
    log(`testenv: etcd ready (${elapsed()}); starting kube-apiserver on ${server}`)

    await specs['kube-apiserver'].ready(launch('kube-apiserver'))
    log(`testenv: kube-apiserver ready (${elapsed()}); starting controller-manager, scheduler and kwok`)

    const kcmProc = launch('kube-controller-manager')
    const schedProc = launch('kube-scheduler')
    const kwokProc = launch('kwok')
    const kc = new KubeConfig()
    kc.loadFromString(kubeconfig)
    const core = kc.makeApiClient(CoreV1Api)
    const storageClass = createDefaultStorageClass(kc.makeApiClient(StorageV1Api))

    await Promise.all([specs['kube-controller-manager'].ready(kcmProc), specs['kube-scheduler'].ready(schedProc), specs.kwok.ready(kwokProc), storageClass])
    log(`testenv: components healthy (${elapsed()}); creating ${opts.nodes ?? 2} kwok nodes`)

    const names = await createNodes(core, opts.nodes ?? 2)
    await waitUntil(`nodes ${names.join(', ')} Ready and untainted`, kcmProc, async () => {
      const list = await core.listNode({ labelSelector: 'type=kwok' })
      return names.every((n) => list.items.some((node) => node.metadata?.name === n && nodeSchedulable(node)))
    }, READY_TIMEOUT_MS)
    await waitUntil('ServiceAccount default/default', kcmProc, async () => {
      await core.readNamespacedServiceAccount({ name: 'default', namespace: 'default' })
      return true
    }, READY_TIMEOUT_MS)
    // The kubelet's check of a pod's ConfigMaps and Secrets, which kwok does not do (config-check.ts).
    configCheck = await startConfigCheck({
      core,
      admission: kc.makeApiClient(AdmissionregistrationV1Api),
      port: configCheckPort!,
      tls: { cert: await readFile(pki.servingCert), key: await readFile(pki.servingKey), ca: tls.ca },
    })
    log(`testenv: control plane ready in ${elapsed()} (${server}, kubeconfig ${kubeconfigPath})`)

    // metrics-server last, and nothing waits for it: it would only compete
    // for CPU with the start of the rest, and has no metrics before its
    // first scrapes anyway. Whoever needs the metrics API waits for the
    // v1beta1.metrics.k8s.io APIService to be Available (metricsApiAvailable),
    // within a second or two of this point.
    procs.start('metrics-server', bin('metrics-server'), args.metricsServer, env)
    registerMetricsApi(core, kc.makeApiClient(ApiregistrationV1Api), ports.metricsServer, tls.ca)
      .catch((err) => { if (!stopped) log(`testenv: registering the metrics APIService failed: ${(err as Error).message}`) })

    const stopComponent = async (name: ComponentName) => {
      const c = running.get(name)
      running.delete(name)
      if (c) await procs.stop(c)
      log(`testenv: stopped ${name}`)
    }
    const startComponent = async (name: ComponentName) => {
      if (stopped) throw new Error('the control plane is stopped')
      const current = running.get(name)
      if (current && current.exitStatus === undefined) return // already running
      await specs[name].ready(launch(name))
      log(`testenv: started ${name} again`)
    }

    return {
      kubeconfigPath, kubeconfig, server, workDir, podLogFile, previousPodLogFile,
      execDir: dirs.exec, logDir: dirs.logs, stopComponent, startComponent, stop,
    }
  } catch (err) {
    // Keep the component logs readable in the error; then clean up fully.
    await stop()
    throw err
  }
}

function rmSyncQuiet(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true })
  } catch {
    // best effort on the way out
  }
}
