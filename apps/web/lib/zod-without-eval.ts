import { z } from 'zod'

// The pages' Content-Security-Policy allows no eval (proxy.ts). zod compiles object parsers with
// `new Function` when it can, and merely trying is refused and reported as a CSP violation: the
// browser build parses without it (the domain's rules run unchanged).
z.config({ jitless: true })
