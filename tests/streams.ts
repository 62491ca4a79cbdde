/**
 * Reads a subscription procedure's stream as the SSE handler does, starting it at once (a
 * generator runs from its first next()). The returned function gives the next value, or null if
 * none comes within `ms`; it throws once the stream has ended.
 */
export function streamReader<T>(iterator: AsyncIterator<T>) {
  let pending: Promise<IteratorResult<T>> | null = iterator.next();
  return async (ms = 3_000): Promise<T | null> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
    pending ??= iterator.next();
    const result = await Promise.race([pending, timeout]);
    clearTimeout(timer);
    if (result === null) return null;
    pending = null;
    if (result.done) throw new Error("the stream ended");
    return result.value;
  };
}
