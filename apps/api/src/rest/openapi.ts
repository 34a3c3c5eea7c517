import type { Route } from './router.ts'

/** The OpenAPI document of the REST adapter, generated from the same route table that serves it. */
export function openApiDocument(prefix: string, routes: Route[]) {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const r of routes) {
    const path = prefix + r.path.replace(/:(\w+)/g, '{$1}')
    const params = [...r.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }))
    paths[path] ??= {}
    paths[path][r.method.toLowerCase()] = {
      summary: r.summary,
      parameters: params,
      ...(r.method === 'POST' || r.method === 'PUT'
        ? { requestBody: { content: { 'application/json': { schema: { type: 'object' } } } } }
        : {}),
      security: r.public ? [] : [{ bearer: [] }],
      responses: {
        [String(r.status ?? 200)]: { description: 'success', content: { 'application/json': { schema: { type: 'object' } } } },
        default: { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'KubeOrch REST API', version: '1.0.0', description: 'Legacy snake_case adapter over the same services as GraphQL (/graphql).' },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Session token from /auth/login or an API token (ko_…)' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'string' }, details: {} },
        },
      },
    },
  }
}
