import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import { signIn, trpcUrl } from "~/bench/lib/app";
import { percentile } from "~/bench/lib/load";
import type { SinkProcess } from "~/bench/lib/smtp-sink-process";
import { DEMO_PASSWORD } from "~/db/seed/factories";
import ruErrors from "~/i18n/messages/ru/errors.json";
import { JOBS } from "~/server/queue/catalogue";
import { check, exactlyOnce, fanOutQueued, no5xx, timing, visibilityHolds, type Check } from "./checks";
import { httpFetch } from "./http";
import { formatSummary, noticeFor, Recorder, runLoad, type Acknowledged, type Sample, type Session } from "./load";
import { copiesById, deliveries, runDigests, settled, sleep, until, type DigestJob, type Subscriber } from "./mail";
import type { CrashablePostgres } from "./postgres";
import type { Profile } from "./profile";
import { mutate, query } from "./trpc";
import type { WorkerProcess } from "./worker-process";
import { scaleOut } from "./scale-out";

export type Harness = {
  profile: Profile;
  base: string;
  /** The app's AUTH_SECRET: more instances of the app share it, and so its sessions. */
  authSecret: string;
  sql: postgres.Sql;
  pg: CrashablePostgres;
  sink: SinkProcess;
  worker: WorkerProcess;
  /** One session per virtual user. */
  sessions: Session[];
  /** One session per demo account, for the visibility probes and authoring. */
  accounts: Session[];
  adminCookie: string;
  /** Accounts no virtual user shares: the abusive clients', and the flood's parties. */
  abuser: Session;
  flooder: Session;
  bystanders: Session[];
  subscribers: Subscriber[];
  acknowledged: Map<string, Acknowledged>;
  started: Date;
  baselineP95?: number;
};

export type Outcome = { name: string; figures: string[]; checks: Check[] };

const VISIBILITY_SAMPLE = 20;
// Reads and posts of other users during the abuse may be this much slower than without it (p95):
// twice, or 100 ms more, whichever is larger (two shared cores are noisy).
const P95_TOLERANCE = { factor: 2, ms: 100 };
const RECOVERY_LIMIT_MS = 10_000;
// A request while the database is down is answered (503) at once, not held until it is back.
const DOWN_ANSWER_LIMIT_MS = 2_000;
// What every scenario ends with, whatever it injected.
async function invariants(h: Harness, recorder: Recorder, allowed503?: (s: Sample) => boolean): Promise<Check[]> {
  return [
    await exactlyOnce(h.sql, h.acknowledged),
    await fanOutQueued(h.sql, h.started),
    await visibilityHolds(h.base, h.accounts, h.acknowledged.values(), VISIBILITY_SAMPLE),
    no5xx(recorder, allowed503),
  ];
}

const load = (h: Harness, recorder: Recorder, seconds: number, extra: { cutShare?: number; retrySeconds?: number } = {}) =>
  runLoad({
    base: h.base,
    sessions: h.sessions,
    seconds,
    thinkMs: h.profile.thinkMs,
    retrySeconds: extra.retrySeconds ?? 10,
    acknowledged: h.acknowledged,
    recorder,
    cutShare: extra.cutShare,
  });

export async function baseline(h: Harness): Promise<Outcome> {
  const recorder = new Recorder();
  await load(h, recorder, h.profile.baselineSeconds);
  const s = recorder.summary();
  h.baselineP95 = s.p95;
  return {
    name: `1. Baseline: ${h.sessions.length} users, 80% reads / 20% posts, ${h.profile.baselineSeconds} s`,
    figures: [formatSummary(s), `${recorder.summary((x) => x.op === "post").requests} posts, ${h.acknowledged.size} acknowledged so far`],
    checks: [check("0 errors", s.errors === 0, `${s.errors} answers other than 200`), ...(await invariants(h, recorder))],
  };
}

export async function cutPosts(h: Harness): Promise<Outcome> {
  const recorder = new Recorder();
  const before = h.acknowledged.size;
  await load(h, recorder, h.profile.cutSeconds, { cutShare: 0.3 });
  const posts = recorder.summary((x) => x.op === "post");
  return {
    name: "2. 30% of posts cut after sending, retried with the same idempotency key",
    figures: [
      formatSummary(recorder.summary()),
      `${recorder.cut} posts cut after sending and retried; ${h.acknowledged.size - before} acknowledged (${posts.requests} answered posts)`,
    ],
    checks: [check("some posts were cut", recorder.cut > 0, `${recorder.cut}`), ...(await invariants(h, recorder))],
  };
}

/**
 * A page asked for as a browser without JavaScript would, while the database is down: what the
 * reader sees must be the failed page in their language (server/http/failed-page.ts), not Next's
 * empty error shell, which is a blank page without scripts.
 */
async function pageWhileDown(h: Harness): Promise<Check> {
  const answer = await httpFetch(`${h.base}/feed`, { headers: { cookie: h.accounts[0]!.cookie, "accept-language": "ru" } }).then(
    async (r) => ({ status: r.status, body: await r.text() }),
    (error: Error) => ({ status: 0, body: error.message }),
  );
  const shown =
    answer.status >= 500 && answer.body.includes('<html lang="ru">') && answer.body.includes(ruErrors.pageFailed) && !answer.body.includes("__next_error__");
  return check(
    "a page asked for meanwhile: the failed page in the reader's language, not a blank shell",
    shown,
    `HTTP ${answer.status}, ${answer.body.length} characters`,
  );
}

/** Polls a database-backed read until it answers 200; the time it took. */
async function recoveryTime(h: Harness, limitMs: number): Promise<number> {
  const started = performance.now();
  const probe = h.accounts[0]!;
  while (performance.now() - started < limitMs * 3) {
    if ((await query(h.base, probe.cookie, "notices.feed", { limit: 1 })).status === 200) return performance.now() - started;
    await sleep(100);
  }
  return Number.POSITIVE_INFINITY;
}

export async function databaseOutage(h: Harness): Promise<Outcome> {
  const { beforeSeconds, downSeconds, afterSeconds } = h.profile.outage;
  const recorder = new Recorder();
  const before = h.acknowledged.size;
  const running = load(h, recorder, beforeSeconds + downSeconds + afterSeconds, { retrySeconds: downSeconds + 15 });
  await sleep(beforeSeconds * 1000);
  const crashing = Date.now();
  await h.pg.crash();
  // Down from when the postmaster has exited (an immediate shutdown takes a moment).
  const crashedAt = Date.now();
  const page = await pageWhileDown(h);
  await sleep(Math.max(0, downSeconds * 1000 - (Date.now() - crashedAt)));
  const restarting = performance.now();
  const restartingAt = Date.now();
  await h.pg.restart();
  const restartMs = performance.now() - restarting;
  const restartedAt = Date.now();
  const recoveryMs = await recoveryTime(h, RECOVERY_LIMIT_MS);
  await running;

  // Requests sent while the database was down (after in-flight ones failed), and after recovery.
  const whileDown = recorder.summary((s) => s.sent >= crashedAt && s.sent < restartingAt);
  const downMs = recorder.samples
    .filter((s) => s.sent >= crashedAt && s.sent < restartingAt)
    .map((s) => s.ms)
    .sort((a, b) => a - b);
  const after = recorder.summary((s) => s.sent >= restartedAt + recoveryMs);
  const allowed503 = (s: Sample) => s.at >= crashing && s.sent <= restartedAt + RECOVERY_LIMIT_MS;
  const health = await httpFetch(`${h.base}/api/trpc/health.ping`).then(
    (r) => r.status,
    () => 0,
  );
  const workerDone = await until(() => settled(h.sql, JOBS.fanOut), 60_000);
  return {
    name: `3. PostgreSQL stopped (immediate) for ${downSeconds} s mid-load`,
    figures: [
      formatSummary(recorder.summary()),
      `while down: ${formatSummary(whileDown)}`,
      `after recovery: ${formatSummary(after)}`,
      `PostgreSQL restart (crash recovery) ${(restartMs / 1000).toFixed(1)} s; app recovered ${(recoveryMs / 1000).toFixed(2)} s after the restart`,
      `${h.acknowledged.size - before} posts acknowledged during the scenario`,
    ],
    checks: [
      check("the app survived (answers after the outage)", health === 200, `health.ping ${health}`),
      check(
        `503 while the database is down, at once (p95 ≤ ${DOWN_ANSWER_LIMIT_MS / 1000} s)`,
        // (A call that was still waiting for a connection when the database came back is served: 200.)
        (whileDown.byStatus["503"] ?? 0) > 0 &&
          (whileDown.byStatus["503"] ?? 0) + (whileDown.byStatus["200"] ?? 0) === whileDown.requests &&
          percentile(downMs, 95) <= DOWN_ANSWER_LIMIT_MS,
        `${JSON.stringify(whileDown.byStatus)}, p95 ${percentile(downMs, 95).toFixed(0)} ms, slowest ${whileDown.slowest.toFixed(0)} ms`,
      ),
      check(
        `recovered within ${RECOVERY_LIMIT_MS / 1000} s of restart, without restarting the app`,
        recoveryMs <= RECOVERY_LIMIT_MS,
        `${(recoveryMs / 1000).toFixed(2)} s`,
      ),
      check("the worker recovered too (every fan-out job done within 60 s)", workerDone, workerDone ? "yes" : "fan-out jobs still waiting"),
      page,
      ...(await invariants(h, recorder, allowed503)),
    ],
  };
}

/**
 * Publishes a few TLP:CLEAR notices (every subscriber's digest gets them), by authors whose
 * notices go out without a chief's release, and waits for their fan-out.
 */
async function publishForDigests(h: Harness) {
  let published = 0;
  for (const author of h.accounts.filter((a) => a.canPost)) {
    while (published < h.profile.noticesPerDigest) {
      const notice = noticeFor(author, "clear", h.accounts);
      const key = randomUUID();
      const answer = await mutate<{ id: string; status: string }>(h.base, author.cookie, "notices.create", { idempotencyKey: key, asDraft: false, notice });
      if (answer.status !== 200 || !answer.data) throw new Error(`publishing a notice for the digests failed (${answer.status})`);
      h.acknowledged.set(key, { key, noticeId: answer.data.id, author, tlp: "clear", recipientIds: [] });
      if (answer.data.status !== "published") break;
      published++;
    }
  }
  if (published < h.profile.noticesPerDigest) throw new Error("no demo account publishes without a release");
  if (!(await until(() => settled(h.sql, JOBS.fanOut), 60_000))) throw new Error("the fan-out of the new notices did not finish within 60 s");
}

let digestRuns = 0;

/** Each recipient's digest: whether marked sent, and how many copies the SMTP sink received. */
async function digestOutcome(h: Harness, jobs: DigestJob[]) {
  const recorded = await deliveries(h.sql, jobs);
  const copies = copiesById(await h.sink.ledger());
  return jobs.map((job) => {
    const delivery = recorded.get(job.dedupeKey);
    return { job, sent: delivery?.sent ?? false, messageId: delivery?.messageId, copies: delivery ? (copies.get(delivery.messageId) ?? 0) : 0 };
  });
}

const jobStates = (sql: postgres.Sql, jobs: DigestJob[]) =>
  sql<{ state: string; n: number; retries: number }[]>`
    SELECT state::text, count(*)::int AS n, sum(retry_count)::int AS retries FROM pgboss.job WHERE id = ANY (${jobs.map((j) => j.id)}::uuid[]) GROUP BY state`;

const formatStates = (states: { state: string; n: number }[]) => states.map((s) => `${s.n} ${s.state}`).join(", ");

export async function smtpTemporaryFailure(h: Harness): Promise<Outcome> {
  const recorder = new Recorder();
  await publishForDigests(h);
  await h.sink.setMode("refuse", 421);
  const jobs = await runDigests(h.sql, ++digestRuns);
  const ids = jobs.map((j) => j.id);
  const triedAtLeast = (times: number) =>
    until(async () => {
      const [row] = await h.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE id = ANY (${ids}::uuid[]) AND retry_count >= ${times}`;
      return row!.n === jobs.length;
      // Retries, backing off from 1 s here, compete with first attempts: a long run takes a while.
    }, 180_000);
  // The length of the run: until every digest has been refused once; then the server goes away
  // altogether (connections refused) until every digest has failed once more.
  const triedAll = await triedAtLeast(1);
  await h.sink.goOffline();
  const triedOffline = await triedAtLeast(2);
  const during = await digestOutcome(h, jobs);
  const statesDuring = await jobStates(h.sql, jobs);
  await h.sink.goOnline();
  await h.sink.setMode("accept");
  const recovering = performance.now();
  const done = await until(() => settled(h.sql, JOBS.digestMail, ids), 90_000);
  const recoveredS = (performance.now() - recovering) / 1000;
  const afterwards = await digestOutcome(h, jobs);
  const statesAfter = await jobStates(h.sql, jobs);
  const notOnce = afterwards.filter((d) => !d.sent || d.copies !== 1).length;
  return {
    name: "4. SMTP answering 421, then refusing connections, for the length of a digest run",
    figures: [
      `${jobs.length} digests queued; while refused: ${formatStates(statesDuring)} (${statesDuring.reduce((n, s) => n + s.retries, 0)} failed attempts)`,
      `after the SMTP server is back: ${formatStates(statesAfter)} in ${recoveredS.toFixed(1)} s; ${afterwards.filter((d) => d.copies === 1).length} recipients got exactly one digest`,
    ],
    checks: [
      check("every digest was tried while SMTP refused", triedAll && triedOffline, `421: ${triedAll}, offline: ${triedOffline}`),
      check(
        "nothing marked sent while SMTP refused",
        during.every((d) => !d.sent && d.copies === 0),
        `${during.filter((d) => d.sent).length} marked sent, ${during.filter((d) => d.copies > 0).length} received`,
      ),
      check(
        "after recovery every recipient gets their digest once",
        done && jobs.length > 0 && notOnce === 0,
        `${jobs.length} recipients, ${notOnce} not exactly once`,
      ),
      ...(await invariants(h, recorder)),
    ],
  };
}

export async function smtpPermanentFailure(h: Harness): Promise<Outcome> {
  const recorder = new Recorder();
  await publishForDigests(h);
  const victim = h.subscribers[0]!;
  await h.sink.rejectRecipient(victim.email);
  const jobs = await runDigests(h.sql, ++digestRuns);
  const ids = jobs.map((j) => j.id);
  const started = performance.now();
  const done = await until(() => settled(h.sql, JOBS.digestMail, ids), 120_000);
  const seconds = (performance.now() - started) / 1000;
  await h.sink.rejectRecipient(null);
  const outcome = await digestOutcome(h, jobs);
  const victimOutcome = outcome.find((d) => d.job.userId === victim.userId);
  const others = outcome.filter((d) => d.job.userId !== victim.userId);
  const [victimJob] = await h.sql<
    { state: string; retry_count: number }[]
  >`SELECT state::text, retry_count FROM pgboss.job WHERE id = ${victimOutcome?.job.id ?? null}::uuid`;
  const deadLetters = await query<{ queue: string; data: string; attempts: number }[]>(h.base, h.adminCookie, "mail.deadLetters");
  const listed = deadLetters.data?.find((d) => d.queue === JOBS.digestMail && d.data.includes(victim.userId));
  return {
    name: "5. SMTP 550 for one recipient",
    figures: [
      `${jobs.length} digests queued, settled in ${seconds.toFixed(1)} s: ${formatStates(await jobStates(h.sql, jobs))}`,
      `the refused recipient's job: ${victimJob?.state ?? "none"} after ${(victimJob?.retry_count ?? 0) + 1} attempt(s); admins' failed-jobs list (mail.deadLetters): ${deadLetters.status}, ${deadLetters.data?.length ?? 0} entries`,
    ],
    checks: [
      check("the refused recipient had a digest due", victimOutcome !== undefined, victim.email),
      check(
        "that delivery is dead-lettered, not sent",
        done && victimJob?.state === "failed" && !victimOutcome?.sent && victimOutcome?.copies === 0,
        `job ${victimJob?.state}`,
      ),
      check(
        "and visible to admins (mail.deadLetters)",
        deadLetters.status === 200 && listed !== undefined,
        listed ? `listed, ${listed.attempts} attempt(s)` : `not listed (${deadLetters.status})`,
      ),
      check(
        "the others unaffected: each got one digest",
        others.length > 0 && others.every((d) => d.sent && d.copies === 1),
        `${others.filter((d) => d.sent && d.copies === 1).length} of ${others.length}`,
      ),
      ...(await invariants(h, recorder)),
    ],
  };
}

export async function workerKilled(h: Harness): Promise<Outcome> {
  const recorder = new Recorder();
  await publishForDigests(h);
  const { held } = await h.sink.holdNext();
  const jobs = await runDigests(h.sql, ++digestRuns);
  const ids = jobs.map((j) => j.id);
  const message = await Promise.race([held, sleep(60_000).then(() => null)]);
  // The worker handed the message over; before the SMTP server says so, and so before the worker
  // marks it sent, kill -9.
  await h.worker.kill();
  // Not only the held message was in flight: others whose data reached the sink before the kill
  // may still be being parsed there, and each of them is sent again too. The ledger is read once
  // it has stopped growing (nothing new can come: the worker is dead until started again).
  let received = await h.sink.ledger();
  for (let before = -1; received.length !== before;) {
    before = received.length;
    await sleep(300);
    received = await h.sink.ledger();
  }
  const inFlight = new Set(received.map((e) => e.messageId));
  await h.sink.release();
  const restarting = performance.now();
  await h.worker.start();
  const done = await until(() => settled(h.sql, JOBS.digestMail, ids), 120_000);
  const seconds = (performance.now() - restarting) / 1000;
  const outcome = await digestOutcome(h, jobs);
  const lost = outcome.filter((d) => !d.sent || d.copies === 0).length;
  const duplicated = outcome.filter((d) => d.copies > 1);
  const heldCopies = outcome.find((d) => d.messageId === message?.messageId)?.copies ?? 0;
  return {
    name: "6. Worker killed (kill -9) between SMTP acceptance and marking",
    figures: [
      `${jobs.length} digests queued; held ${message?.messageId ?? "nothing"} and killed the worker; ${inFlight.size} messages received by then (all runs)`,
      `restarted worker finished in ${seconds.toFixed(1)} s: ${formatStates(await jobStates(h.sql, jobs))}; the held message received ${heldCopies} times; ${duplicated.length} duplicated in all`,
    ],
    checks: [
      check("a message was caught in flight", message !== null, message?.messageId ?? "none within 60 s"),
      check("none lost", done && lost === 0, `${lost} of ${jobs.length} not delivered`),
      check(
        "at most one duplicate per killed in-flight message, with the same Message-ID",
        duplicated.every((d) => d.copies === 2 && inFlight.has(d.messageId!)),
        duplicated.map((d) => `${d.messageId} ×${d.copies}`).join(", ") || "no duplicates",
      ),
      ...(await invariants(h, recorder)),
    ],
  };
}

type Abuse = { kind: string; status: number; ms: number };
const ABUSER_ADDRESS = "127.0.0.5";

/**
 * Requests no client of the app sends: each must be refused (4xx), fast. Abusers send them at
 * the pace of the other users, from an account and an address of their own: this is about what
 * one such request costs; a flood is scenario 9.
 */
function abusiveRequests(h: Harness) {
  const cookie = h.abuser.cookie;
  const feed = { limit: 20 };
  const headers = { "content-type": "application/json", origin: h.base, "sec-fetch-site": "same-origin", cookie };
  const calls = Array.from({ length: 1000 }, () => "notices.feed").join(",");
  const batchInput = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [i, { json: feed }]));
  const huge = Buffer.concat([Buffer.from('{"json":{"x":"'), Buffer.alloc(10 * 1024 * 1024, "a"), Buffer.from('"}}')]);
  return {
    "1,000-call batch (GET)": () =>
      httpFetch(`${h.base}/api/trpc/${calls}?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: feed } }))}`, {
        headers: { cookie },
        localAddress: ABUSER_ADDRESS,
      }),
    "1,000-call batch (POST)": () =>
      httpFetch(`${h.base}/api/trpc/${calls.replaceAll("notices.feed", "notices.create")}?batch=1`, {
        method: "POST",
        headers,
        body: JSON.stringify(batchInput),
        localAddress: ABUSER_ADDRESS,
      }),
    "10 MB body": () => httpFetch(`${h.base}/api/trpc/notices.create`, { method: "POST", headers, body: huge, localAddress: ABUSER_ADDRESS }),
    "page size 1,000,000 (feed)": () =>
      httpFetch(`${h.base}/api/trpc/notices.feed?input=${encodeURIComponent(JSON.stringify({ json: { limit: 1_000_000 } }))}`, {
        headers: { cookie },
        localAddress: ABUSER_ADDRESS,
      }),
    "page size 1,000,000 (search)": () =>
      httpFetch(`${h.base}/api/trpc/notices.search?input=${encodeURIComponent(JSON.stringify({ json: { q: "a", limit: 1_000_000 } }))}`, {
        headers: { cookie },
        localAddress: ABUSER_ADDRESS,
      }),
  };
}

export async function abuse(h: Harness): Promise<Outcome> {
  // The same load just before, without abusers: the reference, taken under the machine's load of
  // the moment (other work shares its two cores) rather than the baseline's.
  const recorder = new Recorder();
  await load(h, recorder, h.profile.abuseSeconds);
  const abuseStart = Date.now();
  const requests = Object.entries(abusiveRequests(h));
  const abuses: Abuse[] = [];
  const deadline = Date.now() + h.profile.abuseSeconds * 1000;
  const abuser = async (offset: number) => {
    for (let i = offset; Date.now() < deadline; i++) {
      const [kind, send] = requests[i % requests.length]!;
      const started = performance.now();
      const status = await send().then(
        (r) => r.status,
        () => 0,
      );
      abuses.push({ kind, status, ms: performance.now() - started });
      await sleep(Math.random() * 2 * h.profile.thinkMs);
    }
  };
  await Promise.all([load(h, recorder, h.profile.abuseSeconds), ...Array.from({ length: h.profile.abusers }, (_, i) => abuser(i))]);
  const others = recorder.summary((s) => s.sent >= abuseStart);
  const reference = recorder.summary((s) => s.at < abuseStart);
  const allowedP95 = Math.max(reference.p95 * P95_TOLERANCE.factor, reference.p95 + P95_TOLERANCE.ms);
  const byKind = requests.map(([kind]) => {
    const of = abuses.filter((a) => a.kind === kind);
    const ms = of.map((a) => a.ms).sort((a, b) => a - b);
    const statuses = [...new Set(of.map((a) => a.status))].join("/");
    return `${kind}: ${of.length} sent, answered ${statuses}, p50 ${percentile(ms, 50).toFixed(0)} ms, p95 ${percentile(ms, 95).toFixed(0)} ms, max ${ms.at(-1)?.toFixed(0)} ms`;
  });
  const accepted = abuses.filter((a) => a.status < 400 || a.status >= 500);
  // A 429 (the abuser's request budget spent) is held up to a second on purpose: timed apart.
  const abuseMs = abuses
    .filter((a) => a.status !== 429)
    .map((a) => a.ms)
    .sort((a, b) => a - b);
  return {
    name: "7. 1,000-call batches, 10 MB bodies, huge page sizes",
    figures: [
      ...byKind,
      `other users meanwhile: ${formatSummary(others)}`,
      `the same load just before, without abusers: ${formatSummary(reference)} (baseline p95 ${h.baselineP95?.toFixed(0)} ms)`,
    ],
    checks: [
      check("every abusive request refused (4xx)", abuses.length > 0 && accepted.length === 0, `${accepted.length} of ${abuses.length} not refused`),
      timing(
        "refused fast, 429s apart (p95 ≤ 1 s)",
        percentile(abuseMs, 95) <= 1000,
        `p95 ${percentile(abuseMs, 95).toFixed(0)} ms; ${abuses.length - abuseMs.length} answered 429`,
      ),
      check("other users unaffected: 0 errors", others.errors === 0, `${others.errors} errors`),
      timing(
        `other users' p95 ≤ ${allowedP95.toFixed(0)} ms (without abusers ×${P95_TOLERANCE.factor} or +${P95_TOLERANCE.ms} ms)`,
        others.p95 <= allowedP95,
        `${others.p95.toFixed(0)} ms`,
      ),
      ...(await invariants(h, recorder)),
    ],
  };
}

// Attackers use source addresses 127.1.x.y, few enough attempts from each that the per-address
// limit never trips: only the per-account throttle can stop them. Everyone else signs in from
// 127.0.0.2.
const ATTEMPTS_PER_ADDRESS = 20;
const WRONG_FIRST = 40;
const METHODS = ["POST", "GET", "PUT", "PATCH"] as const;
const randomIp = () => Array.from({ length: 4 }, () => Math.floor(Math.random() * 254) + 1).join(".");
const attackerAddress = (i: number) => `127.1.${Math.floor(i / 250)}.${(i % 250) + 1}`;
const hasSession = (response: Response) => response.headers.getSetCookie().some((c) => /tianshan\.session=[^;]+/.test(c) && !/Max-Age=0/i.test(c));

/** A CSRF token and its cookie per source address, fetched once each from that address. */
function csrfTokens(h: Harness) {
  const tokens = new Map<string, Promise<{ csrfToken: string; cookie: string }>>();
  const tokenFor = (address: string) => {
    if (!tokens.has(address)) {
      tokens.set(
        address,
        httpFetch(`${h.base}/api/auth/csrf`, { localAddress: address }).then(async (r) => ({
          csrfToken: ((await r.json()) as { csrfToken: string }).csrfToken,
          cookie: r.headers
            .getSetCookie()
            .map((c) => c.split(";")[0])
            .join("; "),
        })),
      );
    }
    return tokens.get(address)!;
  };
  return { tokens, tokenFor };
}

/** Eight attackers sharing the attempts on `target`: what was answered, and whether any got in. */
async function floodAccount(h: Harness, target: string, recorder: Recorder, tokenFor: ReturnType<typeof csrfTokens>["tokenFor"]) {
  const attempts = h.profile.signInAttempts;
  let next = 0;
  let successes = 0;
  let rightPasswords = 0;
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  const attacker = async () => {
    for (let i = next++; i < attempts; i = next++) {
      const address = attackerAddress(Math.floor(i / ATTEMPTS_PER_ADDRESS));
      const method = METHODS[i % METHODS.length]!;
      // The first 40 are wrong (10 of them POSTs, which reach the password check: the account is
      // locked after 5), with room for attempts in flight to arrive out of order. Then every
      // tenth is right.
      const right = i >= WRONG_FIRST && i % 10 === 0;
      if (right) rightPasswords++;
      const { csrfToken, cookie } = await tokenFor(address);
      const form = new URLSearchParams({ csrfToken, email: target, password: right ? DEMO_PASSWORD : `wrong-${i}-password`, json: "true" }).toString();
      const url = `${h.base}/api/auth/callback/credentials${method === "GET" ? `?${form}` : ""}`;
      const t = performance.now();
      const response = await httpFetch(url, {
        method,
        localAddress: address,
        headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-forwarded-for": randomIp() },
        ...(method === "GET" ? {} : { body: form }),
      }).catch(() => null);
      latencies.push(performance.now() - t);
      const status = response?.status ?? 0;
      statuses[status || "none"] = (statuses[status || "none"] ?? 0) + 1;
      recorder.add("post", { status, ms: performance.now() - t });
      if (response && hasSession(response)) {
        const jar = [cookie, ...response.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");
        if ((await query(h.base, jar, "viewer.me")).status === 200) successes++;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, attacker));
  latencies.sort((a, b) => a - b);
  return { attempts, successes, rightPasswords, statuses, latencies };
}

/**
 * The other accounts signing in, from an address of their own, until `stop()` and through each of
 * them at least once: how many got in, and how long each took.
 */
function keepSigningIn(h: Harness, others: Harness["accounts"]) {
  let ok = 0;
  const failed: string[] = [];
  const ms: number[] = [];
  let flooding = true;
  const legitimate = async () => {
    for (let i = 0; flooding || i < others.length; i++) {
      const account = others[i % others.length]!;
      const t = performance.now();
      const failure = await signIn(h.base, account.email, DEMO_PASSWORD, { fetch: (url, init) => httpFetch(url, { ...init, localAddress: "127.0.0.2" }) }).then(
        () => null,
        (error: unknown) => `${account.email}: ${error instanceof Error ? error.message : String(error)}`,
      );
      ms.push(performance.now() - t);
      if (failure) failed.push(failure);
      else ok++;
      await sleep(250);
    }
  };
  const running = legitimate();
  return {
    stop: async () => {
      flooding = false;
      await running;
      return { ok, failed, ms };
    },
  };
}

export async function signInFlood(h: Harness): Promise<Outcome> {
  const recorder = new Recorder();
  const target = "cn.liaison@example.org";
  const { tokens, tokenFor } = csrfTokens(h);
  const started = performance.now();
  // Meanwhile the other accounts keep signing in, from an address of their own.
  const others = h.accounts.filter((a) => a.email !== target);
  const legit = keepSigningIn(h, others);
  const { attempts, successes, rightPasswords, statuses, latencies } = await floodAccount(h, target, recorder, tokenFor);
  const { ok: othersOk, failed: othersFailed, ms: othersMs } = await legit.stop();
  const seconds = (performance.now() - started) / 1000;
  return {
    name: `8. ${attempts} sign-in attempts on one account, rotating X-Forwarded-For and HTTP methods`,
    figures: [
      `${attempts} attempts (${rightPasswords} with the right password) from ${tokens.size} addresses in ${seconds.toFixed(1)} s: by status ${JSON.stringify(statuses)}, p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms`,
      `other accounts signing in meanwhile: ${othersOk} succeeded, ${othersFailed.length} failed; slowest ${Math.max(...othersMs).toFixed(0)} ms`,
    ],
    checks: [
      check("the throttle holds: no sign-in of the attacked account after its lock", successes === 0, `${successes} successes with the right password`),
      check(
        "other accounts keep signing in",
        othersFailed.length === 0 && othersOk >= others.length,
        `${othersOk} ok, ${othersFailed.length} failed ${othersFailed.join("; ")}`,
      ),
      ...(await invariants(h, recorder)),
    ],
  };
}

const FLOODER_ADDRESS = "127.0.0.6";
const BYSTANDER_ADDRESS = "127.0.0.7";
// The flood's verdict: another user's p95 during it at most this many times their p95 without it.
const FLOOD_P95_FACTOR = 2;

/**
 * Other users' reads for `seconds`, each user reading at a person's pace (a pause of 0–400 ms
 * between requests, within their budget): searches and feed pages in turn.
 */
async function bystanderReads(h: Harness, seconds: number) {
  const ms: number[] = [];
  const statuses: Record<string, number> = {};
  const deadline = Date.now() + seconds * 1000;
  const reader = async (user: Session) => {
    for (let i = 0; Date.now() < deadline; i++) {
      const answer =
        i % 2 === 0
          ? await query(h.base, user.cookie, "notices.search", { q: "acetic anhydride" }, { localAddress: BYSTANDER_ADDRESS })
          : await query(h.base, user.cookie, "notices.feed", { limit: 20 }, { localAddress: BYSTANDER_ADDRESS });
      statuses[answer.status || "none"] = (statuses[answer.status || "none"] ?? 0) + 1;
      if (answer.status === 200) ms.push(answer.ms);
      await sleep(Math.random() * 400);
    }
  };
  await Promise.all(h.bystanders.map(reader));
  ms.sort((a, b) => a - b);
  const requests = Object.values(statuses).reduce((a, b) => a + b, 0);
  return { requests, statuses, errors: requests - (statuses["200"] ?? 0), p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

/**
 * One signed-in user floods searches: `flood.connections` at a time, each sent again as soon as
 * it is answered, Retry-After ignored. Other users' reads are measured alone, then during the
 * flood (from a second after its first refusal: until then it spends the flooder's saved-up
 * budget), back to back.
 * Checked: the flooder is refused (429 with Retry-After), the others never are. The verdict,
 * printed: the others' p95 during the flood within twice the one without it.
 */
export async function flood(h: Harness): Promise<Outcome> {
  const { connections, seconds } = h.profile.flood;
  const alone = await bystanderReads(h, seconds);
  let flooding = true;
  const floodStatuses: Record<string, number> = {};
  let retryAfter = 0;
  const flooder = async () => {
    while (flooding) {
      const started = performance.now();
      const response = await httpFetch(trpcUrl(h.base, "notices.search", { q: "acetic anhydride" }), {
        headers: { cookie: h.flooder.cookie },
        localAddress: FLOODER_ADDRESS,
      }).catch(() => null);
      const status = response?.status ?? 0;
      floodStatuses[status || "none"] = (floodStatuses[status || "none"] ?? 0) + 1;
      if (status === 429) retryAfter = Math.max(retryAfter, Number(response!.headers.get("retry-after")));
      // An answer without a pause (an error) would spin: a flood, but of the harness's own CPU.
      if (performance.now() - started < 1) await sleep(1);
    }
  };
  const floodStarted = performance.now();
  const floods = Array.from({ length: connections }, flooder);
  // Measured from a second after the first refusal: until then the flooder spends its saved-up budget.
  await until(async () => (floodStatuses["429"] ?? 0) > 0, 30_000);
  await sleep(1_000);
  const during = await bystanderReads(h, seconds);
  flooding = false;
  await Promise.all(floods);
  const floodSeconds = (performance.now() - floodStarted) / 1000;
  const sent = Object.values(floodStatuses).reduce((a, b) => a + b, 0);
  const bound = alone.p95 * FLOOD_P95_FACTOR;
  const describe = (r: Awaited<ReturnType<typeof bystanderReads>>) =>
    `${r.requests} requests, by status ${JSON.stringify(r.statuses)}, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms`;
  return {
    name: `9. Flood: one user sends ${connections} concurrent searches without pause for ${floodSeconds.toFixed(0)} s while ${h.bystanders.length} others read`,
    figures: [
      `the others alone: ${describe(alone)}`,
      `the others during the flood: ${describe(during)}`,
      `the flood: ${sent} searches (${(sent / floodSeconds).toFixed(0)}/s), by status ${JSON.stringify(floodStatuses)}, longest Retry-After ${retryAfter} s`,
      `verdict: the others' p95 ${during.p95.toFixed(1)} ms during the flood against ${alone.p95.toFixed(1)} ms without it (×${(during.p95 / alone.p95).toFixed(2)}; bound ×${FLOOD_P95_FACTOR}): ${during.p95 <= bound ? "within" : "NOT within"}`,
    ],
    checks: [
      check(
        "the flooder is refused (429 with Retry-After)",
        (floodStatuses["429"] ?? 0) > 0 && retryAfter >= 1,
        `${floodStatuses["429"] ?? 0} refused, Retry-After up to ${retryAfter} s`,
      ),
      check("the others are never refused", alone.errors === 0 && during.errors === 0, `${alone.errors} errors alone, ${during.errors} during the flood`),
      timing(`the others' p95 during the flood ≤ ×${FLOOD_P95_FACTOR} without it (${bound.toFixed(1)} ms)`, during.p95 <= bound, `${during.p95.toFixed(1)} ms`),
    ],
  };
}

export const SCENARIOS = [baseline, cutPosts, databaseOutage, smtpTemporaryFailure, smtpPermanentFailure, workerKilled, abuse, signInFlood, flood, scaleOut];
