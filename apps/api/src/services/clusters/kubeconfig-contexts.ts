import { z } from 'zod'
import { KubeconfigError, listContexts } from '@kubeorch/kube'
import { parseInput } from '../parse-input.ts'
import { kubeconfigInvalid } from './cluster-connection.ts'

/**
 * The contexts of a kubeconfig, so a person can choose one before registering; no credentials.
 * `problem` says why a context would be refused (a plugin, a file path, a missing cluster…).
 */
export function kubeconfigContexts(input: unknown) {
  const { kubeconfig } = parseInput(z.object({ kubeconfig: z.string().min(1).max(512 * 1024) }), input)
  try {
    return listContexts(kubeconfig).map(({ name, cluster, server, current, problem }) => ({ name, cluster, server, current, problem: problem ?? null }))
  } catch (e) {
    if (e instanceof KubeconfigError) throw kubeconfigInvalid(e, [])
    throw e
  }
}
