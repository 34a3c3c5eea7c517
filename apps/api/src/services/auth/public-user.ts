import type { User } from '@kubeorch/db'

export type PublicUser = Pick<User, 'id' | 'email' | 'name' | 'createdAt'>

/** A user as any API may show it: never the password hash. */
export const toPublicUser = (u: User): PublicUser => ({ id: u.id, email: u.email, name: u.name, createdAt: u.createdAt })
