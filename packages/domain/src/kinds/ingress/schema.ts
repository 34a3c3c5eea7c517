import { z } from 'zod';
import { requiredOr } from '../shared/messages.ts';
import { baseFields } from '../shared/base-fields.ts';
import { dns1123Subdomain, isDns1123Subdomain } from '../shared/names.ts';

const HOST_MESSAGE = 'must be a host name such as "app.example.com" (a leading "*." wildcard is allowed), not an IP address';

const hostName = () =>
  z.string({ error: requiredOr(HOST_MESSAGE) }).refine(
    (v) => {
      const bare = v.startsWith('*.') ? v.slice(2) : v;
      return isDns1123Subdomain(bare) && bare.includes('.') && !/^[\d.]+$/.test(bare);
    },
    { error: HOST_MESSAGE },
  );

const pathSchema = z.strictObject({
  /** Stable id of the path; an edge's sourceHandle names the path it routes. */
  id: z.string({ error: requiredOr('must be a string') }).min(1, { error: 'is required' }).max(100, { error: 'must be at most 100 characters' }),
  path: z
    .string({ error: requiredOr('must be a path starting with "/"') })
    .refine((v) => v.startsWith('/') && !/\s/.test(v), { error: 'must be a path starting with "/", without spaces' }),
  pathType: z.enum(['Prefix', 'Exact', 'ImplementationSpecific']).default('Prefix'),
});

export const ingressDataSchema = z
  .strictObject({
    ...baseFields(),
    host: hostName().optional(),
    ingressClassName: dns1123Subdomain().optional(),
    paths: z.array(pathSchema).max(100).default(() => []),
    tls: z
      .array(z.strictObject({ hosts: z.array(hostName()).default(() => []), secretName: dns1123Subdomain() }))
      .max(50)
      .default(() => []),
  })
  .superRefine((data, ctx) => {
    const ids = new Set<string>();
    const routes = new Set<string>();
    data.paths.forEach((p, index) => {
      if (ids.has(p.id)) ctx.addIssue({ code: 'custom', path: ['paths', index, 'id'], message: 'duplicates another path id' });
      const route = `${p.pathType} ${p.path}`;
      if (routes.has(route)) ctx.addIssue({ code: 'custom', path: ['paths', index, 'path'], message: `duplicates another ${p.pathType} path` });
      ids.add(p.id);
      routes.add(route);
    });
  });

export type IngressData = z.output<typeof ingressDataSchema>;
export type IngressPath = IngressData['paths'][number];
