import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'
import { API_DIST } from './production.ts'

/**
 * The production build: one ES module with the API and the workspace packages it uses (their
 * TypeScript sources), npm dependencies left as imports. Production runs `node dist/main.js`: no
 * transpiler in the process, which saves ~60 MB of RSS against running the sources through tsx
 * (bench 4, fan-out).
 *
 * dist/ sits beside src/, at the same depth as packages/db/src: paths the sources derive from
 * import.meta.url (the migrations folder, .data/) resolve to the same places from the bundle.
 */
export async function buildApi(): Promise<string> {
  await build({
    entryPoints: [fileURLToPath(new URL('../src/main.ts', import.meta.url))],
    outfile: API_DIST,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // Not minified: stack traces stay readable without source maps (which cost memory to load).
    logLevel: 'warning',
    plugins: [
      {
        name: 'npm-dependencies-external',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@kubeorch/') ? undefined : { external: true }))
        },
      },
    ],
  })
  return API_DIST
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = await buildApi()
  console.log(`built ${out}`)
}
