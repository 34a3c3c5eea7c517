import { ClustersPage } from '../../../components/clusters/clusters-page'

export const metadata = { title: 'Clusters · KubeOrch' }

export default function Page() {
  return <ClustersPage />
}
