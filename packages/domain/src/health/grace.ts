/**
 * How a grace period reads in a cause: "red in 25 s unless scheduled". Rounded up to 5 s steps:
 * the monitor writes a status (and sends an event) each time a cause changes, and it re-evaluates
 * every 5 s, so a finer countdown would only add writes.
 */
export function redIn(deadlineMs: number, now: Date, unless: string): string {
  const left = Math.max(0, deadlineMs - now.getTime());
  const seconds = Math.max(5, Math.ceil(left / 5_000) * 5);
  return `red in ${seconds} s unless ${unless}`;
}
