import { detectCrashLoop } from '../../diagnostics/crash-loop.ts';
import type { Detector } from '../../diagnostics/diagnostic-input.ts';
import { detectImagePull } from '../../diagnostics/image-pull.ts';
import { detectMissingConfig } from '../../diagnostics/missing-config.ts';
import { detectOomKilled } from '../../diagnostics/oom-killed.ts';
import { detectUnschedulable } from '../../diagnostics/unschedulable.ts';
import type { DeployCheck, KubeType } from '../kind-definition.ts';
import type { PvcLink } from '../../links/link-types.ts';
import { POD } from './kube-types.ts';

// What every kind that runs pods shares: its pods are observed, the same detectors read them,
// and a linked claim needs a mount path.

export const WORKLOAD_OBSERVES: readonly KubeType[] = [POD];

export const WORKLOAD_DETECTORS: readonly Detector[] = [detectImagePull, detectMissingConfig, detectOomKilled, detectCrashLoop, detectUnschedulable];

/** A claim linked without mountPath cannot be mounted; the issue points at the claim's field. */
export const checkClaimMounts: DeployCheck = ({ node, graph }) =>
  ((node.data._linkedPVCs ?? []) as PvcLink[]).flatMap((link) => {
    if (link.mountPath !== undefined) return [];
    const pvcIndex = graph.nodes.findIndex((n) => n.id === link.nodeId);
    return [
      {
        nodeId: link.nodeId,
        path: ['nodes', pvcIndex, 'data', 'mountPath'],
        message: `is required to mount persistentvolumeclaim "${link.name}" into ${node.type} "${String(node.data.name)}"`,
      },
    ];
  });

export const WORKLOAD_DEPLOY_CHECKS: readonly DeployCheck[] = [checkClaimMounts];
