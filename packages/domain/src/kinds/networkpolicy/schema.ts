import { z } from 'zod';
import { requiredOr } from '../shared/messages.ts';
import { baseFields } from '../shared/base-fields.ts';
import { cidrContains, parseCidr } from '../shared/cidr.ts';
import { PROTOCOLS } from '../shared/container.ts';
import { labelMap } from '../shared/names.ts';
import { intField } from '../shared/numbers.ts';
import { portRef } from '../shared/probes.ts';

const CIDR_MESSAGE = 'must be a CIDR such as "10.0.0.0/8" or "fd00::/8"';
const cidr = () => z.string({ error: requiredOr(CIDR_MESSAGE) }).refine((v) => parseCidr(v) !== undefined, { error: CIDR_MESSAGE });

const peerSchema = z
  .strictObject({
    podSelector: labelMap().optional(),
    namespaceSelector: labelMap().optional(),
    ipBlock: z.strictObject({ cidr: cidr(), except: z.array(cidr()).optional() }).optional(),
  })
  .superRefine((peer, ctx) => {
    if (peer.ipBlock && (peer.podSelector || peer.namespaceSelector)) {
      ctx.addIssue({ code: 'custom', path: ['ipBlock'], message: 'cannot be combined with podSelector or namespaceSelector in one peer' });
    }
    if (!peer.ipBlock && !peer.podSelector && !peer.namespaceSelector) {
      ctx.addIssue({ code: 'custom', path: [], message: 'must set podSelector, namespaceSelector or ipBlock' });
    }
    const outer = peer.ipBlock ? parseCidr(peer.ipBlock.cidr) : undefined;
    peer.ipBlock?.except?.forEach((text, index) => {
      const inner = parseCidr(text);
      if (outer && inner && !(cidrContains(outer, inner) && inner.prefix > outer.prefix)) {
        ctx.addIssue({ code: 'custom', path: ['ipBlock', 'except', index], message: `must be a strict subset of ${peer.ipBlock?.cidr}` });
      }
    });
  });

const policyPortSchema = z
  .strictObject({ port: portRef().optional(), endPort: intField(1, 65535).optional(), protocol: z.enum(PROTOCOLS).default('TCP') })
  .superRefine((p, ctx) => {
    if (p.endPort !== undefined && typeof p.port !== 'number') {
      ctx.addIssue({ code: 'custom', path: ['endPort'], message: 'requires a numeric port' });
    } else if (p.endPort !== undefined && typeof p.port === 'number' && p.endPort < p.port) {
      ctx.addIssue({ code: 'custom', path: ['endPort'], message: `must be ≥ port (${p.port})` });
    }
  });

/**
 * One rule. In Kubernetes a rule without peers matches every source (or destination). A form
 * left empty must not open the pods to everything, so a rule needs at least one peer unless it
 * says `allPeers: true` explicitly; validation refuses the ambiguous case.
 */
function ruleSchema(peers: 'from' | 'to') {
  return z
    .strictObject({
      [peers]: z.array(peerSchema).max(100).optional(),
      allPeers: z.boolean({ error: requiredOr('must be true or false') }).optional(),
      ports: z.array(policyPortSchema).max(100).optional(),
    })
    .superRefine((rule, ctx) => {
      const list = rule[peers] as unknown[] | undefined;
      const count = list?.length ?? 0;
      if (rule.allPeers && count > 0) {
        ctx.addIssue({ code: 'custom', path: [peers], message: 'must be empty when allPeers is true' });
      }
      if (!rule.allPeers && count === 0) {
        ctx.addIssue({
          code: 'custom',
          path: [peers],
          message: `must list at least one peer; a rule without peers would allow traffic ${peers === 'from' ? 'from' : 'to'} everywhere (set allPeers: true if that is intended)`,
        });
      }
    });
}

const ingressRuleSchema = ruleSchema('from') as unknown as z.ZodType<IngressRule>;
const egressRuleSchema = ruleSchema('to') as unknown as z.ZodType<EgressRule>;

type Peer = z.output<typeof peerSchema>;
type PolicyPort = z.output<typeof policyPortSchema>;
export type IngressRule = { from?: Peer[]; allPeers?: boolean; ports?: PolicyPort[] };
export type EgressRule = { to?: Peer[]; allPeers?: boolean; ports?: PolicyPort[] };

export const networkpolicyDataSchema = z
  .strictObject({
    ...baseFields(),
    policyTypes: z
      .array(z.enum(['Ingress', 'Egress']))
      .min(1, { error: 'must include Ingress, Egress or both' })
      .refine((t) => new Set(t).size === t.length, { error: 'must not repeat a policy type' })
      .default(() => ['Ingress' as const]),
    /** Empty with Ingress in policyTypes: all incoming traffic is denied. */
    ingress: z.array(ingressRuleSchema).max(100).default(() => []),
    /** Empty with Egress in policyTypes: all outgoing traffic is denied. */
    egress: z.array(egressRuleSchema).max(100).default(() => []),
  })
  .superRefine((data, ctx) => {
    // Rules for a direction not in policyTypes would be silently ignored by Kubernetes.
    if (data.ingress.length > 0 && !data.policyTypes.includes('Ingress')) {
      ctx.addIssue({ code: 'custom', path: ['ingress'], message: 'has rules but policyTypes does not include Ingress' });
    }
    if (data.egress.length > 0 && !data.policyTypes.includes('Egress')) {
      ctx.addIssue({ code: 'custom', path: ['egress'], message: 'has rules but policyTypes does not include Egress' });
    }
  });

export type NetworkpolicyData = z.output<typeof networkpolicyDataSchema>;
