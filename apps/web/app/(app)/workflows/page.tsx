import { WorkflowsPage } from '../../../components/workflows/workflows-page'

export const metadata = { title: 'Workflows · KubeOrch' }

export default function Page() {
  return <WorkflowsPage />
}
