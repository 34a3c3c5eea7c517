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
  /** Kubeconfig written by `npm run sandbox`; while it exists, the accounts allowed to use it get a "sandbox" cluster. */
  sandboxKubeconfig: z.string().optional(),
  /** Accounts besides the instance's first that may use the sandbox: emails, or `@domain` (KUBEORCH_SANDBOX_USERS, comma-separated). */
  sandboxUsers: z
    .union([z.string().transform((s) => s.split(',')), z.array(z.string())])
    .transform((emails) => emails.map((e) => e.trim().toLowerCase()).filter(Boolean))
    .default([]),
  sessionTtlSeconds: z.coerce.number().int().positive().default(7 * 24 * 3600),
  /**
   * Who may create an account: `open` (anyone), `closed` (nobody, except the first account of an
   * empty instance, so an operator can always bootstrap one).
   */
  registration: z.enum(['open', 'closed']).default('open'),
  /** Accounts one client address may create per hour. */
  registrationsPerHour: z.coerce.number().int().min(1).default(10),
  /**
   * Login throttle (PostgreSQL counters, shared by replicas). After this many failures of one
   * account from one address, each further attempt waits 2^k s (k = failures past it).
   */
  loginFreeFailuresPerAccountAddress: z.coerce.number().int().min(1).default(5),
  /** The same, over every account tried from one address (password spraying). */
  loginFreeFailuresPerAddress: z.coerce.number().int().min(1).default(30),
  /** The same, over every address, for one account; addresses the account signed in from before are exempt. */
  loginFreeFailuresPerAccount: z.coerce.number().int().min(1).default(10),
  /** Longest wait the growing delay reaches. */
  loginMaxDelaySeconds: z.coerce.number().int().min(1).default(15 * 60),
  /**
   * Proxies in front of the API whose X-Forwarded-For (and X-Forwarded-Proto) are believed: 0
   * (the default) takes the client address from the TCP connection and ignores the header.
   */
  trustProxyHops: z.coerce.number().int().min(0).max(10).default(0),
  /** The session cookie's Secure flag: `auto` sets it on https requests. */
  cookieSecure: z.enum(['auto', 'always', 'never']).default('auto'),
  /** `memory` for one API process; `postgres` (LISTEN/NOTIFY) when several replicas share a database. */
  eventBus: z.enum(['memory', 'postgres']).default('memory'),
  /** A replica renews the leases of its runs and monitors; one it stopped renewing is taken over after this. */
  replicaLeaseMs: z.coerce.number().int().min(500).default(15_000),
  /** How often each replica renews its leases and sweeps for expired ones. */
  replicaSweepMs: z.coerce.number().int().min(100).default(5_000),
  /** Run schedule triggers (pg-boss) in this process; every replica may, a tick still fires once. */
  scheduler: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).default(true),
  /** How often pg-boss looks for due cron occurrences (1–45 s). */
  schedulerCheckSeconds: z.coerce.number().int().min(1).max(45).default(15),
  /** Base of the webhook URLs shown on creation (the API's public address), e.g. https://kubeorch.example.com. */
  publicUrl: z.string().url().optional(),
  /** Webhook requests whose signed timestamp is further than this from now are refused. */
  webhookToleranceSeconds: z.coerce.number().int().positive().default(300),
  /** Largest webhook payload accepted (it is stored as the run's trigger data). */
  webhookMaxBytes: z.coerce.number().int().positive().default(64 * 1024),
})
export type Config = z.infer<typeof configSchema>
