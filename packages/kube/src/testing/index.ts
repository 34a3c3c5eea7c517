export { createKubeconfigProbe, type KubeconfigProbe } from './kubeconfig-probe.ts'
export { hostileKubeconfig, INLINE_SECRETS, type HostileKubeconfig } from './hostile-kubeconfig.ts'
