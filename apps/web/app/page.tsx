// Placeholder until the canvas lands (its own issue): points at the API a newcomer can use now.
const api = process.env.NEXT_PUBLIC_KUBEORCH_API_URL ?? 'http://127.0.0.1:4000'

export default function Home() {
  return (
    <main style={{ maxWidth: 720, margin: '4rem auto', padding: '0 1rem' }}>
      <h1>KubeOrch</h1>
      <p>Design a Kubernetes application as a graph, save it, version it, and run it against a cluster.</p>
      <ul>
        <li>
          <a href={`${api}/graphql`}>GraphiQL playground</a>
        </li>
        <li>
          <a href={`${api}/v1/api-docs`}>REST API (OpenAPI)</a>
        </li>
      </ul>
    </main>
  )
}
