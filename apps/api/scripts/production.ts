import { fileURLToPath } from 'node:url'

// How the production API is started: by `npm start`, the benchmarks and the dist-build test from
// here; the Dockerfile repeats these (it cannot import them).

/** Where the production build of the API is written (apps/api/scripts/build.ts). */
export const API_DIST = fileURLToPath(new URL('../dist/main.js', import.meta.url))

/**
 * Node flags. A young generation of at most 4 MB semi-spaces: an idle API measured 217 MB RSS
 * instead of 264-276 MB with V8's default (16 MB), for somewhat more frequent scavenges.
 * An old generation allowed to grow 20% past what survived the last full GC (V8 otherwise picks
 * up to 4×): with 1,000 SSE subscribers connecting, peak RSS 247-251 MB in 3 runs instead of
 * 296-384 MB in 10 (bench fan-out), and saves were no slower (less garbage to sweep at once).
 */
export const API_NODE_FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=20']

/**
 * Environment. glibc gives threads (V8's compiler and GC threads, libuv's pool) malloc arenas of
 * their own and keeps their freed memory: with two arenas RSS after 200 queries was 217 MB, not 280.
 */
export const API_ENV = { MALLOC_ARENA_MAX: '2' }
