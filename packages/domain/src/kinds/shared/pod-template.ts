import type { RenderContext, RenderNode } from '../kind-definition.ts';
import type { WorkloadLinks } from '../../links/link-types.ts';
import type { ContainerPort, EnvVar } from './container.ts';
import type { Probes } from './probes.ts';
import type { Resources } from './resources.ts';
import { NAME_LABEL, ownershipLabels, podSelectorLabels } from './labels.ts';
import { compact, sortKeys } from './object-meta.ts';

export type ContainerData = {
  name: string;
  namespace: string;
  image: string;
  ports: ContainerPort[];
  env: EnvVar[];
  command?: string[] | undefined;
  args?: string[] | undefined;
  resources?: Resources | undefined;
  probes?: Probes | undefined;
  imagePullSecrets?: string[] | undefined;
};

/** Extra per-pod mounts a kind adds itself (a StatefulSet's volumeClaimTemplates). */
export type OwnMount = { name: string; mountPath: string };

type PodOptions = { restartPolicy?: string; ownMounts?: OwnMount[] };

/**
 * The pod template shared by every workload: one container named after the node, volumes and
 * mounts from linked ConfigMaps, Secrets and PVCs, and labels that the workload's selector,
 * linked Services and NetworkPolicies match.
 */
export function podTemplate(node: RenderNode<ContainerData & WorkloadLinks>, ctx: RenderContext, options: PodOptions = {}) {
  const data = node.data;
  const volumes: Record<string, unknown>[] = [];
  const volumeMounts: Record<string, unknown>[] = [];
  const volumeDevices: Record<string, unknown>[] = [];
  const envFrom: Record<string, unknown>[] = [];
  const names = new VolumeNames(options.ownMounts?.map((m) => m.name) ?? []);

  for (const link of data._linkedConfigMaps ?? []) {
    if (link.mountPath === undefined) {
      envFrom.push({ configMapRef: { name: link.name } });
      continue;
    }
    const name = names.take('cm', link.name);
    volumes.push({ name, configMap: { name: link.name } });
    volumeMounts.push({ name, mountPath: link.mountPath, readOnly: true });
  }
  for (const link of data._linkedSecrets ?? []) {
    if (link.mountPath === undefined) {
      envFrom.push({ secretRef: { name: link.name } });
      continue;
    }
    const name = names.take('secret', link.name);
    volumes.push({ name, secret: { secretName: link.name } });
    volumeMounts.push({ name, mountPath: link.mountPath, readOnly: true });
  }
  for (const link of data._linkedPVCs ?? []) {
    const name = names.take('pvc', link.name);
    volumes.push({ name, persistentVolumeClaim: { claimName: link.name } });
    if (link.mountPath === undefined) continue; // refused by checkDeployable before rendering
    if (link.volumeMode === 'Block') volumeDevices.push({ name, devicePath: link.mountPath });
    else volumeMounts.push({ name, mountPath: link.mountPath });
  }
  for (const own of options.ownMounts ?? []) volumeMounts.push({ name: own.name, mountPath: own.mountPath });

  const container = compact({
    name: data.name,
    image: data.image,
    command: data.command,
    args: data.args,
    ports: data.ports.map((p) => compact({ name: p.name, containerPort: p.containerPort, protocol: p.protocol })),
    env: data.env.map((e) => ({ name: e.name, value: e.value })),
    envFrom,
    resources: data.resources,
    livenessProbe: data.probes?.liveness,
    readinessProbe: data.probes?.readiness,
    startupProbe: data.probes?.startup,
    volumeMounts,
    volumeDevices,
  });

  return {
    metadata: {
      labels: sortKeys({
        ...ownershipLabels(ctx.workflowId, node.id),
        ...podSelectorLabels(node.id, data.name),
        [NAME_LABEL]: data.name,
      }),
    },
    spec: compact({
      restartPolicy: options.restartPolicy,
      imagePullSecrets: data.imagePullSecrets?.map((name) => ({ name })),
      containers: [container],
      volumes,
    }),
  };
}

/** Volume names are DNS labels unique within the pod; `<prefix>-<object name>` when it fits. */
class VolumeNames {
  private readonly used: Set<string>;

  constructor(reserved: string[]) {
    this.used = new Set(reserved);
  }

  take(prefix: string, objectName: string): string {
    const base = `${prefix}-${objectName}`.slice(0, 63).replace(/-+$/, '');
    let name = base;
    for (let i = 2; this.used.has(name); i++) {
      const suffix = `-${i}`;
      name = `${base.slice(0, 63 - suffix.length).replace(/-+$/, '')}${suffix}`;
    }
    this.used.add(name);
    return name;
  }
}
