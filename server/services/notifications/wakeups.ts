/**
 * The wake-ups of one realtime stream: `wake` says there may be something new (a signal, a
 * reconnected listener, the request aborting); `next()` resolves once there is, at once the first
 * time, and coalesces the wakes that came meanwhile into one look. It resolves false once
 * `signal` aborts.
 */
export function wakeups(signal: AbortSignal) {
  let pending = true;
  let woken: (() => void) | null = null;
  const wake = () => {
    pending = true;
    woken?.();
    woken = null;
  };
  signal.addEventListener("abort", wake, { once: true });
  return {
    wake,
    async next(): Promise<boolean> {
      while (!signal.aborted) {
        if (pending) {
          pending = false;
          return true;
        }
        await new Promise<void>((resolve) => (woken = resolve));
      }
      return false;
    },
    stop: () => signal.removeEventListener("abort", wake),
  };
}
