/**
 * Runs at most `limit` of the tasks handed to it at once, in the order they were handed over.
 * Unlike mapConcurrent, each task's result is awaited on its own (a caller can start every read
 * now and use each as soon as it is done).
 */
export function semaphore(limit: number) {
  let active = 0
  const queue: (() => void)[] = []
  const release = () => {
    active--
    queue.shift()?.()
  }
  return <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const start = () => {
        active++
        task().then(resolve, reject).finally(release)
      }
      if (active < limit) start()
      else queue.push(start)
    })
}
