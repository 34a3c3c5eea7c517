import { Suspense } from 'react'
import { AuthForm } from '../../../components/auth/auth-form'

export const metadata = { title: 'Register · KubeOrch' }

export default function RegisterPage() {
  return (
    <Suspense>
      <AuthForm mode="register" />
    </Suspense>
  )
}
