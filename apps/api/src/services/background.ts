/** Work that outlives the request that started it (runs), tracked so shutdown can wait for it. */
export function createBackgroundTasks() {
  const tasks = new Set<Promise<unknown>>()
  return {
    track(task: Promise<unknown>) {
      const tracked = task.catch((e) => console.error('background task failed:', e)).finally(() => tasks.delete(tracked))
      tasks.add(tracked)
    },
    async drain() {
      while (tasks.size) await Promise.all([...tasks])
    },
    size: () => tasks.size,
  }
}
export type BackgroundTasks = ReturnType<typeof createBackgroundTasks>
