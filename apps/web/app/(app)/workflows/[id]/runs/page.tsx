import { RunsPage } from '../../../../../components/runs/runs-page'

export const metadata = { title: 'Runs · KubeOrch' }

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  return <RunsPage workflowId={id} />
}
