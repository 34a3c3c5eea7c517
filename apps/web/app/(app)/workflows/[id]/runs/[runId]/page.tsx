import { RunDetailPage } from '../../../../../../components/runs/run-detail-page'

export const metadata = { title: 'Run · KubeOrch' }

export default async function Page({ params }: { params: Promise<{ id: string; runId: string }> }) {
  const { id, runId } = await params
  return <RunDetailPage workflowId={id} runId={runId} />
}
