import { z } from 'zod'
import { listContexts } from '@kubeorch/kube'
import { invalidField } from '../../errors.ts'
import { parseInput } from '../parse-input.ts'

/** The contexts of a kubeconfig, so a person can choose one before registering; no credentials. */
export function kubeconfigContexts(input: unknown) {
  const { kubeconfig } = parseInput(z.object({ kubeconfig: z.string().min(1).max(512 * 1024) }), input)
  try {
    return listContexts(kubeconfig).map(({ name, cluster, server, current }) => ({ name, cluster, server, current }))
  } catch {
    throw invalidField(['kubeconfig'], 'is not a readable kubeconfig')
  }
}
