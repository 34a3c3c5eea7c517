import { NodeResourcesPage } from '../../../../../../components/resources/node-resources-page'

export const metadata = { title: 'Node resources · KubeOrch' }

export default async function Page({ params }: { params: Promise<{ id: string; nodeId: string }> }) {
  const { id, nodeId } = await params
  return <NodeResourcesPage workflowId={id} nodeId={decodeURIComponent(nodeId)} />
}
