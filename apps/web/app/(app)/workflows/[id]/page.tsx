import { WorkflowEditorPage } from '../../../../components/canvas/workflow-editor'

export const metadata = { title: 'Workflow · KubeOrch' }

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  return <WorkflowEditorPage id={id} />
}
