export { buildApp } from './app.ts'
export { startServer, type RunningServer } from './server.ts'
export { configSchema, type Config } from './config.ts'
export { createDeps } from './deps.ts'
