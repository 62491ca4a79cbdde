import { spawn } from "node:child_process";
import { join } from "node:path";
import { devTotpKey } from "~/scripts/lib/launch";

export type RunningApp = { base: string; stop: () => Promise<void>; output: () => string };

const nextBin = join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

/** `next start` as one child process (not through npx, which would orphan the server on stop). */
export async function startApp(options: { port: number; databaseUrl: string; authSecret: string; timeoutMs: number }): Promise<RunningApp> {
  const base = `http://127.0.0.1:${options.port}`;
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(options.port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      AUTH_SECRET: options.authSecret,
      TOTP_ENCRYPTION_KEY: devTotpKey(),
      APP_URL: base,
      NEXTAUTH_URL: base,
      PORT: String(options.port),
    },
  });
  const log: string[] = [];
  child.stdout.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let running = true;
  void exited.then(() => (running = false));

  const stop = async () => {
    if (!running) return;
    child.kill("SIGTERM");
    const killed = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(killed);
  };
  const output = () => log.join("").split("\n").slice(-30).join("\n");

  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (!running) throw new Error(`next start exited before serving:\n${output()}`);
    const ok = await fetch(`${base}/api/trpc/health.ping`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { base, stop, output };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`next start did not answer within ${options.timeoutMs / 1000} s:\n${output()}`);
}

const cookiePairs = (response: Response) => response.headers.getSetCookie().map((c) => c.split(";")[0]!);

/**
 * Signs in through next-auth's credentials endpoint as the sign-in form does; returns the Cookie
 * header a signed-in browser would send.
 */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map(cookiePairs(csrf).map((pair) => [pair.split("=")[0]!, pair]));
  const callback = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: [...jar.values()].join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  for (const pair of cookiePairs(callback)) jar.set(pair.split("=")[0]!, pair);
  const cookie = [...jar.values()].join("; ");
  const me = await fetch(`${base}/api/trpc/viewer.me`, { headers: { cookie } });
  if (!me.ok) throw new Error(`sign-in of ${email} failed (viewer.me answered ${me.status})`);
  return cookie;
}

/** The URL of a tRPC query (GET, superjson-wrapped input, not batched). */
export function trpcUrl(base: string, procedure: string, input?: unknown): string {
  return input === undefined
    ? `${base}/api/trpc/${procedure}`
    : `${base}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
}
