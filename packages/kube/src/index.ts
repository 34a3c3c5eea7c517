export type { ApplyAction, ApplyResult, ClusterConnection, DeleteResult, GroupVersionKind, K8sObject, ObjectRef } from './types.ts'

export { loadKubeConfig, kubeConfigFrom, type LoadKubeConfigOptions } from './config/load-kube-config.ts'
export { checkKubeconfig, type CheckedKubeconfig, type KubeconfigCheck, type KubeconfigSummary } from './config/check-kubeconfig.ts'
export { KubeconfigError, formatKubeconfigPath, type KubeconfigFieldPath } from './config/kubeconfig-error.ts'
export { MAX_KUBECONFIG_BYTES } from './config/read-kubeconfig-yaml.ts'
export { KEPT as KEPT_FIELDS } from './config/kubeconfig-fields.ts'
export { listContexts, type KubeContextSummary } from './config/list-contexts.ts'
export { testConnection, type ConnectionTestResult } from './config/test-connection.ts'

export { createApplier, type Applier, type ApplierOptions } from './apply/create-applier.ts'
export type { PreparedApply } from './apply/apply-objects.ts'

export { watchResources, type ResourceWatcher, type WatchResourcesOptions, type WatchSnapshot } from './watch/watch-resources.ts'

export { refOf, describeRef } from './util/object-ref.ts'
export type { KubeConfig } from '@kubernetes/client-node'

export { createLogStreamer, PodLogError, type LogStreamer, type PodLogOptions, type PodLogStream, type PodLogTarget } from './logs/log-streamer.ts'
export { execInContainer, ExecError, EXEC_PROTOCOLS, type ExecEnd, type ExecOptions, type ExecSession, type ExecTarget, type TerminalSize } from './exec/exec-in-container.ts'
export { openShell, DEFAULT_SHELLS, type OpenShellOptions, type ShellSession } from './exec/open-shell.ts'
export { createObjectReader, type ListOptions, type ObjectReader } from './inspect/object-reader.ts'
