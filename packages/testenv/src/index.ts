import type {} from './provided-context.ts'
export { startControlPlane, type ComponentName, type ControlPlane, type ControlPlaneOptions } from './control-plane.ts'
export { ensureBinaries, BINARIES } from './ensure-binaries.ts'
export { appendPodLog } from './pod-logs.ts'
export {
  FAILURE_ANNOTATION,
  FAILURE_IMAGES,
  requiresEnvImage,
  FAILURE_MODES,
  CRASH_TERMINATION,
  UNSCHEDULABLE_REQUESTS,
  type FailureMode,
} from './failures.ts'
export { NODE_CAPACITY, nodeName } from './nodes.ts'
export { SERVICE_CIDR, POD_CIDR } from './component-args.ts'
export { DEFAULT_STORAGE_CLASS, STORAGE_PROVISIONER } from './storage.ts'
export { INGRESS_DOMAIN, LOADBALANCER_DOMAIN, ingressHostname, loadBalancerHostname } from './networking.ts'
export { POD_USAGE, USAGE_ANNOTATIONS, METRICS_API_SERVICE, metricsApiAvailable } from './metrics.ts'
