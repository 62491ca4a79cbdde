/** Runs `task` for every element, at most `limit` at a time, each settled on its own. */
export async function settleEach<T, R>(elements: T[], limit: number, task: (element: T, index: number) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(elements.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < elements.length; i = next++) {
      try {
        results[i] = { status: "fulfilled", value: await task(elements[i]!, i) };
      } catch (reason) {
        results[i] = { status: "rejected", reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, elements.length) }, lane));
  return results;
}
