import { z } from 'zod'

/** Runtime configuration, read once from the environment. */
export const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(4000),
  host: z.string().default('127.0.0.1'),
  databaseUrl: z.string().min(1),
  /** HS256 key for session tokens; at least 32 bytes. */
  jwtSecret: z.string().min(32),
  /** 32 bytes, base64: seals secret values and cluster credentials (AES-256-GCM). */
  encryptionKey: z.string().refine((k) => Buffer.from(k, 'base64').length === 32, 'must be 32 bytes, base64'),
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: z.coerce.number().int().positive().default(5 * 1024 * 1024),
  /** Browser origins allowed to call the API (the web app runs on its own port). */
  webOrigins: z
    .union([z.string().transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean)), z.array(z.string())])
    .default(['http://127.0.0.1:3000', 'http://localhost:3000']),
  /** How long a run waits for every node to turn healthy before it fails. */
  runHealthTimeoutMs: z.coerce.number().int().positive().default(5 * 60_000),
  /** Kubeconfig written by `npm run sandbox`; while it exists, every user gets a "sandbox" cluster. */
  sandboxKubeconfig: z.string().optional(),
  sessionTtlSeconds: z.coerce.number().int().positive().default(7 * 24 * 3600),
})
export type Config = z.infer<typeof configSchema>
