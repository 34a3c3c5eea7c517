import { join } from 'node:path'
import type { Pki } from './pki.ts'

export interface Ports {
  etcd: number
  etcdPeer: number
  apiserver: number
  controllerManager: number
  scheduler: number
  kwok: number
  metricsServer: number
}

export interface ComponentInputs {
  workDir: string
  etcdDataDir: string
  ports: Ports
  pki: Pki
  kubeconfigPath: string
  schedulerConfig: string
  kwokConfig: string
}

/** Service and pod ranges. Addresses in them exist only as status: nothing here ever dials them. */
export const SERVICE_CIDR = '10.96.0.0/16'
export const POD_CIDR = '10.244.0.0/16'

const LOOPBACK = '127.0.0.1'

/**
 * Command lines of the six components. Modelled on kwokctl's binary
 * runtime and controller-runtime's envtest (see shared/K8S-TESTENV.md §3),
 * checked against the v1.37.2 binaries' --help. Everything binds to 127.0.0.1.
 */
export function componentArgs(i: ComponentInputs) {
  const { ports, pki } = i
  const peer = `http://${LOOPBACK}:${ports.etcdPeer}`
  const client = `http://${LOOPBACK}:${ports.etcd}`
  return {
    etcd: [
      '--name=testenv',
      `--data-dir=${i.etcdDataDir}`,
      `--listen-client-urls=${client}`,
      `--advertise-client-urls=${client}`,
      `--listen-peer-urls=${peer}`,
      `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=testenv=${peer}`,
      // Test data is thrown away after the run: durability buys nothing.
      '--unsafe-no-fsync',
      '--quota-backend-bytes=2147483648',
      '--log-level=warn',
    ],
    apiserver: [
      `--etcd-servers=${client}`,
      `--bind-address=${LOOPBACK}`,
      `--advertise-address=${LOOPBACK}`,
      `--secure-port=${ports.apiserver}`,
      `--cert-dir=${join(i.workDir, 'apiserver')}`,
      // A loopback advertise address is invalid in the `kubernetes`
      // Endpoints object; don't maintain it (kwokctl does the same).
      '--endpoint-reconciler-type=none',
      `--tls-cert-file=${pki.servingCert}`,
      `--tls-private-key-file=${pki.servingKey}`,
      `--client-ca-file=${pki.caCert}`,
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${pki.saPub}`,
      `--service-account-signing-key-file=${pki.saKey}`,
      `--service-cluster-ip-range=${SERVICE_CIDR}`,
      '--authorization-mode=Node,RBAC',
      '--allow-privileged=true',
      // Logs and exec are proxied to the "kubelet", which is kwok on
      // 127.0.0.1. InternalIP first: kwok's Hostname address is "localhost",
      // which may resolve to ::1 where kwok does not listen. No kubelet CA is
      // set, so the apiserver accepts kwok's serving cert without checking it.
      '--kubelet-preferred-address-types=InternalIP,Hostname',
      `--kubelet-client-certificate=${pki.adminCert}`,
      `--kubelet-client-key=${pki.adminKey}`,
      // Front-proxy (aggregation layer) settings, as kubeadm sets them.
      // Without them the extension-apiserver-authentication ConfigMap lacks
      // the requestheader CA, and the controller-manager and scheduler log
      // errors about it every few seconds.
      `--requestheader-client-ca-file=${pki.frontProxyCaCert}`,
      '--requestheader-allowed-names=front-proxy-client',
      '--requestheader-username-headers=X-Remote-User',
      '--requestheader-group-headers=X-Remote-Group',
      '--requestheader-extra-headers-prefix=X-Remote-Extra-',
      `--proxy-client-cert-file=${pki.frontProxyClientCert}`,
      `--proxy-client-key-file=${pki.frontProxyClientKey}`,
      '--profiling=false',
      '--v=1',
    ],
    controllerManager: [
      `--kubeconfig=${i.kubeconfigPath}`,
      `--authentication-kubeconfig=${i.kubeconfigPath}`,
      `--authorization-kubeconfig=${i.kubeconfigPath}`,
      // No stale lease to wait out when a run restarts quickly.
      '--leader-elect=false',
      `--bind-address=${LOOPBACK}`,
      `--secure-port=${ports.controllerManager}`,
      `--cert-dir=${join(i.workDir, 'kube-controller-manager')}`,
      `--root-ca-file=${pki.caCert}`,
      `--service-account-private-key-file=${pki.saKey}`,
      `--cluster-signing-cert-file=${pki.caCert}`,
      `--cluster-signing-key-file=${pki.caKey}`,
      '--use-service-account-credentials=false',
      // No cloud, no node IPAM: pod IPs come from kwok (--cidr).
      '--allocate-node-cidrs=false',
      // HPAs react within seconds (default 15s); metrics come every 10s.
      '--horizontal-pod-autoscaler-sync-period=5s',
      '--profiling=false',
      '--v=1',
    ],
    scheduler: [
      // Kubeconfig and leader election live in the config file; the bare
      // flags for them are deprecated on the scheduler.
      `--config=${i.schedulerConfig}`,
      `--authentication-kubeconfig=${i.kubeconfigPath}`,
      `--authorization-kubeconfig=${i.kubeconfigPath}`,
      `--bind-address=${LOOPBACK}`,
      `--secure-port=${ports.scheduler}`,
      `--cert-dir=${join(i.workDir, 'kube-scheduler')}`,
      '--profiling=false',
      '--v=1',
    ],
    kwok: [
      `--kubeconfig=${i.kubeconfigPath}`,
      `--config=${i.kwokConfig}`,
      '--manage-all-nodes=true',
      // Every fake node's kubelet endpoint is kwok itself on loopback.
      '--node-name=localhost',
      `--node-ip=${LOOPBACK}`,
      `--node-port=${ports.kwok}`,
      `--server-address=${LOOPBACK}:${ports.kwok}`,
      `--tls-cert-file=${pki.servingCert}`,
      `--tls-private-key-file=${pki.servingKey}`,
      // kwok renews node Leases only when this is > 0 (default 0); without
      // it the node-lifecycle controller marks the nodes NotReady.
      '--node-lease-duration-seconds=40',
      `--cidr=${POD_CIDR}`,
    ],
    // Modelled on kwokctl's (pkg/kwokctl/components/metrics_server.go in kwok
    // v0.8.0). It scrapes every node's kubelet port, i.e. kwok on 127.0.0.1,
    // at the path in the node's metrics.k8s.io/resource-metrics-path
    // annotation, and verifies kwok's serving cert against our CA (kwokctl
    // skips that). The aggregator reaches it as the v1beta1.metrics.k8s.io
    // APIService (metrics.ts); requests are authenticated with the
    // front-proxy CA it reads from the extension-apiserver-authentication
    // ConfigMap, and authorized with SubjectAccessReviews.
    metricsServer: [
      `--kubeconfig=${i.kubeconfigPath}`,
      `--authentication-kubeconfig=${i.kubeconfigPath}`,
      `--authorization-kubeconfig=${i.kubeconfigPath}`,
      `--bind-address=${LOOPBACK}`,
      `--secure-port=${ports.metricsServer}`,
      `--tls-cert-file=${pki.servingCert}`,
      `--tls-private-key-file=${pki.servingKey}`,
      '--kubelet-preferred-address-types=InternalIP',
      '--kubelet-use-node-status-port',
      `--kubelet-certificate-authority=${pki.caCert}`,
      // The minimum; the request timeout must stay below 90% of it.
      '--metric-resolution=10s',
      '--kubelet-request-timeout=5s',
      '--profiling=false',
    ],
  }
}
