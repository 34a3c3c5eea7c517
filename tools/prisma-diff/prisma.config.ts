import { defineConfig } from 'prisma/config'
import { PrismaPg } from '@prisma/adapter-pg'

// engine 'js' selects @prisma/schema-engine-wasm: no native binary download.
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL! }),
})
