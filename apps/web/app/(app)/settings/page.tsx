import { SettingsPage } from '../../../components/settings/settings-page'

export const metadata = { title: 'Settings · KubeOrch' }

export default function Page() {
  return <SettingsPage />
}
