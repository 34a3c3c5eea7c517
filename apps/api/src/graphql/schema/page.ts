import type { ObjectRef } from '@pothos/core'
import type { Page } from '../../services/index.ts'
import { builder } from '../builder.ts'

/** A page of items with its total: the same shape as the REST lists (page, limit ≤ 100). */
export function pageType<T>(name: string, item: ObjectRef<any, T>) {
  return builder.objectRef<Page<T>>(name).implement({
    fields: (t) => ({
      items: t.field({ type: [item], resolve: (p) => p.items }),
      total: t.exposeInt('total'),
      page: t.exposeInt('page'),
      limit: t.exposeInt('limit'),
    }),
  })
}
