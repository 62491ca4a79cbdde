import { createWriteStream } from "node:fs";
import { authenticator } from "otplib";
import { devTotpKey, runAppServer } from "~/scripts/lib/launch";

/**
 * `pid`: the server's own process, which serves in the process it was started as: one worker
 * (WEB_CONCURRENCY=1) unless `env` asks for more, so that its CPU time is the server's.
 */
export type RunningApp = { base: string; pid: number | null; stop: () => Promise<void>; output: () => string };

/**
 * The built app as `npm start` serves it (scripts/serve.ts), as one child process on 127.0.0.1.
 * `env`: more of the server's environment (e.g. REQUEST_BUDGET_PER_SECOND).
 */
export async function startApp(options: {
  port: number;
  databaseUrl: string;
  authSecret: string;
  timeoutMs: number;
  logFile?: string;
  env?: Record<string, string>;
}): Promise<RunningApp> {
  const base = `http://127.0.0.1:${options.port}`;
  const child = runAppServer(
    { hostname: "127.0.0.1", stdio: "pipe" },
    {
      DATABASE_URL: options.databaseUrl,
      AUTH_SECRET: options.authSecret,
      TOTP_ENCRYPTION_KEY: devTotpKey(),
      APP_URL: base,
      NEXTAUTH_URL: base,
      PORT: String(options.port),
      WEB_CONCURRENCY: "1",
      ...options.env,
    },
  );
  const log: string[] = [];
  const file = options.logFile ? createWriteStream(options.logFile, { flags: "a" }) : null;
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString());
    file?.write(chunk);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let running = true;
  void exited.then(() => (running = false));
  child.once("exit", (code, signal) => keep(Buffer.from(`the app server exited (${signal ?? `code ${code}`})\n`)));

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
    if (!running) throw new Error(`the app server exited before serving:\n${output()}`);
    const ok = await fetch(`${base}/api/trpc/health.ping`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { base, pid: child.pid ?? null, stop, output };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`the app server did not answer within ${options.timeoutMs / 1000} s:\n${output()}`);
}

const cookiePairs = (response: Response) => response.headers.getSetCookie().map((c) => c.split(";")[0]!);

/** The part of fetch that signing in needs; the fault harness passes its own client. */
export type Fetch = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<Response>;
const plainFetch: Fetch = (url, init) => fetch(url, { ...init, redirect: "manual" });

/**
 * Signs in through next-auth's credentials endpoint as the sign-in form does, then passes the
 * second factor with a code from `totpSecret` when given; returns the Cookie header a signed-in
 * browser would send.
 */
export async function signIn(base: string, email: string, password: string, options: { fetch?: Fetch; totpSecret?: string } = {}): Promise<string> {
  const send = options.fetch ?? plainFetch;
  const csrf = await send(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map(cookiePairs(csrf).map((pair) => [pair.split("=")[0]!, pair]));
  const keep = (response: Response) => cookiePairs(response).forEach((pair) => jar.set(pair.split("=")[0]!, pair));
  const cookie = () => [...jar.values()].join("; ");
  const callback = await send(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
  });
  keep(callback);
  if (options.totpSecret) {
    const verified = await send(`${base}/api/trpc/mfa.verify`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base, "sec-fetch-site": "same-origin", cookie: cookie() },
      body: JSON.stringify({ json: { code: authenticator.generate(options.totpSecret) } }),
    });
    if (!verified.ok) throw new Error(`second factor of ${email} refused (mfa.verify answered ${verified.status})`);
    keep(verified);
  }
  const me = await send(`${base}/api/trpc/viewer.me`, { headers: { cookie: cookie() } });
  if (!me.ok) throw new Error(`sign-in of ${email} failed (viewer.me answered ${me.status})`);
  return cookie();
}

/** The URL of a tRPC query (GET, superjson-wrapped input, not batched). */
export function trpcUrl(base: string, procedure: string, input?: unknown): string {
  return input === undefined ? `${base}/api/trpc/${procedure}` : `${base}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
}
