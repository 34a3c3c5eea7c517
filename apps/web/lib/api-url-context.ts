'use client'

import { createContext, useContext } from 'react'
import { DEFAULT_API_URL } from './api-url'

export const ApiUrlContext = createContext<string>(DEFAULT_API_URL)

export function useApiUrl(): string {
  return useContext(ApiUrlContext)
}
