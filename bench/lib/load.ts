import autocannon from "autocannon";

/** `bytes`: mean size of a response as sent (headers and body, compressed where it was). */
export type Stats = { requests: number; errors: number; p50: number; p95: number; rps: number; bytes: number };
/** A run's samples, kept so that runs of one scenario can be merged (see `merged`). */
export type Run = Stats & { latencies: number[]; seconds: number; totalBytes: number };

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function stats(latencies: number[], errors: number, seconds: number, totalBytes = 0): Run {
  const sorted = [...latencies].sort((a, b) => a - b);
  const requests = latencies.length;
  return {
    requests,
    errors,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    rps: requests / seconds,
    bytes: requests ? totalBytes / requests : 0,
    latencies,
    seconds,
    totalBytes,
  };
}

/** Several runs of one scenario as one: their samples together, over their time together. */
export function merged(runs: Run[]): Run {
  return stats(
    runs.flatMap((r) => r.latencies),
    runs.reduce((n, r) => n + r.errors, 0),
    runs.reduce((t, r) => t + r.seconds, 0),
    runs.reduce((b, r) => b + r.totalBytes, 0),
  );
}

// What Chromium asks for: the pages and the API are measured compressed as browsers receive them
// (server/http/compressed-responses.ts), the compression's CPU included.
export const BROWSER_ACCEPT_ENCODING = "gzip, deflate, br, zstd";

/**
 * HTTP load with autocannon. Latencies are taken from every response (autocannon's own summary
 * has no p95); a response other than 200 counts as an error, not as a sample.
 */
export function httpLoad(options: { url: string; cookie?: string; connections: number; seconds: number }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let errors = 0;
    let totalBytes = 0;
    const started = performance.now();
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        headers: { "accept-encoding": BROWSER_ACCEPT_ENCODING, ...(options.cookie ? { cookie: options.cookie } : {}) },
      },
      (error, result) => {
        if (error) return reject(error);
        const seconds = (performance.now() - started) / 1000;
        resolve(stats(latencies, errors + result.errors + result.timeouts, seconds, totalBytes));
      },
    );
    instance.on("response", (_client, statusCode, bytes, responseTime) => {
      if (statusCode !== 200) return void (errors += 1);
      latencies.push(responseTime);
      totalBytes += bytes;
    });
  });
}

/** The same measure for an in-process call: `concurrency` loops calling `run` for `seconds`. */
export async function loopLoad(run: () => Promise<unknown>, options: { concurrency: number; seconds: number }): Promise<Run> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        await run();
        latencies.push(performance.now() - t0);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return stats(latencies, errors, (performance.now() - started) / 1000);
}
