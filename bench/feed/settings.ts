// The feed benchmark's settings (environment variables, see bench/README.md), its scenario type
// and its output.

function intSetting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw.replaceAll("_", ""));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, not "${raw}"`);
  return value;
}

export const settings = {
  notices: intSetting("BENCH_NOTICES", 1_000_000),
  seconds: intSetting("BENCH_SECONDS", 10),
  warmup: intSetting("BENCH_WARMUP_SECONDS", 2),
  connections: intSetting("BENCH_CONNECTIONS", 16),
  timeoutMinutes: intSetting("BENCH_TIMEOUT_MINUTES", 30),
  skipHttp: process.env.BENCH_SKIP_HTTP === "1",
  user: process.env.BENCH_USER ?? "kz.officer@example.org",
  // A misspelt company name (rare: read from the index), two common words (a substance's name: its
  // filter), and the cross-language cases of issue #16: a Russian inflected substance name, a
  // Chinese one, a declared HS code (common) and (added by feed.ts) a generated plate typed with
  // Cyrillic look-alike letters and spaces.
  searches: (process.env.BENCH_SEARCH ?? "Kashgr Chemical|acetic anhydride|уксусного ангидрида|高锰酸钾|2915.21").split("|").filter(Boolean),
};

export type Scenario = {
  name: string;
  procedure: "notices.feed" | "notices.search";
  input: unknown;
  query: { sql: string; params: unknown[] };
  /** A search's second statement: the count and facets of its matches (search-facets.ts), part of its floor. */
  facets?: { sql: string; params: unknown[] };
  /** Whether the app sends it as a prepared statement (planned once per connection) or unnamed (planned every time). */
  prepared: boolean;
};

export const log = (line = "") => console.log(line);
export const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
