import { randomUUID } from "node:crypto";
import { signIn, startApp, trpcUrl, type RunningApp } from "~/bench/lib/app";
import { createUser, DEMO_PASSWORD } from "~/db/seed/factories";
import { db } from "~/db/index";
import { freePort } from "~/scripts/lib/free-port";
import { seizureInput } from "~/tests/notices";
import { check, exactlyOnce, timing, type Check } from "./checks";
import { httpFetch } from "./http";
import { formatSummary, Recorder, runLoad } from "./load";
import { sleep } from "./mail";
import { startNginx } from "./nginx";
import type { Harness, Outcome } from "./scenarios";
import { mutate, query } from "./trpc";

// Two instances of the app on one PostgreSQL, with the harness's one job worker, behind Debian's
// nginx running the deployment's proxy settings (deploy/nginx/proxy.conf), as deploy/README.md
// describes a site on two machines. Nothing a request needs may live in an instance.

const NOTIFICATION_LIMIT_MS = 2_000;
const KILL_AFTER_S = 4;

/** A demo-like account of its own (its budget and throttle are nobody else's), signed in through `base`. */
async function freshAccount(base: string, role: "analyst" | "chief", agencyId = "kz-sgd-customs") {
  const user = await createUser(db, { agencyId, role });
  return { ...user, cookie: await signIn(base, user.email, DEMO_PASSWORD) };
}

/** An event stream being read to its end: what has arrived so far, and a wait for a string in it. */
function streamText(reader: ReadableStreamDefaultReader<Uint8Array>) {
  const decoder = new TextDecoder();
  let text = "";
  let changed = () => {};
  void (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      text += decoder.decode(value, { stream: true });
      changed();
    }
  })();
  return {
    text: () => text,
    /** Resolves true once `wanted` has arrived (or had already), false after `timeoutMs`. */
    waitFor: (wanted: string, timeoutMs: number) =>
      new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        changed = () => text.includes(wanted) && (clearTimeout(timer), resolve(true));
        changed();
      }),
    close: () => void reader.cancel().catch(() => {}),
  };
}

/** A notification for a notice posted through A reaches a reader whose event stream is held by B. */
async function notificationAcross(a: RunningApp, b: RunningApp, origin: string): Promise<Check[]> {
  const reader = await freshAccount(b.base, "chief");
  // Kyrgyz drug control: its analysts' notices go out without a chief's release.
  const author = await freshAccount(a.base, "analyst", "kg-mvd-sbnon");
  const crossingId = "khorgos";
  const subscribed = await mutate(b.base, reader.cookie, "subscriptions.create", { filter: { crossingIds: [crossingId] }, delivery: "in_app" }, origin);
  const stream = await fetch(trpcUrl(b.base, "notifications.onNew"), { headers: { cookie: reader.cookie, accept: "text/event-stream" } });
  const events = streamText(stream.body!.getReader());
  try {
    // The stream is open (its first event is "connected") before the notice is posted.
    const connected = await events.waitFor("connected", 10_000);
    const title = `Scale-out seizure ${randomUUID().slice(0, 8)}`;
    const posted = await mutate<{ id: string }>(
      a.base,
      author.cookie,
      "notices.create",
      { idempotencyKey: randomUUID(), asDraft: false, notice: seizureInput({ title, crossingId }) },
      origin,
    );
    const postedAt = performance.now();
    const arrived = posted.data ? await events.waitFor(posted.data.id, 15_000) : false;
    const ms = arrived ? performance.now() - postedAt : null;
    const [row] = await db.$client<{ n: number }[]>`SELECT count(*)::int AS n FROM notifications WHERE user_id = ${reader.id}`;
    return [
      check(
        "a notification for a notice posted through A reaches a stream held by B",
        subscribed.status === 200 && connected && posted.status === 200 && ms !== null,
        ms === null
          ? `not within 15 s (subscribe ${subscribed.status}, stream ${stream.status} connected ${connected}, post ${posted.status}, ${row!.n} notifications in the database, stream: ${events.text().slice(0, 300)})`
          : `${ms.toFixed(0)} ms after the post was acknowledged`,
      ),
      timing(`… within ${NOTIFICATION_LIMIT_MS / 1000} s`, ms !== null && ms <= NOTIFICATION_LIMIT_MS, ms === null ? "not at all" : `${ms.toFixed(0)} ms`),
    ];
  } finally {
    events.close();
  }
}

/** The sign-in throttle and a user's request budget count what reached either instance. */
async function limitsAcross(a: RunningApp, b: RunningApp): Promise<Check[]> {
  const both = [a.base, b.base];
  // Wrong passwords, alternately through A and B, past the account's limit: then the right one is
  // refused through both.
  const control = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
  const controlIn = await Promise.all(
    both.map((base) =>
      signIn(base, control.email, DEMO_PASSWORD).then(
        () => true,
        () => false,
      ),
    ),
  );
  const locked = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
  for (let i = 0; i < 6; i++) await signIn(both[i % 2]!, locked.email, `wrong-password-${i}`).catch(() => null);
  const rightRefused = await Promise.all(
    both.map((base) =>
      signIn(base, locked.email, DEMO_PASSWORD).then(
        () => false,
        () => true,
      ),
    ),
  );

  // Searches (the costliest reads) through A, four at a time, until A refuses one; then sixteen more
  // through A at once (refused requests are charged too), and meanwhile one through B. A budget per
  // instance would still have all of B's to spend.
  const spender = await freshAccount(a.base, "analyst");
  const search = (base: string) => query(base, spender.cookie, "notices.search", { q: "acetic anhydride" }).then((r) => r.status);
  let throughA = 0;
  let refusedByA = false;
  while (!refusedByA && throughA < 200) {
    const statuses = await Promise.all([0, 1, 2, 3].map(() => search(a.base)));
    throughA += statuses.length;
    refusedByA = statuses.includes(429);
  }
  const overspent = Promise.all(Array.from({ length: 16 }, () => search(a.base)));
  await sleep(300);
  const thenB = await search(b.base);
  await overspent;
  return [
    check(
      "the sign-in throttle counts attempts through both instances",
      controlIn.every(Boolean) && rightRefused.every(Boolean),
      `another account signs in through A ${controlIn[0]}, through B ${controlIn[1]}; the right password after 6 wrong ones (3 through each) refused through A ${rightRefused[0]}, through B ${rightRefused[1]}`,
    ),
    check(
      "one user's request budget is spent through both instances together",
      refusedByA && thenB === 429,
      `A refused after ${throughA} searches (${refusedByA}); one through B while A was pressed further answered ${thenB}`,
    ),
  ];
}

export async function scaleOut(h: Harness): Promise<Outcome> {
  // The site's address is the proxy's: the instances' own links and origin checks use it.
  const proxyPort = await freePort();
  const site = `http://127.0.0.1:${proxyPort}`;
  const behindProxy = { TRUSTED_PROXY_HOPS: "1", APP_URL: site, NEXTAUTH_URL: site };
  const start = async () => startApp({ port: await freePort(), databaseUrl: h.pg.url, authSecret: h.authSecret, timeoutMs: 90_000, env: behindProxy });
  const a = await start();
  const b = await start();
  const proxy = await startNginx(proxyPort, [Number(new URL(a.base).port), Number(new URL(b.base).port)]);
  try {
    const checks: Check[] = [];
    // A session is a row in PostgreSQL: made through the proxy, it is recognised by each instance.
    const viaProxy = await signIn(proxy.base, "kz.chief@example.org", DEMO_PASSWORD);
    const seenBy = await Promise.all([a, b].map(async (app) => (await httpFetch(trpcUrl(app.base, "viewer.me"), { headers: { cookie: viaProxy } })).status));
    checks.push(
      check(
        "a session made through the proxy works on each instance",
        seenBy.every((s) => s === 200),
        `viewer.me on A ${seenBy[0]}, on B ${seenBy[1]}`,
      ),
    );
    checks.push(...(await notificationAcross(a, b, site)));
    checks.push(...(await limitsAcross(a, b)));

    // Instance A killed outright while the virtual users work through the proxy.
    const recorder = new Recorder();
    const before = h.acknowledged.size;
    const running = runLoad({
      base: proxy.base,
      sessions: h.sessions,
      seconds: KILL_AFTER_S * 3,
      thinkMs: h.profile.thinkMs,
      retrySeconds: 10,
      acknowledged: h.acknowledged,
      recorder,
    });
    await sleep(KILL_AFTER_S * 1000);
    const killedAt = Date.now();
    process.kill(a.pid!, "SIGKILL");
    await running;
    // In flight: sent before A was gone and answered after the kill. SIGKILL is sent at killedAt;
    // the kernel closes A's connections a moment later (a request arriving meanwhile is A's).
    const inFlight = (s: { sent: number; at: number }) => s.sent <= killedAt + 250 && s.at >= killedAt;
    const bad = recorder.samples.filter((s) => s.status >= 500 && !inFlight(s));
    const after = recorder.samples.filter((s) => s.sent > killedAt + 1000);
    const afterOk = after.filter((s) => s.status === 200).length;
    checks.push(
      check(
        "5xx only for requests in flight when A was killed",
        bad.length === 0,
        `${recorder.samples.filter((s) => s.status >= 500).length} 5xx, ${bad.length} of them not in flight at the kill`,
      ),
      check(
        "the proxy carries on with B",
        after.length > 0 && afterOk === after.length,
        `${afterOk} of ${after.length} requests sent more than 1 s after the kill answered 200`,
      ),
      await exactlyOnce(h.sql, h.acknowledged),
    );
    return {
      name: "10. Two instances behind nginx (deploy/nginx/proxy.conf), one killed under load",
      figures: [
        `load through the proxy: ${formatSummary(recorder.summary())}`,
        `${h.acknowledged.size - before} posts acknowledged; A killed after ${KILL_AFTER_S} s`,
      ],
      checks,
    };
  } finally {
    await proxy.stop();
    await Promise.allSettled([a.stop(), b.stop()]);
  }
}
